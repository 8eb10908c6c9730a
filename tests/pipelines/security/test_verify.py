"""verify: passes on clean output; catches residual PII, leaked keys, statistics and metadata leaks."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from anonymizer import Anonymizer
from pipelines.security import verify_dataset
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY

from .conftest import NEW_AND_OLD


def rewrite(path: Path, row: int, column: str, value: str, *, statistics: bool | list[str] = False,
            metadata: dict[str, str] | None = None) -> None:
    f = pq.ParquetFile(path)
    table = f.read()
    values = table.column(column).to_pylist()
    values[row] = value
    table = table.set_column(table.schema.get_field_index(column), column, pa.array(values, pa.string()))
    meta = {**{k.decode(): v.decode() for k, v in (f.schema_arrow.metadata or {}).items()}, **(metadata or {})}
    pq.write_table(table.replace_schema_metadata(meta), path, write_statistics=statistics)


def the_file(dataset: Path) -> Path:
    return sorted(dataset.rglob("date=2026-03-02/*.parquet"))[0]


def test_clean_output_passes(dataset: Path, security_anonymizer: Anonymizer) -> None:
    report = verify_dataset(dataset, security_anonymizer, NEW_AND_OLD)
    assert report.ok, report.summary_lines()
    assert report.files_checked >= 2 and report.values_scanned > 0 and report.secrets_checked == 3


def test_planted_email_in_text_is_found_with_location_but_no_value(
    dataset: Path, security_anonymizer: Anonymizer
) -> None:
    path = the_file(dataset)
    rewrite(path, 0, "text", "forgot to scrub carol.jones@example.net here")
    report = verify_dataset(dataset, security_anonymizer, NEW_AND_OLD)
    assert not report.ok
    (finding,) = [f for f in report.findings if f.kind == "residual_pii"]
    assert (finding.file, finding.column, finding.row, finding.entity_type) == (str(path), "text", 0, "EMAIL_ADDRESS")
    dumped = json.dumps(report.to_dict()) + "\n".join(report.summary_lines())
    assert "carol" not in dumped


def test_planted_key_in_a_value_metadata_or_other_file_is_found(dataset: Path, security_anonymizer: Anonymizer) -> None:
    path = the_file(dataset)
    rewrite(path, 0, "user_phone", f"x{TEST_HASH_KEY}x", metadata={"note": OTHER_FERNET_KEY})
    (dataset / "notes.txt").write_text(f"key={TEST_FERNET_KEY}\n")
    report = verify_dataset(dataset, security_anonymizer, NEW_AND_OLD)
    leaks = [f for f in report.findings if f.kind == "secret_leak"]
    details = sorted(f.detail or "" for f in leaks)
    assert any(d.startswith("hash key") for d in details)
    assert any("file metadata 'note'" in d for d in details)
    assert any(f.file.endswith("notes.txt") for f in leaks)
    dumped = json.dumps(report.to_dict())
    for key in (TEST_HASH_KEY, TEST_FERNET_KEY, OTHER_FERNET_KEY):
        assert key not in dumped


def test_statistics_on_a_sensitive_column_are_found(dataset: Path, security_anonymizer: Anonymizer) -> None:
    path = the_file(dataset)
    rewrite(path, 0, "user_phone", "(***) ***-0199", statistics=["user_phone", "message_id"])
    kinds = {(f.kind, f.column) for f in verify_dataset(dataset, security_anonymizer, NEW_AND_OLD).findings}
    assert ("statistics", "user_phone") in kinds
    assert ("statistics", "message_id") not in kinds  # ids may have statistics


def test_email_used_as_an_id_is_found_by_pattern(dataset: Path, security_anonymizer: Anonymizer) -> None:
    rewrite(the_file(dataset), 0, "conversation_id", "dave@example.com")
    found = [f for f in verify_dataset(dataset, security_anonymizer, None).findings if f.kind == "residual_pii"]
    assert [(f.column, f.entity_type) for f in found] == [("conversation_id", "EMAIL_ADDRESS")]


def test_unreadable_parquet_is_a_finding(dataset: Path, security_anonymizer: Anonymizer) -> None:
    (dataset / "broken.parquet").write_bytes(b"PAR1 not really")
    report = verify_dataset(dataset, security_anonymizer, NEW_AND_OLD)
    assert [f.kind for f in report.findings] == ["unreadable"]
