"""The reader contract: one SourceRecord per physical record, ReadError for an unreadable file."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

CANONICAL_FIELDS: Final = ("conversation_id", "message_id", "turn", "speaker", "timestamp", "text")

# Reason codes for a record that could not be parsed. They are fixed strings so that the quarantine file and
# the run report can count by reason without ever quoting the record itself.
MALFORMED_JSON: Final = "malformed_json"
INVALID_UTF8: Final = "invalid_utf8"
NOT_AN_OBJECT: Final = "not_an_object"
BAD_SHAPE: Final = "bad_shape"
OVERSIZE_LINE: Final = "oversize_line"
OVERSIZE_FIELD: Final = "oversize_field"
COLUMN_COUNT_MISMATCH: Final = "column_count_mismatch"
MALFORMED_CSV: Final = "malformed_csv"
ERROR_CODES: Final = (
    BAD_SHAPE,
    COLUMN_COUNT_MISMATCH,
    INVALID_UTF8,
    MALFORMED_CSV,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    OVERSIZE_FIELD,
    OVERSIZE_LINE,
)

# A JSONL line or a CSV field larger than this is not parsed: it is streamed past and reported.
DEFAULT_MAX_RECORD_BYTES: Final = 100 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One physical record of an input: a parsed, mapped record, or the reason it could not be parsed.

    `record` and `raw` hold content, so they are left out of the repr: a SourceRecord that ends up in a log
    line or a traceback shows where it came from, never what it says.
    """

    source: str
    """The input path as given; never contains record content."""
    location: str
    """Where in the input: "line 12", "row 5", "activity 3", "conversation 2 message 4", ..."""
    record: dict[str, Any] | None = field(repr=False)
    """The parsed record with canonical field names applied, or None when it could not be parsed."""
    error: str | None
    """A reason code from ERROR_CODES when record is None."""
    raw: bytes | None = field(repr=False)
    """The raw bytes of the record when available, for encrypted quarantine."""


class ReadError(Exception):
    """A whole input cannot be read: missing, unreadable, truncated, or not the format claimed.

    The message names the input and the problem and never quotes its content. `source` and `problem` stay
    available as attributes, and as `args` so the error pickles across worker processes.
    """

    def __init__(self, source: str | Path, problem: str) -> None:
        super().__init__(str(source), problem)
        self.source = str(source)
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


_TARGET_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """Parse `FIELD=SOURCE` items (as given to `--map`) into {field: source field}.

    >>> parse_mapping(["text=body", "speaker=author.role"])
    {'text': 'body', 'speaker': 'author.role'}
    """
    if isinstance(items, str):
        # A lone string would otherwise be split into characters, each failing with a confusing message.
        items = [items]
    mapping: dict[str, str] = {}
    for item in items:
        target, sep, source = item.partition("=")
        target, source = target.strip(), source.strip()
        if not sep or not target or not source:
            raise ValueError(f"bad field mapping {item!r}: expected FIELD=SOURCE, for example text=body")
        if not _TARGET_NAME.match(target):
            raise ValueError(
                f"bad field mapping {item!r}: the field name {target!r} must be a plain identifier "
                f"such as {', '.join(CANONICAL_FIELDS)}"
            )
        if target in mapping:
            raise ValueError(f"bad field mapping {item!r}: the field {target!r} is mapped more than once")
        mapping[target] = source
    return mapping


_MISSING: Final = object()


def lookup(record: Mapping[str, Any], source: str) -> Any:
    """The value at `source` (a key, or a dotted path into nested objects), or None when absent."""
    value = _lookup(record, source)
    return None if value is _MISSING else value


def _lookup(record: Mapping[str, Any], source: str) -> Any:
    # A literal key wins over a dotted path so that flat columns named "author.name" (CSV headers, flattened
    # exports) still map.
    if source in record:
        return record[source]
    if "." not in source:
        return _MISSING
    node: Any = record
    for part in source.split("."):
        if not isinstance(node, dict) or part not in node:
            return _MISSING
        node = node[part]
    return node


def _remove(record: dict[str, Any], source: str) -> None:
    if source in record:
        del record[source]
        return
    parents: list[tuple[dict[str, Any], str]] = []
    node: Any = record
    for part in source.split("."):
        if not isinstance(node, dict) or part not in node:
            return
        parents.append((node, part))
        node = node[part]
    container, key = parents.pop()
    del container[key]
    # Drop containers the move emptied, so {"author": {"name": ...}} mapped away leaves no empty "author".
    while parents and not container:
        container, key = parents.pop()
        del container[key]


def apply_mapping(record: dict[str, Any], mapping: Mapping[str, str] | None) -> dict[str, Any]:
    """Move each mapped source field to its target name, in place; unmapped fields keep their names.

    All values are looked up before any is moved, so a mapping may swap two fields. A mapped target overwrites
    a field of the same name. A source that is absent leaves the target unset (the runner validates).
    """
    if not mapping:
        return record
    found: list[tuple[str, str, Any]] = []
    for target, source in mapping.items():
        value = _lookup(record, source)
        if value is not _MISSING:
            found.append((target, source, value))
    for _, source, _ in found:
        _remove(record, source)
    for target, _, value in found:
        record[target] = value
    return record
