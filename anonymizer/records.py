"""The canonical message record: validation into canonical types, and the fixed output schema."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from anonymizer.policy import Policy

REQUIRED_FIELDS = ("conversation_id", "message_id", "text")
_ID_FIELDS = ("conversation_id", "message_id")
DEFAULT_MAX_MESSAGE_BYTES = 100_000


class InvalidRecord(ValueError):
    """A record that cannot be processed; `reason` is a short code such as `missing_field:text`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_timestamp(value: Any) -> datetime | None:
    """ISO 8601 text or epoch seconds -> aware UTC datetime. Naive times are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise InvalidRecord("bad_timestamp")
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise InvalidRecord("bad_timestamp") from None
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidRecord("bad_timestamp") from None
    else:
        raise InvalidRecord("bad_timestamp")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def validate_record(
    record: Any, policy: Policy, max_message_bytes: int | None = None
) -> dict[str, Any]:
    """The record with canonical types (ids as text, `turn` int, `timestamp` UTC datetime).

    Raises InvalidRecord with a reason code; the reason never contains a value from the record.
    """
    if not isinstance(record, Mapping):
        raise InvalidRecord("not_an_object")
    limit = max_message_bytes if max_message_bytes is not None else policy.input.max_message_bytes
    out = dict(record)
    for name in REQUIRED_FIELDS:
        if out.get(name) is None:
            raise InvalidRecord("empty_text" if name == "text" else f"missing_field:{name}")
    for name in _ID_FIELDS:
        value = out[name]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InvalidRecord(f"wrong_type:{name}")
        out[name] = str(value)
        if not out[name].strip():
            raise InvalidRecord(f"missing_field:{name}")
    if not isinstance(out["text"], str):
        raise InvalidRecord("wrong_type:text")
    if not out["text"].strip():
        raise InvalidRecord("empty_text")
    turn = out.get("turn")
    if turn is not None:
        if isinstance(turn, bool):
            raise InvalidRecord("wrong_type:turn")
        if isinstance(turn, str) and turn.strip().lstrip("-").isdigit():
            turn = int(turn.strip())
        if isinstance(turn, float) and turn.is_integer():
            turn = int(turn)
        if not isinstance(turn, int) or not -(2**63) <= turn < 2**63:
            raise InvalidRecord("wrong_type:turn")
        out["turn"] = turn
    speaker = out.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise InvalidRecord("wrong_type:speaker")
    out["timestamp"] = parse_timestamp(out.get("timestamp"))
    for name in policy.text_fields:
        value = out.get(name)
        if isinstance(value, str) and len(value.encode("utf-8", "surrogatepass")) > limit:
            raise InvalidRecord("oversize")
    return out


def output_schema(policy: Policy) -> pa.Schema:
    """The fixed Arrow schema of the output: same for every batch, file and run of a policy."""
    types: dict[str, pa.DataType] = {"turn": pa.int64(), "timestamp": pa.timestamp("us", tz="UTC")}
    columns = [pa.field(name, types.get(name, pa.string())) for name in policy.output_fields()]
    columns.append(pa.field("pii_count", pa.int32()))
    columns.append(pa.field("pii_types", pa.list_(pa.string())))
    return pa.schema(columns)


def sensitive_columns(policy: Policy) -> list[str]:
    """Columns whose values derive from PII: text fields and transformed fields (no statistics for them)."""
    return [*policy.text_fields, *(name for name, spec in policy.fields.items())]


# Speaker values that are roles, not people: reports may name these; anything else is reported as "other",
# because an export can carry a person's name in its speaker field (Slack, mapped author columns).
SPEAKER_ROLES = frozenset(
    {
        "customer", "user", "client", "visitor", "guest", "caller", "member", "human", "enduser",
        "agent", "operator", "staff", "support", "rep", "representative", "advisor", "bot", "assistant",
        "ai", "system", "tool", "function", "developer", "moderator", "admin", "unknown",
    }
)


def speaker_label(speaker: object) -> str:
    """A speaker value safe to put in a report: its role word, else "other" (never a name)."""
    if not isinstance(speaker, str) or not speaker.strip():
        return "unknown"
    value = speaker.strip().lower()
    return value if value in SPEAKER_ROLES else "other"
