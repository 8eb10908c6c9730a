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
FILE_MODE_ENV = "ANONYMIZER_FILE_MODE"


def parse_file_mode(text: str | int) -> int:
    """An output file mode such as `600` or `0o640`. Owner read/write is required; write access for
    group or others, execute bits and special bits are refused (anonymized output is still sensitive)."""
    try:
        mode = text if isinstance(text, int) else int(str(text).strip().removeprefix("0o"), 8)
    except ValueError:
        raise ValueError(f"file mode '{text}' is not an octal mode such as 600 or 640") from None
    if not 0 <= mode <= 0o777 or mode & 0o600 != 0o600 or mode & 0o133:
        raise ValueError(
            f"file mode {mode:04o} is not allowed: the owner must read and write, nobody may execute, and "
            "only the owner may write (e.g. 600, 640, 644)"
        )
    return mode


def default_file_mode() -> int:
    """Mode of new output files: $ANONYMIZER_FILE_MODE if set (validated), else owner-only 600."""
    value = os.environ.get(FILE_MODE_ENV, "").strip()
    return parse_file_mode(value) if value else OUTPUT_MODE


def check_no_statistics(path: Path, columns: Sequence[str] | set[str]) -> None:
    """Raise if the Parquet file at `path` carries min/max statistics for any of `columns`."""
    meta = pq.ParquetFile(path).metadata
    wanted = set(columns)
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        for c in range(rg.num_columns):
            chunk = rg.column(c)
            top = chunk.path_in_schema.split(".", 1)[0]
            if top in wanted and chunk.is_stats_set and chunk.statistics is not None and chunk.statistics.has_min_max:
                raise RuntimeError(f"{path.name}: Parquet statistics were written for sensitive column '{top}'")


@contextlib.contextmanager
def atomic_output(path: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is renamed over `path`, on error removed.

    Readers never see a half-written file, and a killed run leaves only a `.tmp` that the next run ignores.
    The file is created with `mode` (default: `default_file_mode()`, owner-only 600) from the start, so
    it is never readable by others, not even while it is being written.
    """
    mode = default_file_mode() if mode is None else mode
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
    Before the file is renamed into place its footer is re-read and the write fails if a sensitive column
    has statistics after all (a guard against a writer-library change). `mode` defaults to
    `default_file_mode()` (600 unless $ANONYMIZER_FILE_MODE says otherwise).
    """

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        *,
        metadata: Mapping[str, str],
        sensitive: Sequence[str],
        row_group_rows: int = 10_000,
        mode: int | None = None,
    ) -> None:
        self.path = path
        self.mode = mode
        self.schema = schema.with_metadata({**(schema.metadata or {}), **{k: v for k, v in metadata.items()}})
        self.sensitive = set(sensitive)
        self.row_group_rows = row_group_rows
        self.rows_written = 0
        self._buffer: list[dict[str, Any]] = []
        self._atomic: contextlib.AbstractContextManager[Path] | None = None
        self._writer: pq.ParquetWriter | None = None
        self._tmp: Path | None = None

    def __enter__(self) -> ParquetSink:
        self._atomic = atomic_output(self.path, self.mode)
        tmp = self._tmp = self._atomic.__enter__()
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
            if exc_type is None and self._tmp is not None:
                check_no_statistics(self._tmp, self.sensitive)
        except BaseException as error:
            # A failure while finishing the file (last flush, close, statistics guard) must discard the
            # temporary file, not publish it: hand the error to atomic_output.
            self._atomic.__exit__(type(error), error, error.__traceback__)
            raise
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
