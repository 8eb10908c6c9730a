"""Convert hand-written chat markup into canonical JSONL messages and gold PII spans, split dev/test.

The markup is plain UTF-8 text, written by hand, one turn per line:

    # a comment (only at the start of a line, outside a turn)
    === conv 014 [banking]
    bot: Hi, I'm Max, the virtual assistant. What can I help with?
    customer: hi this is [[PERSON:Ngozi Okafor]], my card ending [[PARTIAL_ID:4417]] was declined
    agent: Thanks Ngozi, I'm [[PERSON:Tomasz]]. What's the zip on the account?
    customer: [[ZIP_CODE:60614]]
    customer: new address is [[STREET_ADDRESS:22 Wren Close\\nLeeds LS6 2AB]]
    customer: pasted form:
    | {"name": "[[PERSON:Ana Lima]]",
    |  "dob": "[[DATE_OF_BIRTH:1990-02-11]]"}

- `=== conv <number> [<domain>]` starts a conversation. `<number>` is unique in the file; the
  conversation id is `hw-<number>` (zero-padded to three digits). `<domain>` is free text (`banking`,
  `llm-assistant`, ...) and is kept as the message field `domain`.
- `<speaker>: <text>` is one turn. Speakers: `customer`, `agent`, `bot`, `system`, and the LLM-log roles
  `user` (written as `customer`) and `assistant` (written as `bot`).
- A line starting with `| ` (or a line that is just `|`) continues the previous turn on a new line of the
  same message, for pasted forms, signatures and multi-line addresses.
- Escapes inside a turn: `\\n` newline, `\\t` tab, `\\\\` backslash, `\\[` and `\\]` literal brackets. Any
  other backslash sequence is an error (so a typo cannot silently change the text).
- `[[TYPE:value]]` marks a PII span: the value stays in the clean text, the marker is removed, and one
  gold line records its offsets. Values may hold escapes (`\\n`) and may run over `| ` continuation lines.
  Markers do not nest; the value must not be empty or start or end with whitespace. TYPE must be one of
  ENTITY_TYPES.
- Blank lines are ignored.

Any malformed line stops the conversion with `<file>:<line>: <what is wrong>`.

Output (per split): messages with `conversation_id`, `message_id` (`hw-014-03`), `turn` (from 0),
`speaker`, `timestamp` (fixed ISO 8601 UTC times, increasing within a conversation), `text` and `domain`;
gold lines with `message_id`, `start`, `end`, `entity_type`, `value` (Python str offsets into `text`,
`end` exclusive; `text[start:end] == value` is asserted for every span). Even-numbered conversations go to
`dev`, odd-numbered ones to `test`.

Example:
    python scripts/markup_to_eval.py data/eval/handwritten/chats.markup --out-dir data/eval/handwritten
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ENTITY_TYPES = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "STREET_ADDRESS",
        "ZIP_CODE",
        "LOCATION",
        "CREDIT_CARD",
        "PARTIAL_ID",
        "US_SSN",
        "IBAN_CODE",
        "IP_ADDRESS",
        "URL",
        "DATE_OF_BIRTH",
        "USERNAME",
        "PASSWORD",
        "ACCOUNT_ID",
        "ORDER_ID",
        "NRP",
    }
)

SPEAKERS = {
    "customer": "customer",
    "agent": "agent",
    "bot": "bot",
    "system": "system",
    "user": "customer",
    "assistant": "bot",
}

ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "[": "[", "]": "]"}

HEADER = re.compile(r"^===\s*conv\s+(\d+)\s*(?:\[([^\]]*)\])?\s*$")
TURN = re.compile(r"^([A-Za-z]+):(?: (.*))?$")
CONTINUATION = re.compile(r"^\|(?: (.*))?$")
MARKER_OPEN = re.compile(r"\[\[([A-Z_]+):")

BASE_TIME = datetime(2026, 4, 1, 8, 0, 0, tzinfo=UTC)


class MarkupError(ValueError):
    """A malformed markup line; the message names the file and line number."""


@dataclass
class Turn:
    speaker: str
    raw: str
    line: int  # line number of the turn's first line (1-based)


@dataclass
class Conversation:
    number: int
    domain: str
    line: int
    turns: list[Turn] = field(default_factory=list)

    @property
    def conversation_id(self) -> str:
        return f"hw-{self.number:03d}"


def _error(source: str, line: int, message: str) -> MarkupError:
    return MarkupError(f"{source}:{line}: {message}")


def parse_markup(text: str, source: str = "<markup>") -> list[Conversation]:
    """Split the markup into conversations and raw turns (markers still in place)."""
    conversations: list[Conversation] = []
    seen: dict[int, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("==="):
            match = HEADER.match(line)
            if not match:
                raise _error(source, lineno, "bad conversation header (expected '=== conv <number> [<domain>]')")
            number = int(match.group(1))
            if number in seen:
                raise _error(source, lineno, f"conversation {number} already started on line {seen[number]}")
            seen[number] = lineno
            conversations.append(Conversation(number, (match.group(2) or "").strip(), lineno))
            continue
        if line.startswith("|"):
            cont = CONTINUATION.match(line)
            if not cont:
                raise _error(source, lineno, "continuation lines start with '| '")
            if not conversations or not conversations[-1].turns:
                raise _error(source, lineno, "continuation line without a turn before it")
            conversations[-1].turns[-1].raw += "\n" + (cont.group(1) or "")
            continue
        match = TURN.match(line)
        if not match:
            raise _error(source, lineno, "expected '<speaker>: <text>', a '| ' continuation, or '=== conv' header")
        role = match.group(1).lower()
        if role not in SPEAKERS:
            raise _error(source, lineno, f"unknown speaker {match.group(1)!r} (expected one of {sorted(SPEAKERS)})")
        if not conversations:
            raise _error(source, lineno, "turn before the first '=== conv' header")
        body = match.group(2) or ""
        if not body.strip():
            raise _error(source, lineno, "empty turn")
        conversations[-1].turns.append(Turn(SPEAKERS[role], body, lineno))
    for conv in conversations:
        if not conv.turns:
            raise _error(source, conv.line, f"conversation {conv.number} has no turns")
    return conversations


def render_turn(raw: str, source: str = "<markup>", line: int = 1) -> tuple[str, list[tuple[int, int, str]]]:
    """Clean text and (start, end, type) spans of one raw turn. Errors name the physical line."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_type: str | None = None
    open_start = 0
    open_line = line
    i = 0
    cur_line = line
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\n":
            cur_line += 1
            out.append(ch)
            i += 1
        elif ch == "\\":
            if i + 1 >= n or raw[i + 1] not in ESCAPES:
                seq = raw[i : i + 2]
                raise _error(source, cur_line, f"unknown escape {seq!r} (use \\n, \\t, \\\\, \\[ or \\])")
            out.append(ESCAPES[raw[i + 1]])
            i += 2
        elif raw.startswith("[[", i):
            match = MARKER_OPEN.match(raw, i)
            if not match:
                raise _error(source, cur_line, "'[[' must open a marker '[[TYPE:value]]' (write '\\[\\[' for text)")
            if open_type is not None:
                raise _error(source, cur_line, f"marker inside the {open_type} marker opened on line {open_line}")
            entity_type = match.group(1)
            if entity_type not in ENTITY_TYPES:
                raise _error(source, cur_line, f"unknown entity type {entity_type!r}")
            open_type, open_start, open_line = entity_type, len("".join(out)), cur_line
            i = match.end()
        elif raw.startswith("]]", i):
            if open_type is None:
                raise _error(source, cur_line, "']]' without an open marker (write '\\]\\]' for text)")
            start, end = open_start, len("".join(out))
            value = "".join(out)[start:end]
            if not value:
                raise _error(source, cur_line, f"empty {open_type} value")
            if value != value.strip():
                raise _error(source, cur_line, f"{open_type} value {value!r} starts or ends with whitespace")
            spans.append((start, end, open_type))
            open_type = None
            i += 2
        else:
            out.append(ch)
            i += 1
    if open_type is not None:
        raise _error(source, open_line, f"unclosed {open_type} marker (missing ']]')")
    return "".join(out), spans


