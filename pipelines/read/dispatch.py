"""Pick the reader for an input's format and run it: the single entry point the runner calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from pipelines.read.botframework import read_botframework
from pipelines.read.conversations import read_conversations
from pipelines.read.delimited import read_csv, read_tsv
from pipelines.read.detect import FORMATS, detect_format
from pipelines.read.jsonl import read_jsonl
from pipelines.read.parquet import read_parquet
from pipelines.read.records import DEFAULT_MAX_RECORD_BYTES, ReadError, SourceRecord
from pipelines.read.slack import read_slack

Reader = Callable[[Path, Mapping[str, str] | None, int], Iterator[SourceRecord]]

_READERS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "json": read_conversations,
    "csv": read_csv,
    "tsv": read_tsv,
    "parquet": read_parquet,
    "botframework": read_botframework,
    "slack": read_slack,
}


def read_records(
    path: Path,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
    *,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[SourceRecord]:
    """Stream the records of one input, one SourceRecord per physical record, in file order.

    `fmt` is one of FORMATS, or None to detect it. `mapping` maps canonical field -> source field (dots reach
    into nested objects). Records that cannot be parsed come back with `record=None` and a reason code, and
    reading goes on; an input that cannot be read at all raises ReadError while iterating, after the records
    read so far. `max_record_bytes` bounds one JSONL line or CSV field.
    """
    path = Path(path)
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if max_record_bytes < 1:
        raise ValueError("max_record_bytes must be positive")
    return _read(path, fmt, mapping, max_record_bytes)


def _read(
    path: Path, fmt: str | None, mapping: Mapping[str, str] | None, max_record_bytes: int
) -> Iterator[SourceRecord]:
    # A generator, so that detection and opening fail while iterating, like every other read failure.
    chosen = fmt if fmt is not None else detect_format(path)
    if chosen == "slack" and not path.is_dir():
        raise ReadError(path, "a Slack export must be a folder")
    if chosen != "slack" and path.is_dir():
        raise ReadError(path, f"is a folder; only a Slack export folder can be read as one input, not {chosen}")
    yield from _READERS[chosen](path, mapping, max_record_bytes)
