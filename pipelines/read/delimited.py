"""CSV and TSV with a header row: each data row is one record, quoted fields may span lines.

Values are strings as written; an empty cell becomes None (CSV cannot tell the two apart, and "missing" is
what an empty cell means in an export). Rows are decoded as UTF-8 (a leading BOM is dropped); a row holding
bytes that are not UTF-8 is reported as invalid_utf8 and reading goes on. Blank lines are not records.
"row N" counts data rows from 1, after the header.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

from pipelines.read.compression import open_binary
from pipelines.read.records import (
    COLUMN_COUNT_MISMATCH,
    INVALID_UTF8,
    MALFORMED_CSV,
    OVERSIZE_FIELD,
    ReadError,
    SourceRecord,
    apply_mapping,
)

DELIMITERS: Final = {"csv": ",", "tsv": "\t"}


def _is_utf8(fields: list[str]) -> bool:
    # Undecodable bytes were kept as lone surrogates (surrogateescape); those cannot be encoded back strictly.
    try:
        for value in fields:
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _raw_row(fields: list[str], delimiter: str) -> bytes:
    """The row written back in the same dialect, with any undecodable bytes restored as they were."""
    buffer = io.StringIO()
    # The default "\r\n" terminator makes the writer quote a field holding either character.
    csv.writer(buffer, delimiter=delimiter).writerow(fields)
    return buffer.getvalue().encode("utf-8", "surrogateescape")


def _header(source: str, row: list[str]) -> list[str]:
    if not _is_utf8(row):
        raise ReadError(source, "the header row is not valid UTF-8")
    names = [name.strip() or f"column_{index}" for index, name in enumerate(row, start=1)]
    if len(set(names)) != len(names):
        raise ReadError(source, "the header row names a column more than once")
    return names


def read_delimited(
    path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int, *, delimiter: str
) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per data row of a delimited file with a header row."""
    source = str(path)
    # The csv module's field limit is process-wide; the default 128 KiB would reject legitimate long messages.
    csv.field_size_limit(max_record_bytes)
    with open_binary(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        header: list[str] | None = None
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if header is None:
                    raise ReadError(source, "the header row cannot be parsed") from None
                number += 1
                oversize = "field larger than field limit" in str(exc)
                yield SourceRecord(source, f"row {number}", None, OVERSIZE_FIELD if oversize else MALFORMED_CSV, None)
                continue
            if not row or (len(row) == 1 and not row[0].strip() and (header is None or len(header) > 1)):
                continue
            if header is None:
                header = _header(source, row)
                continue
            number += 1
            location = f"row {number}"
            raw = _raw_row(row, delimiter)
            if not _is_utf8(row):
                yield SourceRecord(source, location, None, INVALID_UTF8, raw)
            elif len(row) != len(header):
                yield SourceRecord(source, location, None, COLUMN_COUNT_MISMATCH, raw)
            else:
                record = {name: (value if value != "" else None) for name, value in zip(header, row, strict=True)}
                yield SourceRecord(source, location, apply_mapping(record, mapping), None, raw)


def read_csv(path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Comma-separated values with a header row."""
    return read_delimited(path, mapping, max_record_bytes, delimiter=",")


def read_tsv(path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Tab-separated values with a header row (double quotes still quote, as spreadsheet exports write them)."""
    return read_delimited(path, mapping, max_record_bytes, delimiter="\t")
