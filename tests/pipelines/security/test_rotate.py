"""rotate-keys: every encrypted value moves to the newest key, atomically per file, resumably, with a report."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from anonymizer import RevealError
from anonymizer.tokens import decrypt_value, encrypted_key_ids
from pipelines.security import rotate_dataset
from pipelines.security.rotate import STATE_NAME
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY

from .conftest import NEW_AND_OLD, NEW_ONLY, OLD


def all_key_ids(root: Path) -> set[str]:
    ids: set[str] = set()
    for path in root.rglob("*.parquet"):
        for row in pq.read_table(path).to_pylist():
            for value in row.values():
                if isinstance(value, str):
                    ids.update(encrypted_key_ids(value))
    for path in root.rglob("*.jsonl"):
        for line in path.read_text().splitlines():
            for value in json.loads(line).values():
                if isinstance(value, str):
                    ids.update(encrypted_key_ids(value))
    return ids


def plaintexts(root: Path, keys: object) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            for name in ("user_name", "text"):
                if row[name]:
                    out.append(decrypt_value(row[name], keys)[0])  # type: ignore[arg-type]
    return out


def test_when_rotated_then_old_key_can_be_removed_and_everything_still_decrypts(dataset: Path) -> None:
    before = plaintexts(dataset, OLD)
    assert all_key_ids(dataset) == {OLD.encryption_key_ids[0]}

    report = rotate_dataset(dataset, NEW_AND_OLD)

    assert report.ok
    assert all_key_ids(dataset) == {NEW_ONLY.encryption_key_ids[0]}
    assert plaintexts(dataset, NEW_ONLY) == before  # the old key is gone and nothing is lost
    quarantine = next(dataset.rglob("_quarantine/*.jsonl"))
    raw = json.loads(quarantine.read_text().splitlines()[0])["raw_encrypted"]
    assert NEW_ONLY.decrypt(raw) == "{not json"
    with pytest.raises(RevealError):
        plaintexts(dataset, OLD)


def test_rotation_keeps_metadata_mode_and_no_statistics_and_updates_key_ids(dataset: Path) -> None:
    path = next(dataset.rglob("*.parquet"))
    before = pq.ParquetFile(path).schema_arrow.metadata
    rotate_dataset(dataset, NEW_AND_OLD)
    f = pq.ParquetFile(path)
    after = f.schema_arrow.metadata
    assert after[b"chat_anonymizer.policy_sha256"] == before[b"chat_anonymizer.policy_sha256"]
    assert after[b"chat_anonymizer.encryption_key_ids"].decode() == NEW_ONLY.encryption_key_ids[0]
    assert after[b"chat_anonymizer.rotated_from_key_ids"].decode() == OLD.encryption_key_ids[0]
    assert path.stat().st_mode & 0o777 == 0o600
    for g in range(f.metadata.num_row_groups):
        for c in range(f.metadata.num_columns):
            chunk = f.metadata.row_group(g).column(c)
            if chunk.path_in_schema in ("text", "user_name", "user_email", "user_phone"):
                assert not (chunk.is_stats_set and chunk.statistics.has_min_max), chunk.path_in_schema


def test_report_counts_values_and_key_ids_but_holds_no_value(dataset: Path) -> None:
    report = rotate_dataset(dataset, NEW_AND_OLD)
    totals = report.totals()
    # 2 names, 2 e-mails in text, and 2 quarantined raw records.
    assert totals["values_rotated"] == 6
    assert totals["key_ids_before"] == {OLD.encryption_key_ids[0]: 6}
    assert totals["key_id_after"] == NEW_ONLY.encryption_key_ids[0]
    text = json.dumps(report.to_dict()) + "\n".join(report.summary_lines())
    for value in ("Jane", "jane.doe", "Bob", "555", TEST_FERNET_KEY, OTHER_FERNET_KEY):
        assert value not in text


def test_second_run_skips_finished_files_and_files_already_on_newest_key(dataset: Path) -> None:
    rotate_dataset(dataset, NEW_AND_OLD)
    assert (dataset / STATE_NAME).exists()
    again = rotate_dataset(dataset, NEW_AND_OLD)
    assert {f.status for f in again.files} == {"done_before"}
    assert again.totals()["values_rotated"] == 0
    (dataset / STATE_NAME).unlink()  # without the state file every file is scanned, and found current
    third = rotate_dataset(dataset, NEW_AND_OLD)
    assert {f.status for f in third.files} <= {"current", "no_tokens"}


def test_when_interrupted_then_resume_rotates_only_the_rest(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.security import rotate as rotate_module

    real = rotate_module.rewrite_parquet
    calls = {"n": 0}

    def crash_on_second(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rotate_module, "rewrite_parquet", crash_on_second)
    first = rotate_dataset(dataset, NEW_AND_OLD)
    assert not first.ok and len(first.failed) == 1
    assert "No space" in (first.failed[0].error or "")
    assert not list(dataset.rglob(".*.tmp")), "a failed file leaves no temporary file"
    failed_path = Path(first.failed[0].path)
    assert all_key_ids(failed_path.parent) >= {OLD.encryption_key_ids[0]}  # left exactly as it was

    monkeypatch.setattr(rotate_module, "rewrite_parquet", real)
    second = rotate_dataset(dataset, NEW_AND_OLD)
    assert second.ok
    statuses = {Path(f.path).name: f.status for f in second.files if f.path.endswith(".parquet")}
    assert statuses[failed_path.name] == "rotated"
    assert sorted(statuses.values()).count("done_before") == 1
    assert all_key_ids(dataset) == {NEW_ONLY.encryption_key_ids[0]}


def test_when_a_needed_old_key_is_missing_then_files_fail_untouched(dataset: Path) -> None:
    snapshot = {p: p.read_bytes() for p in dataset.rglob("*") if p.is_file()}
    report = rotate_dataset(dataset, NEW_ONLY)
    assert not report.ok
    assert all("not configured" in (f.error or "") for f in report.failed)
    for path, content in snapshot.items():
        assert path.read_bytes() == content


def test_dry_run_counts_and_writes_nothing(dataset: Path) -> None:
    snapshot = {p: p.read_bytes() for p in dataset.rglob("*") if p.is_file()}
    report = rotate_dataset(dataset, NEW_AND_OLD, dry_run=True)
    assert report.totals()["values_rotated"] == 6
    assert {p: p.read_bytes() for p in dataset.rglob("*") if p.is_file()} == snapshot
