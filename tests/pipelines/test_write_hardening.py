"""Write-stage hardening: owner-only output by default, a validated configurable mode, no statistics on PII."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.write import ParquetSink, atomic_output, check_no_statistics, default_file_mode, parse_file_mode
from pipelines.write import files as write_files

SCHEMA = pa.schema([("message_id", pa.string()), ("text", pa.string())])


@pytest.mark.parametrize(("text", "mode"), [("600", 0o600), ("0o640", 0o640), ("644", 0o644)])
def test_file_mode_accepts_owner_read_write_modes(text: str, mode: int) -> None:
    assert parse_file_mode(text) == mode


@pytest.mark.parametrize("text", ["666", "700", "400", "660", "rw", "1600"])
def test_file_mode_refuses_writable_by_others_executable_or_not_owner_writable(text: str) -> None:
    with pytest.raises(ValueError):
        parse_file_mode(text)


def test_default_mode_is_600_and_configurable_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANONYMIZER_FILE_MODE", raising=False)
    assert default_file_mode() == 0o600
    with atomic_output(tmp_path / "a.txt") as tmp:
        tmp.write_text("x")
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("ANONYMIZER_FILE_MODE", "640")
    with atomic_output(tmp_path / "b.txt") as tmp:
        tmp.write_text("x")
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o640
    monkeypatch.setenv("ANONYMIZER_FILE_MODE", "666")
    with pytest.raises(ValueError), atomic_output(tmp_path / "c.txt"):
        pass


def test_parquet_sink_writes_no_statistics_for_sensitive_columns(tmp_path: Path) -> None:
    path = tmp_path / "o.parquet"
    with ParquetSink(path, SCHEMA, metadata={"k": "v"}, sensitive=["text"], mode=0o640) as sink:
        sink.write([{"message_id": "m1", "text": "<PERSON> said hi"}])
    check_no_statistics(path, {"text"})
    assert path.stat().st_mode & 0o777 == 0o640
    with pytest.raises(RuntimeError, match="message_id"):
        check_no_statistics(path, {"message_id"})  # ids do have statistics


def test_when_writer_emits_statistics_anyway_the_file_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pq.ParquetWriter

    def leaky(*args: Any, **kwargs: Any) -> pq.ParquetWriter:
        kwargs["write_statistics"] = True  # a writer-library change that ignores the column list
        return real(*args, **kwargs)

    monkeypatch.setattr(write_files.pq, "ParquetWriter", leaky)
    path = tmp_path / "o.parquet"
    sink = ParquetSink(path, SCHEMA, metadata={}, sensitive=["text"])
    with pytest.raises(RuntimeError, match="sensitive column 'text'"), sink:
        sink.write([{"message_id": "m1", "text": "secret-ish"}])
    assert not path.exists() and not [p for p in os.listdir(tmp_path)]
