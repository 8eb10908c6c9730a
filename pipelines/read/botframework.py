"""Bot Framework transcripts (`.transcript`, as the Bot Framework Emulator and transcript loggers save them).

A transcript is a JSON array of activities. Only `type == "message"` activities are chat messages and become
records; other activities (conversationUpdate, typing, trace, event, ...) are skipped and are not counted as
records, since they carry no message (trace activities do repeat user text inside debugging state; they are
not written anywhere). An element that is not an object, or has no `type`, cannot be told apart from a
message, so it is reported as a bad record rather than skipped.

Fields: conversation_id = conversation.id, message_id = id, speaker = from.role ("unknown" when absent:
from.name is a person's name, never a role), timestamp = timestamp, text = text, turn = the 0-based count of
message activities so far in the same conversation. from.name and from.id are kept as `user_name` and
`user_id`; every other key (recipient, channelData, attachments, entities, speak, ...) is kept as is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipelines.read.compression import open_binary
from pipelines.read.jsonstream import TOO_DEEP, JsonStreamError, dump_raw, iter_array
from pipelines.read.records import BAD_SHAPE, MALFORMED_JSON, NOT_AN_OBJECT, ReadError, SourceRecord, apply_mapping


def _activity_record(activity: dict[str, Any], turns: dict[Any, int]) -> dict[str, Any]:
    record = activity
    record.pop("type", None)
    sender = record.pop("from", None)
    conversation = record.pop("conversation", None)
    if not isinstance(sender, dict):
        sender = {}
    if "speaker" not in record:
        role = sender.get("role")
        record["speaker"] = role if isinstance(role, str) and role else "unknown"
    if "user_name" not in record and "name" in sender:
        record["user_name"] = sender["name"]
    if "user_id" not in record and "id" in sender:
        record["user_id"] = sender["id"]
    if "conversation_id" not in record:
        record["conversation_id"] = conversation.get("id") if isinstance(conversation, dict) else None
    if "message_id" not in record:
        record["message_id"] = record.pop("id", None)
    if "turn" not in record:
        key = record["conversation_id"]
        key = key if isinstance(key, str | int) else None
        record["turn"] = turns.get(key, 0)
        turns[key] = record["turn"] + 1
    return record


def read_botframework(path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per message activity; location "activity N" counts every activity in the file."""
    del max_record_bytes  # activities are parsed incrementally; there is no line to bound
    source = str(path)
    turns: dict[Any, int] = {}
    number = 0
    with open_binary(path) as stream:
        try:
            for number, activity in enumerate(iter_array(stream), start=1):
                location = f"activity {number}"
                if activity is TOO_DEEP:
                    yield SourceRecord(source, location, None, MALFORMED_JSON, None)
                    continue
                if not isinstance(activity, dict):
                    yield SourceRecord(source, location, None, NOT_AN_OBJECT, dump_raw(activity))
                    continue
                kind = activity.get("type")
                if not isinstance(kind, str):
                    yield SourceRecord(source, location, None, BAD_SHAPE, dump_raw(activity))
                    continue
                if kind != "message":
                    continue
                raw = dump_raw(activity)
                record = _activity_record(apply_mapping(activity, mapping), turns)
                yield SourceRecord(source, location, record, None, raw)
        except JsonStreamError as exc:
            where = f"activity {number}" if number else "the start"
            raise ReadError(source, f"{exc.problem} after {where}") from None
