"""A Parquet dataset partitioned by message date (`date=YYYY-MM-DD/`), written in staged files published together.

Layout under the dataset root:

    date=2026-03-01/part-<stem>-0000.parquet
    date=__HIVE_DEFAULT_PARTITION__/part-<stem>-0000.parquet     # messages without a timestamp

`__HIVE_DEFAULT_PARTITION__` is Hive's name for a null partition value: polars, pyarrow.dataset and DuckDB all
read it back as a null `date`, so the whole folder is one table. Files are first written under a hidden staged
name (`.part-<stem>-0000.parquet.staged`, invisible to those readers) and renamed into place by `publish`, so
all files of one input appear together, after the caller has decided the input succeeded. The `stem` is the
caller's deterministic name for the input: writing the same input again produces the same file names, which
replace the earlier ones instead of adding to them.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final

import pyarrow as pa

from pipelines.write.files import ParquetSink

PARTITION_KEY: Final = "date"
NULL_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
STAGED_SUFFIX: Final = ".staged"
_PARTITION_RE: Final = re.compile(rf"^{PARTITION_KEY}=(\d{{4}}-\d{{2}}-\d{{2}}|{NULL_PARTITION})$")
_PART_RE: Final = re.compile(r"^part-(?P<stem>[0-9a-z-]+)-(?P<seq>\d{4})\.parquet$")


def partition_value(timestamp: datetime | None) -> str:
    """The partition a message goes to: the UTC date of its timestamp, or the null partition."""
    if timestamp is None:
        return NULL_PARTITION
    # Naive times are UTC, as in the record validation.
    aware = timestamp if timestamp.tzinfo is not None else timestamp.replace(tzinfo=UTC)
    return aware.astimezone(UTC).date().isoformat()


def partition_date(name: str) -> date | None:
    """The date of a partition folder name (`date=2026-03-01`), None for the null partition or any other name."""
    match = _PARTITION_RE.match(name)
    if match is None or match.group(1) == NULL_PARTITION:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def is_partition_dir(path: Path) -> bool:
    return path.is_dir() and _PARTITION_RE.match(path.name) is not None


def partition_dirs(root: Path) -> list[Path]:
    """The partition folders of the dataset, sorted (the null partition last)."""
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if is_partition_dir(p)), key=lambda p: (p.name.endswith("__"), p.name))


def files_in_partition(folder: Path, stem: str | None = None) -> list[Path]:
    """Published data files in one partition folder (of one input stem, if given). Files this module did not
    name are never listed, so a caller cannot delete a file someone else put in the folder."""
    found = []
    for file in sorted(folder.iterdir()):
        match = _PART_RE.match(file.name)
        if match and (stem is None or match.group("stem") == stem):
            found.append(file)
    return found


def part_files(root: Path, stem: str | None = None) -> list[Path]:
    """Published data files of the whole dataset (of one input stem, if given)."""
    return [file for folder in partition_dirs(root) for file in files_in_partition(folder, stem)]


def staged_name(final: Path) -> Path:
    return final.with_name(f".{final.name}{STAGED_SUFFIX}")


def is_leftover(name: str) -> bool:
    """A staged or temporary file left by an interrupted writer: hidden, ending in `.staged` or `.tmp` (the
    atomic writers' `.NAME.PID.tmp`)."""
    return name.startswith(".") and name.endswith((STAGED_SUFFIX, ".tmp"))


def clean_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Delete staged and temporary files in `folders` (not recursive); returns what was deleted.

    Only safe while no writer uses the folders: the job calls it under its lock.
    """
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in folder.iterdir():
            if file.is_file() and is_leftover(file.name):
                file.unlink(missing_ok=True)
                removed.append(file)
    return removed


def fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to disk: a rename is only durable once both are."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(pairs: Sequence[tuple[Path, Path]]) -> list[Path]:
    """Rename staged files to their final names, durably: data synced before the renames, folders after.

    A crash part-way leaves some final names in place; they are the same names (and contents) a rerun of the
    same input writes, so the rerun replaces them rather than duplicating them.
    """
    for staged, _ in pairs:
        fsync_path(staged)
    for staged, final in pairs:
        os.replace(staged, final)
    for folder in sorted({final.parent for _, final in pairs}):
        fsync_path(folder)
    return [final for _, final in pairs]


class PartitionedSink:
    """Routes rows to one staged ParquetSink per partition; `staged` lists (staged, final) pairs to publish.

    Each partition's file is an ordinary ParquetSink (same schema, metadata and privacy-safe statistics as a
    single-file run). At most `max_open` partition writers stay open, each buffering up to `row_group_rows`
    rows, so memory stays bounded when one export spans many days: the least recently used writer is closed
    and a later row for its date starts the next file (`-0001`). The sequence depends only on the input's row
    order, so the same input always gets the same file names.
    """

    def __init__(
        self,
        root: Path,
        stem: str,
        schema: pa.Schema,
        *,
        metadata: Mapping[str, str],
        sensitive: Sequence[str],
        max_open: int = 16,
        row_group_rows: int = 10_000,
    ) -> None:
        if not re.fullmatch(r"[0-9a-z-]+", stem):
            raise ValueError("stem must be lower-case letters, digits and dashes")
        if PARTITION_KEY in schema.names:
            raise ValueError(f"the output already has a column named '{PARTITION_KEY}', the partition key")
        self.root = root
        self.path = root
        self.stem = stem
        self.schema = schema
        self.metadata = dict(metadata)
        self.sensitive = list(sensitive)
        self.max_open = max_open
        self.row_group_rows = row_group_rows
        self.rows_by_partition: dict[str, int] = {}
        self.staged: list[tuple[Path, Path]] = []
        self._open: OrderedDict[str, ParquetSink] = OrderedDict()
        self._next_seq: dict[str, int] = {}

    def __enter__(self) -> PartitionedSink:
        return self

    def _sink(self, partition: str) -> ParquetSink:
        sink = self._open.get(partition)
        if sink is not None:
            self._open.move_to_end(partition)
            return sink
        if len(self._open) >= self.max_open:
            _, oldest = self._open.popitem(last=False)
            oldest.__exit__(None, None, None)
        seq = self._next_seq.get(partition, 0)
        self._next_seq[partition] = seq + 1
        final = self.root / f"{PARTITION_KEY}={partition}" / f"part-{self.stem}-{seq:04d}.parquet"
        staged = staged_name(final)
        sink = ParquetSink(
            staged, self.schema, metadata=self.metadata, sensitive=self.sensitive, row_group_rows=self.row_group_rows
        )
        sink.__enter__()
        self._open[partition] = sink
        self.staged.append((staged, final))
        return sink

    def write(self, rows: Sequence[Mapping[str, Any]], partitions: Sequence[str]) -> None:
        """Write `rows[i]` to partition `partitions[i]` (see `partition_value`); order within a partition is kept."""
        grouped: dict[str, list[Mapping[str, Any]]] = {}
        for row, partition in zip(rows, partitions, strict=True):
            grouped.setdefault(partition, []).append(row)
        for partition, group in grouped.items():
            self._sink(partition).write(group)
            self.rows_by_partition[partition] = self.rows_by_partition.get(partition, 0) + len(group)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # Close every writer even if one fails; on any error no staged file is left behind.
        error: BaseException | None = None
        while self._open:
            _, sink = self._open.popitem(last=False)
            try:
                sink.__exit__(exc_type, exc, tb)
            except BaseException as close_error:  # re-raised below, once the others are closed
                error = error or close_error
        if exc_type is not None or error is not None:
            self.discard()
        if error is not None:
            raise error

    def discard(self) -> None:
        """Remove every staged file of this sink (nothing was published)."""
        for staged, _ in self.staged:
            staged.unlink(missing_ok=True)
        self.staged = []
