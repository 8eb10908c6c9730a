"""The partitioned dataset writer (pipelines/write/dataset.py): staging, publishing, bounded open writers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

from pipelines.write.dataset import (
    NULL_PARTITION,
    PartitionedSink,
    clean_leftovers,
    part_files,
    partition_date,
    partition_value,
    publish,
)

SCHEMA = pa.schema([("message_id", pa.string()), ("text", pa.string())])


def write(root: Path, rows: list[tuple[str, str]], max_open: int = 16) -> PartitionedSink:
    with PartitionedSink(
        root, "abc-123", SCHEMA, metadata={"k": "v"}, sensitive=["text"], max_open=max_open
    ) as sink:
        for message_id, partition in rows:
            sink.write([{"message_id": message_id, "text": "x"}], [partition])
    return sink


def test_the_partition_is_the_utc_date_and_undated_messages_go_to_the_null_partition() -> None:
    late_evening_west = datetime(2026, 3, 1, 22, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert partition_value(late_evening_west) == "2026-03-02"
    assert partition_value(datetime(2026, 3, 1, 23, 59)) == "2026-03-01"  # naive is UTC
    assert partition_value(None) == NULL_PARTITION
    assert partition_date("date=2026-03-02") == datetime(2026, 3, 2, tzinfo=UTC).date()
    assert partition_date(f"date={NULL_PARTITION}") is None and partition_date("date=junk") is None


def test_files_stay_staged_and_invisible_until_published(tmp_path: Path) -> None:
    sink = write(tmp_path, [("m1", "2026-03-01"), ("m2", "2026-03-02")])
    assert part_files(tmp_path) == []
    assert not list(tmp_path.glob("**/*.parquet"))  # staged names do not match a reader's glob

    finals = publish(sink.staged)

    assert sorted(p.relative_to(tmp_path).as_posix() for p in finals) == [
        "date=2026-03-01/part-abc-123-0000.parquet", "date=2026-03-02/part-abc-123-0000.parquet",
    ]
    assert pl.scan_parquet(str(tmp_path / "**" / "*.parquet"), hive_partitioning=True).collect().height == 2


def test_with_few_open_writers_a_long_export_rolls_to_numbered_files_deterministically(tmp_path: Path) -> None:
    days = [f"2026-03-0{d}" for d in (1, 2, 3)]
    rows = [(f"m{i}", days[i % 3]) for i in range(9)]  # interleaved dates: each write evicts a writer
    first = publish(write(tmp_path / "a", rows, max_open=2).staged)
    second = publish(write(tmp_path / "b", rows, max_open=2).staged)

    names = sorted(p.relative_to(tmp_path / "a").as_posix() for p in first)
    assert names == sorted(p.relative_to(tmp_path / "b").as_posix() for p in second)
    assert "date=2026-03-01/part-abc-123-0002.parquet" in names
    table = pl.scan_parquet(str(tmp_path / "a" / "**" / "*.parquet"), hive_partitioning=True).collect()
    assert sorted(table["message_id"].to_list()) == sorted(m for m, _ in rows)


def test_an_error_while_writing_leaves_no_file_at_all(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), PartitionedSink(
        tmp_path, "abc-123", SCHEMA, metadata={}, sensitive=[], max_open=1
    ) as sink:
        sink.write([{"message_id": "m1", "text": "x"}], ["2026-03-01"])
        sink.write([{"message_id": "m2", "text": "x"}], ["2026-03-02"])  # evicts, closing the first file
        raise RuntimeError("reader failed")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_partition_column_in_the_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="partition key"):
        PartitionedSink(tmp_path, "abc", pa.schema([("date", pa.string())]), metadata={}, sensitive=[])


def test_leftover_cleanup_removes_only_hidden_staged_and_temporary_files(tmp_path: Path) -> None:
    keep = [tmp_path / "part-abc-0000.parquet", tmp_path / "notes.tmp", tmp_path / ".keep"]
    drop = [tmp_path / ".part-abc-0000.parquet.staged", tmp_path / "..part-abc-0000.parquet.staged.12.tmp",
            tmp_path / ".manifest.json.99.tmp"]
    for path in keep + drop:
        path.write_text("x")
    assert sorted(clean_leftovers([tmp_path, tmp_path / "missing"])) == sorted(drop)
    assert all(p.exists() for p in keep)
