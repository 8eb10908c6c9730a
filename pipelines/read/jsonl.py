"""JSON Lines / NDJSON: one object per line, read as binary lines so one bad line never stops the file."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

from pipelines.read.compression import open_binary
from pipelines.read.records import (
    INVALID_UTF8,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    OVERSIZE_LINE,
    SourceRecord,
    apply_mapping,
)

_BOM: Final = b"\xef\xbb\xbf"
# How much of an oversize line is pulled through memory at a time while skipping it.
_SKIP_CHUNK: Final = 1024 * 1024


def read_jsonl(path: Path, mapping: Mapping[str, str] | None, max_line_bytes: int) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per non-blank line; blank lines are separators, not records.

    Line numbers count every physical line (blank ones too) so "line 12" is where an editor shows it.
    """
    source = str(path)
    with open_binary(path) as stream:
        line_no = 0
        while True:
            # One byte over the limit tells a line of exactly max_line_bytes from a longer one.
            line = stream.readline(max_line_bytes + 1)
            if not line:
                return
            line_no += 1
            location = f"line {line_no}"
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                while True:
                    chunk = stream.readline(_SKIP_CHUNK)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                yield SourceRecord(source, location, None, OVERSIZE_LINE, None)
                continue
            if line_no == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            raw = line.rstrip(b"\r\n")
            if not raw.strip():
                continue
            yield parse_json_line(source, location, raw, mapping)


def parse_json_line(source: str, location: str, raw: bytes, mapping: Mapping[str, str] | None) -> SourceRecord:
    """Parse one line's bytes into a SourceRecord; never raises for bad content."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return SourceRecord(source, location, None, INVALID_UTF8, raw)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        # ValueError covers JSONDecodeError and integers past the int-string limit; RecursionError a
        # pathologically nested line.
        return SourceRecord(source, location, None, MALFORMED_JSON, raw)
    if not isinstance(value, dict):
        return SourceRecord(source, location, None, NOT_AN_OBJECT, raw)
    return SourceRecord(source, location, apply_mapping(value, mapping), None, raw)
