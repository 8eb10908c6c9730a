"""reveal: decrypts chosen columns for a key holder, writes mode 600, audits every attempt, fails cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from anonymizer import RevealError
from pipelines.security import check_audit_chain, read_audit_log, reveal_file, rotate_dataset

from .conftest import NEW_AND_OLD, NEW_ONLY, OLD


def first_file(dataset: Path) -> Path:
    return sorted(dataset.rglob("date=2026-03-02/*.parquet"))[0]


def test_reveal_decrypts_whole_fields_and_tokens_in_text_and_audits(dataset: Path, tmp_path: Path) -> None:
    src, out, audit = first_file(dataset), tmp_path / "revealed.parquet", tmp_path / "audit" / "audit.jsonl"
    report = reveal_file(src, ["user_name", "text"], out, OLD, audit_log=audit, operator="alice (SEC-1)")

    row = pq.read_table(out).to_pylist()[0]
    assert row["user_name"] == "Bob Smith"
    assert row["text"] == "You can also use bob.smith@example.org or call (***) ***-0199"
    assert row["user_email"] == pq.read_table(src).to_pylist()[0]["user_email"]  # not asked for: unchanged
    assert out.stat().st_mode & 0o777 == 0o600
    assert report.rows == 1 and dict(report.values_decrypted) == {"user_name": 1, "text": 1}

    (record,) = read_audit_log(audit)
    assert record["outcome"] == "ok" and record["operator"] == "alice (SEC-1)"
    assert record["columns"] == ["user_name", "text"] and record["rows"] == 1
    assert record["key_ids"] == OLD.encryption_key_ids and record["os_user"]
    assert record["file"] == str(src.resolve())
    assert "Bob" not in audit.read_text() and "bob.smith" not in audit.read_text()
    assert audit.stat().st_mode & 0o777 == 0o600


def test_revealed_columns_carry_no_statistics(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.parquet"
    reveal_file(first_file(dataset), ["user_name"], out, OLD, audit_log=tmp_path / "a.jsonl")
    meta = pq.ParquetFile(out).metadata
    for c in range(meta.num_columns):
        chunk = meta.row_group(0).column(c)
        if chunk.path_in_schema in ("user_name", "text"):
            assert not (chunk.is_stats_set and chunk.statistics.has_min_max)
    assert pq.ParquetFile(out).schema_arrow.metadata[b"chat_anonymizer.revealed_columns"] == b"user_name"


def test_when_key_is_wrong_then_reveal_fails_cleanly_without_output(dataset: Path, tmp_path: Path) -> None:
    out, audit = tmp_path / "revealed.parquet", tmp_path / "audit.jsonl"
    with pytest.raises(RevealError, match="not among the configured keys"):
        reveal_file(first_file(dataset), ["user_name"], out, NEW_ONLY, audit_log=audit)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != "audit.jsonl" and p.name != "dataset"] == []
    (record,) = read_audit_log(audit)
    assert record["outcome"] == "failed" and record["reason"] == "RevealError" and record["rows"] == 0


def test_after_rotation_reveal_works_with_only_the_new_key(dataset: Path, tmp_path: Path) -> None:
    rotate_dataset(dataset, NEW_AND_OLD)
    out = tmp_path / "r.parquet"
    reveal_file(first_file(dataset), ["user_name"], out, NEW_ONLY, audit_log=tmp_path / "a.jsonl")
    assert pq.read_table(out).column("user_name").to_pylist() == ["Bob Smith"]


@pytest.mark.parametrize("columns", [["nope"], ["pii_count"], []])
def test_unknown_or_non_text_column_is_refused_and_audited(dataset: Path, tmp_path: Path, columns: list[str]) -> None:
    with pytest.raises(ValueError):
        reveal_file(first_file(dataset), columns, tmp_path / "r.parquet", OLD, audit_log=tmp_path / "a.jsonl")
    assert not (tmp_path / "r.parquet").exists()
    assert read_audit_log(tmp_path / "a.jsonl")[0]["outcome"] == "failed"


def test_existing_output_is_not_overwritten_unless_asked(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.parquet"
    out.write_text("keep me")
    with pytest.raises(ValueError, match="exists"):
        reveal_file(first_file(dataset), ["user_name"], out, OLD, audit_log=tmp_path / "a.jsonl")
    assert out.read_text() == "keep me"
    reveal_file(first_file(dataset), ["user_name"], out, OLD, audit_log=tmp_path / "a.jsonl", overwrite=True)
    assert pq.read_table(out).num_rows == 1


def test_when_audit_append_fails_then_nothing_is_revealed(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.security.audit import AuditLog

    def refuse(self: AuditLog, event: object) -> dict[str, object]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(AuditLog, "append", refuse)
    out = tmp_path / "r.parquet"
    with pytest.raises(OSError, match="nothing was revealed"):
        reveal_file(first_file(dataset), ["user_name"], out, OLD, audit_log=tmp_path / "a.jsonl")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_audit_log_is_append_only_and_hash_chained(dataset: Path, tmp_path: Path) -> None:
    audit = tmp_path / "a.jsonl"
    for n in range(3):
        reveal_file(first_file(dataset), ["user_name"], tmp_path / f"r{n}.parquet", OLD, audit_log=audit)
    assert len(read_audit_log(audit)) == 3
    assert check_audit_chain(audit) == []
    lines = audit.read_text().splitlines()
    tampered = json.loads(lines[1])
    tampered["rows"] = 0
    audit.write_text("\n".join([lines[0], json.dumps(tampered), lines[2]]) + "\n")
    assert check_audit_chain(audit) == [3]  # the line after the edited one no longer matches
