"""Nested conversation JSON, the shape chat-completion logs use: conversations each holding a messages list.

Accepted documents: `[{"id": ..., "messages": [...]}, ...]` or `{"conversations": [...], ...}`. Each message
becomes one record: conversation_id from the conversation's `conversation_id` or `id`; message_id the message's
`id` or "<conversation_id>:<index>"; turn its 0-based index; speaker its `role`; text its `content` (a list of
content parts is joined: the `text` of each text part, one per line); timestamp its `created_at` or
`timestamp`. Other message keys are kept. An array element without a `messages` key is read as a message of
its own, so a plain JSON array of messages works too.

A mapping is applied to each message first (so `--map speaker=author.role` works); a mapped source that the
message lacks is then looked up in its conversation (so `--map conversation_id=session` works).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipelines.read.compression import open_binary
from pipelines.read.jsonstream import TOO_DEEP, JsonStreamError, dump_raw, iter_array
from pipelines.read.records import (
    BAD_SHAPE,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    ReadError,
    SourceRecord,
    apply_mapping,
    lookup,
)


def content_text(content: Any) -> Any:
    """The text of a message `content`: a string as is, a list of parts joined, anything else unchanged."""
    if not isinstance(content, list):
        return content
    texts: list[str] = []
    for part in content:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, dict) and part.get("type", "text") == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
    return "\n".join(texts)


def _message_record(
    message: dict[str, Any],
    conversation: dict[str, Any],
    conversation_id: Any,
    index: int,
    mapping: Mapping[str, str] | None,
) -> dict[str, Any]:
    record = apply_mapping(message, mapping)
    for target, source in (mapping or {}).items():
        if target not in record:
            value = lookup(conversation, source)
            if value is not None:
                record[target] = value
    if "speaker" not in record and "role" in record:
        record["speaker"] = record.pop("role")
    if "text" not in record and "content" in record:
        record["text"] = content_text(record.pop("content"))
    if "timestamp" not in record:
        for name in ("created_at", "timestamp"):
            if name in record:
                record["timestamp"] = record.pop(name)
                break
    record.setdefault("conversation_id", conversation_id)
    if "message_id" not in record:
        own_id = record.pop("id", None)
        record["message_id"] = own_id if own_id is not None else f"{conversation_id}:{index}"
    record.setdefault("turn", index)
    return record


def read_conversations(path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per message of every conversation (or per element of a flat message array)."""
    del max_record_bytes  # elements are parsed incrementally; there is no line to bound
    source = str(path)
    position = "the start"
    with open_binary(path) as stream:
        try:
            for number, element in enumerate(iter_array(stream, "conversations"), start=1):
                position = f"element {number}"
                yield from _element_records(source, number, element, mapping)
        except JsonStreamError as exc:
            raise ReadError(source, f"{exc.problem} after {position}") from None


def _element_records(
    source: str, number: int, element: Any, mapping: Mapping[str, str] | None
) -> Iterator[SourceRecord]:
    if element is TOO_DEEP:
        yield SourceRecord(source, f"conversation {number}", None, MALFORMED_JSON, None)
        return
    if not isinstance(element, dict):
        yield SourceRecord(source, f"conversation {number}", None, NOT_AN_OBJECT, dump_raw(element))
        return
    if "messages" not in element:
        raw = dump_raw(element)
        yield SourceRecord(source, f"message {number}", apply_mapping(element, mapping), None, raw)
        return
    messages = element.pop("messages")
    if not isinstance(messages, list):
        element["messages"] = messages
        yield SourceRecord(source, f"conversation {number}", None, BAD_SHAPE, dump_raw(element))
        return
    conversation_id = element.get("conversation_id", element.get("id"))
    for index, message in enumerate(messages):
        location = f"conversation {number} message {index + 1}"
        raw = dump_raw(message)
        if not isinstance(message, dict):
            yield SourceRecord(source, location, None, NOT_AN_OBJECT, raw)
            continue
        record = _message_record(message, element, conversation_id, index, mapping)
        yield SourceRecord(source, location, record, None, raw)
