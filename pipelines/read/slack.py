"""Slack workspace export folders: `users.json`, `channels.json`, and one folder per channel of day files.

Each channel folder holds `YYYY-MM-DD.json` files, each a JSON array of messages. Every array element is one
record (joins, bot posts and other subtypes included; the subtype is kept). Conversations: a thread (all
messages carrying the same `thread_ts`, wherever their day files are) is one conversation,
"<channel>:<thread_ts>"; messages outside threads form one conversation per channel and day,
"<channel>:<YYYY-MM-DD>". message_id is "<channel>:<ts>", timestamp the `ts` as UTC ISO 8601, turn the 0-based
position in its conversation in export order, speaker "bot" for bot posts (bot_id or subtype bot_message) and
"user" otherwise.

Names: the user id is kept as `user_id` and resolved through users.json (real_name, else profile.real_name,
else name) into `user_name`, so the policy can anonymize it as a field. User mentions inside the text
(`<@U123>` or `<@U123|label>`) are replaced by the plain name, so that the detector sees a name where Slack
shows one and can anonymize it; a plain name is used rather than "@name" because spaCy reads "@name" as one
token and misses it as a person. Unknown ids stay as they are. Slack's `&amp; &lt; &gt;` escapes are undone.
Other message keys (blocks, files, attachments, user_profile, reactions, ...) are kept as is: they repeat
names and text, so the policy must drop or anonymize them like any other field.

A day file that cannot be parsed does not stop the export: the messages read before the fault are yielded,
then one error record stands for the rest of that file, and reading goes on with the next file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from pipelines.read.compression import open_binary, read_errors
from pipelines.read.jsonstream import TOO_DEEP, JsonStreamError, dump_raw, iter_array
from pipelines.read.records import MALFORMED_JSON, NOT_AN_OBJECT, ReadError, SourceRecord, apply_mapping

_DAY_FILE: Final = re.compile(r"\d{4}-\d{2}-\d{2}\.json\Z")
# <@U024BE7LH> or <@U024BE7LH|bob>; W-prefixed ids are Enterprise Grid users.
_MENTION: Final = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")


def slack_time(ts: Any) -> str | None:
    """Slack's "1700000000.000100" (seconds.microseconds since the epoch) as UTC ISO 8601, or None."""
    if not isinstance(ts, str | int | float) or isinstance(ts, bool):
        return None
    seconds, _, fraction = str(ts).partition(".")
    if not seconds.isdigit() or (fraction and not fraction.isdigit()):
        return None
    # The fraction is read as digits, not through float, which would shift microseconds.
    micros = int((fraction + "000000")[:6]) if fraction else 0
    try:
        moment = datetime.fromtimestamp(int(seconds), tz=UTC).replace(microsecond=micros)
    except (OverflowError, ValueError, OSError):
        return None
    return moment.isoformat()


def load_user_names(folder: Path) -> dict[str, str]:
    """Map user id -> display name from the export's users.json (streamed; absent file -> no names)."""
    path = folder / "users.json"
    names: dict[str, str] = {}
    if not path.is_file():
        return names
    with open_binary(path) as stream:
        try:
            for user in iter_array(stream):
                if not isinstance(user, dict) or not isinstance(user.get("id"), str):
                    continue
                profile = user.get("profile")
                if not isinstance(profile, dict):
                    profile = {}
                for candidate in (user.get("real_name"), profile.get("real_name"), user.get("name")):
                    if isinstance(candidate, str) and candidate.strip():
                        names[user["id"]] = candidate
                        break
        except JsonStreamError as exc:
            raise ReadError(path, f"{exc.problem} in the user list") from None
    return names


def slack_text(text: str, names: Mapping[str, str]) -> str:
    """Message text as Slack shows it: `<@U123>` mentions as the user's name, `&amp; &lt; &gt;` unescaped.

    Mentions resolve through users.json, else the mention's own label; unknown ids stay as they are. The
    entities are unescaped after mentions are resolved, so an escaped "&lt;@U123&gt;" typed by a user stays
    text and is not mistaken for a mention.
    """

    def name_of(match: re.Match[str]) -> str:
        return names.get(match.group(1)) or match.group(2) or match.group(0)

    resolved = _MENTION.sub(name_of, text)
    return resolved.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _Conversations:
    """Conversation ids and turn counters for one channel."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.turns: dict[str, int] = {}

    def next_turn(self, conversation_id: str) -> int:
        turn = self.turns.get(conversation_id, 0)
        self.turns[conversation_id] = turn + 1
        return turn


def _message_record(
    message: dict[str, Any],
    day: str,
    conversations: _Conversations,
    names: Mapping[str, str],
    mapping: Mapping[str, str] | None,
) -> dict[str, Any]:
    channel = conversations.channel
    record = apply_mapping(message, mapping)
    if record.get("type") == "message":
        del record["type"]
    ts = record.pop("ts", None)
    thread_ts = record.get("thread_ts")
    if "conversation_id" not in record:
        record["conversation_id"] = f"{channel}:{thread_ts}" if thread_ts else f"{channel}:{day}"
    if "message_id" not in record:
        record["message_id"] = f"{channel}:{ts}" if ts is not None else None
    if "timestamp" not in record:
        record["timestamp"] = slack_time(ts)
    if "speaker" not in record:
        is_bot = bool(record.get("bot_id")) or record.get("subtype") == "bot_message"
        record["speaker"] = "bot" if is_bot else "user"
    user = record.pop("user", None)
    if "user_id" not in record:
        record["user_id"] = user
    if "user_name" not in record:
        record["user_name"] = names.get(user) if isinstance(user, str) else None
    if isinstance(record.get("text"), str):
        record["text"] = slack_text(record["text"], names)
    if "turn" not in record:
        conversation_id = record["conversation_id"]
        record["turn"] = conversations.next_turn(str(conversation_id))
    return record


def _day_file_records(
    source: str,
    path: Path,
    conversations: _Conversations,
    names: Mapping[str, str],
    mapping: Mapping[str, str] | None,
    max_record_bytes: int,
) -> Iterator[SourceRecord]:
    label = f"{conversations.channel}/{path.name}"
    day = path.name.removesuffix(".json")
    number = 0
    with open_binary(path) as stream:
        try:
            for number, message in enumerate(iter_array(stream), start=1):
                location = f"{label} message {number}"
                if message is TOO_DEEP:
                    yield SourceRecord(source, location, None, MALFORMED_JSON, None)
                    continue
                if not isinstance(message, dict):
                    yield SourceRecord(source, location, None, NOT_AN_OBJECT, dump_raw(message))
                    continue
                raw = dump_raw(message)
                yield SourceRecord(
                    source, location, _message_record(message, day, conversations, names, mapping), None, raw
                )
        except JsonStreamError as exc:
            # The rest of this day file is one bad record; its bytes go to quarantine whole when small enough.
            whole = path.read_bytes() if path.stat().st_size <= max_record_bytes else None
            yield SourceRecord(source, f"{label} message {number + 1}", None, exc.code, whole)


def read_slack(folder: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per message of every channel day file, channels and days in sorted order."""
    source = str(folder)
    if not folder.is_dir():
        raise ReadError(folder, "a Slack export must be a folder")
    names = load_user_names(folder)
    with read_errors(source):
        channels = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for channel in channels:
        conversations = _Conversations(channel.name)
        with read_errors(str(channel)):
            days = sorted(p for p in channel.iterdir() if p.is_file() and _DAY_FILE.match(p.name))
        for day_file in days:
            yield from _day_file_records(source, day_file, conversations, names, mapping, max_record_bytes)
