"""Writers: Parquet with privacy-safe settings, findings as JSONL or Parquet; all atomic (temp, then rename)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

OUTPUT_MODE = 0o600


@contextlib.contextmanager
def atomic_output(path: Path, mode: int = OUTPUT_MODE) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is renamed over `path`, on error removed.

    Readers never see a half-written file, and a killed run leaves only a `.tmp` that the next run ignores.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


class ParquetSink:
    """Writes rows to one Parquet file in row groups.

    Column statistics are written only for columns that are not derived from PII (`sensitive` lists the
    ones that are): min/max statistics of an anonymized column could still expose a value, e.g. the
    alphabetically first masked e-mail. File metadata carries provenance (policy hash, key ids), never keys.
    """

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        *,
        metadata: Mapping[str, str],
        sensitive: Sequence[str],
        row_group_rows: int = 10_000,
    ) -> None:
        self.path = path
        self.schema = schema.with_metadata({**(schema.metadata or {}), **{k: v for k, v in metadata.items()}})
        self.sensitive = set(sensitive)
        self.row_group_rows = row_group_rows
        self.rows_written = 0
        self._buffer: list[dict[str, Any]] = []
        self._atomic: contextlib.AbstractContextManager[Path] | None = None
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> ParquetSink:
        self._atomic = atomic_output(self.path)
        tmp = self._atomic.__enter__()
        stats_columns = [f.name for f in self.schema if f.name not in self.sensitive]
        self._writer = pq.ParquetWriter(
            tmp,
            self.schema,
            compression="zstd",
            write_statistics=stats_columns,
            write_page_index=False,
            store_schema=True,
        )
        return self

    def write(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self._buffer.extend(rows)
        if len(self._buffer) >= self.row_group_rows:
            self._flush()

    def _flush(self) -> None:
        if self._buffer and self._writer is not None:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
            self.rows_written += len(self._buffer)
            self._buffer = []

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._atomic is not None and self._writer is not None
        try:
            if exc_type is None:
                self._flush()
            self._writer.close()
        finally:
            self._atomic.__exit__(exc_type, exc, tb)


FINDING_COLUMNS = ("conversation_id", "message_id", "field", "start", "end", "entity_type", "score", "recognizer")
FINDINGS_SCHEMA = pa.schema(
    [
        ("conversation_id", pa.string()),
        ("message_id", pa.string()),
        ("field", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("entity_type", pa.string()),
        ("score", pa.float64()),
        ("recognizer", pa.string()),
    ]
)


class FindingsSink:
    """Findings (positions and types, never the text) as `.jsonl` or `.parquet`, chosen by extension."""

    def __init__(self, path: Path) -> None:
        if path.suffix not in (".jsonl", ".parquet"):
            raise ValueError(f"findings output must end in .jsonl or .parquet, not '{path.suffix or path.name}'")
        self.path = path
        self.count = 0
        self._atomic: contextlib.AbstractContextManager[Path] | None = None
        self._jsonl: IO[str] | None = None
        self._parquet: pq.ParquetWriter | None = None

    def __enter__(self) -> FindingsSink:
        self._atomic = atomic_output(self.path)
        tmp = self._atomic.__enter__()
        if self.path.suffix == ".jsonl":
            self._jsonl = open(tmp, "w", encoding="utf-8")
        else:
            self._parquet = pq.ParquetWriter(tmp, FINDINGS_SCHEMA, compression="zstd")
        return self

    def write(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        if self._jsonl is not None:
            for row in rows:
                self._jsonl.write(json.dumps({k: row[k] for k in FINDING_COLUMNS}) + "\n")
        elif self._parquet is not None:
            self._parquet.write_table(pa.Table.from_pylist(list(rows), schema=FINDINGS_SCHEMA))
        self.count += len(rows)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._atomic is not None
        try:
            if self._jsonl is not None:
                self._jsonl.close()
            if self._parquet is not None:
                self._parquet.close()
        finally:
            self._atomic.__exit__(exc_type, exc, tb)
