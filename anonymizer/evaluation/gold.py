"""Gold spans: the hand-checked (or generated) answer key an evaluation scores findings against."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_FIELD = "text"


@dataclass(frozen=True, slots=True, order=True)
class GoldSpan:
    """One labelled piece of PII: `text[start:end]` of field `field` of message `message_id`."""

    message_id: str
    start: int
    end: int
    entity_type: str
    field: str = DEFAULT_FIELD

    @property
    def key(self) -> tuple[str, str]:
        """Which text this span belongs to: (message_id, field)."""
        return (self.message_id, self.field)


def parse_gold_line(data: Any, where: str) -> GoldSpan:
    """One gold record (`message_id`, `start`, `end`, `entity_type`; optional `field`; other keys ignored)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: a gold record must be a JSON object")
    for name in ("message_id", "start", "end", "entity_type"):
        if data.get(name) is None:
            raise ValueError(f"{where}: missing '{name}'")
    start, end = data["start"], data["end"]
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        raise ValueError(f"{where}: 'start' and 'end' must be integers")
    if not 0 <= start < end:
        raise ValueError(f"{where}: expected 0 <= start < end")
    entity_type = data["entity_type"]
    field = data.get("field", DEFAULT_FIELD)
    if not isinstance(entity_type, str) or not entity_type or not isinstance(field, str):
        raise ValueError(f"{where}: 'entity_type' and 'field' must be non-empty text")
    message_id = data["message_id"]
    if isinstance(message_id, bool) or not isinstance(message_id, (str, int)):
        raise ValueError(f"{where}: 'message_id' must be text or an integer")
    # Ids are compared as text, as validate_record canonicalizes them.
    return GoldSpan(message_id=str(message_id), start=start, end=end, entity_type=entity_type, field=field)


def read_gold(lines: Iterable[str], source: str = "gold") -> list[GoldSpan]:
    """Gold spans from JSONL lines, duplicates removed, in input order. Errors name the line, never a value."""
    spans: list[GoldSpan] = []
    seen: set[GoldSpan] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            raise ValueError(f"{where}: not valid JSON") from None
        span = parse_gold_line(data, where)
        if span not in seen:
            seen.add(span)
            spans.append(span)
    return spans


def load_gold(path: str | Path) -> list[GoldSpan]:
    """Read a gold JSONL file (see `read_gold`)."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            return read_gold(fh, source=str(p))
    except FileNotFoundError:
        raise ValueError(f"gold file not found: {p}") from None
    except UnicodeError:
        raise ValueError(f"gold file {p} is not UTF-8") from None


def group_gold(spans: Iterable[GoldSpan]) -> dict[tuple[str, str], list[GoldSpan]]:
    """Gold spans per (message_id, field), each list sorted by position."""
    grouped: dict[tuple[str, str], list[GoldSpan]] = {}
    for span in spans:
        grouped.setdefault(span.key, []).append(span)
    for items in grouped.values():
        items.sort(key=lambda s: (s.start, s.end, s.entity_type))
    return grouped