def timestamp(number: int, turn: int) -> str:
    start = BASE_TIME + timedelta(days=number % 28, hours=number % 9, minutes=(number * 7) % 60)
    return (start + timedelta(seconds=40 * turn + 7 * (turn % 3))).strftime("%Y-%m-%dT%H:%M:%SZ")


def convert(text: str, source: str = "<markup>") -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Markup -> {"dev": (messages, gold), "test": (messages, gold)}."""
    splits: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {"dev": ([], []), "test": ([], [])}
    for conv in parse_markup(text, source):
        messages, gold = splits["dev" if conv.number % 2 == 0 else "test"]
        for turn_no, turn in enumerate(conv.turns):
            clean, spans = render_turn(turn.raw, source, turn.line)
            if not clean.strip():
                raise _error(source, turn.line, "turn is empty after markup removal")
            message_id = f"{conv.conversation_id}-{turn_no:02d}"
            messages.append(
                {
                    "conversation_id": conv.conversation_id,
                    "message_id": message_id,
                    "turn": turn_no,
                    "speaker": turn.speaker,
                    "timestamp": timestamp(conv.number, turn_no),
                    "text": clean,
                    "domain": conv.domain,
                }
            )
            for start, end, entity_type in spans:
                value = clean[start:end]
                gold.append(
                    {"message_id": message_id, "start": start, "end": end, "entity_type": entity_type, "value": value}
                )
                assert clean[start:end] == value and value.strip() == value and value
    return splits


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def counts_table(splits: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> str:
    """A Markdown table of conversations, messages and gold spans per type per split."""
    names = list(splits)
    rows: list[tuple[str, list[int]]] = [
        ("conversations", [len({m["conversation_id"] for m in splits[s][0]}) for s in names]),
        ("messages", [len(splits[s][0]) for s in names]),
        ("gold spans", [len(splits[s][1]) for s in names]),
    ]
    per_type = {s: Counter(g["entity_type"] for g in splits[s][1]) for s in names}
    for entity_type in sorted(ENTITY_TYPES):
        rows.append((f"`{entity_type}`", [per_type[s][entity_type] for s in names]))
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    lines += [f"| {label} | " + " | ".join(f"{v:,}" for v in values) + " |" for label, values in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("markup", type=Path, help="the markup file")
    parser.add_argument("--out-dir", type=Path, required=True, help="writes dev.jsonl, dev.gold.jsonl, test.*")
    parser.add_argument("--counts", action="store_true", help="also print the counts table (Markdown)")
    args = parser.parse_args(argv)
    try:
        splits = convert(args.markup.read_text(encoding="utf-8"), str(args.markup))
    except MarkupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, (messages, gold) in splits.items():
        _write_jsonl(args.out_dir / f"{name}.jsonl", messages)
        _write_jsonl(args.out_dir / f"{name}.gold.jsonl", gold)
        print(f"{name}: {len(messages)} messages, {len(gold)} gold spans")
    if args.counts:
        print(counts_table(splits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
