"""Nested conversation JSON and Bot Framework transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.read import ReadError, SourceRecord, detect_format, read_records

FIXTURES = Path(__file__).parent / "fixtures"


def _read(path: Path, **kwargs: object) -> list[SourceRecord]:
    return list(read_records(path, **kwargs))  # type: ignore[arg-type]


def test_when_conversations_json_then_each_message_is_a_record_with_conversation_fields() -> None:
    records = _read(FIXTURES / "conversations.json")

    assert [r.location for r in records] == [
        "conversation 1 message 1",
        "conversation 1 message 2",
        "conversation 1 message 3",
        "conversation 1 message 4",
        "conversation 2 message 1",
        "conversation 2 message 2",
        "conversation 2 message 3",
    ]
    assert records[1].record == {
        "speaker": "user",
        "text": "Hi, I'm Rosalind Thistlewood and my card ending 4417 was charged twice.",
        "timestamp": "2024-06-01T08:00:05Z",
        "conversation_id": "conv-7f3a",
        "message_id": "conv-7f3a:1",
        "turn": 1,
    }


def test_when_content_is_a_list_of_parts_then_text_parts_are_joined_by_newlines() -> None:
    records = _read(FIXTURES / "conversations.json")

    assert records[2].record is not None
    assert records[2].record["text"] == "Sorry about that, Rosalind.\nLet me check the charges."
    assert records[3].record is not None and records[3].record["text"] == "Here is the receipt."


def test_when_message_has_its_own_id_then_it_is_the_message_id_and_other_keys_are_kept() -> None:
    record = _read(FIXTURES / "conversations.json")[3].record

    assert record is not None
    assert record["message_id"] == "msg-own-id"
    assert record["name"] == "rosalind_t"


def test_when_conversation_uses_conversation_id_then_it_is_used() -> None:
    record = _read(FIXTURES / "conversations.json")[4].record

    assert record is not None and record["conversation_id"] == "conv-8b21"


def test_when_message_is_not_an_object_then_error_record_and_the_conversation_continues() -> None:
    records = _read(FIXTURES / "conversations.json")

    assert (records[5].error, records[5].record, records[5].raw) == (
        "not_an_object",
        None,
        b'"this element is not a message object"',
    )
    assert records[6].record is not None and records[6].record["turn"] == 2


def test_when_object_holds_a_conversations_list_then_mapping_reaches_message_and_conversation() -> None:
    mapping = {"speaker": "sender.kind", "text": "body", "session_id": "session"}

    records = _read(FIXTURES / "conversations_object.json", mapping=mapping)

    assert [r.record for r in records] == [
        {
            "speaker": "customer",
            "text": "My name is Evander Polglase, reference ZX-4471.",
            "session_id": "sess-991",
            "conversation_id": "conv-a1",
            "message_id": "conv-a1:0",
            "turn": 0,
        },
        {
            "speaker": "agent",
            "text": "Thanks Evander, looking into ZX-4471.",
            "session_id": "sess-991",
            "conversation_id": "conv-a1",
            "message_id": "conv-a1:1",
            "turn": 1,
        },
    ]


def test_when_json_array_holds_plain_messages_then_each_is_a_record(tmp_path: Path) -> None:
    path = tmp_path / "flat.json"
    path.write_text(json.dumps([{"conversation_id": "c", "text": "a"}, {"conversation_id": "c", "text": "b"}]))

    records = _read(path)

    assert [(r.location, r.record) for r in records] == [
        ("message 1", {"conversation_id": "c", "text": "a"}),
        ("message 2", {"conversation_id": "c", "text": "b"}),
    ]


def test_when_messages_is_not_a_list_then_one_bad_shape_record(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "c", "messages": "oops"}, {"id": "d", "messages": [{"content": "x"}]}]))

    assert [(r.location, r.error) for r in _read(path)] == [
        ("conversation 1", "bad_shape"),
        ("conversation 2 message 1", None),
    ]


def test_when_json_is_an_object_without_conversations_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"data": [1, 2]}')

    with pytest.raises(ReadError, match="'conversations' list"):
        _read(path, fmt="json")


def test_when_json_is_cut_off_then_messages_read_so_far_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    whole = (FIXTURES / "conversations.json").read_bytes()
    path.write_bytes(whole[: whole.index(b"conv-8b21")])
    seen: list[SourceRecord] = []

    with pytest.raises(ReadError, match="ends early"):
        for record in read_records(path):
            seen.append(record)

    assert len(seen) == 4


def test_when_transcript_then_only_message_activities_are_records() -> None:
    records = _read(FIXTURES / "support.transcript")

    # Activities 1 (conversationUpdate), 3 (typing) and 5 (trace) are not messages.
    assert [r.location for r in records] == ["activity 2", "activity 4", "activity 6", "activity 7"]
    assert all(r.error is None for r in records)


def test_when_transcript_message_is_read_then_canonical_fields_come_from_the_activity() -> None:
    record = _read(FIXTURES / "support.transcript")[1].record

    assert record is not None
    assert {k: record[k] for k in ("conversation_id", "message_id", "turn", "speaker", "timestamp", "text")} == {
        "conversation_id": "7c41b2e0-0f41-11ef-8d27-1b9f3e6a5c02|livechat",
        "message_id": "80a1c9e0-0f41-11ef-8d27-1b9f3e6a5c02",
        "turn": 1,
        "speaker": "user",
        "timestamp": "2024-05-10T12:02:17.012Z",
        "text": "Order 55-2190, it was meant to reach Leopold Fairweather at 9 Heronsgate Close yesterday",
    }
    assert record["user_name"] == "Leopold Fairweather"
    assert record["user_id"] == "d2f1c7a4-3b6e-4f0a-9c81-2e5b7a9d0c13"
    assert "from" not in record and "type" not in record and "conversation" not in record
    assert record["channelId"] == "emulator"  # other keys are kept


def test_when_activity_has_no_role_then_speaker_is_unknown_never_the_name() -> None:
    record = _read(FIXTURES / "support.transcript")[3].record

    assert record is not None
    assert record["speaker"] == "unknown"
    assert record["user_name"] == "Leopold Fairweather"


def test_when_transcript_is_gzipped_then_it_reads_like_the_plain_file() -> None:
    assert [r.record for r in _read(FIXTURES / "support.transcript.gz")] == [
        r.record for r in _read(FIXTURES / "support.transcript")
    ]


def test_when_transcript_is_truncated_then_messages_so_far_then_read_error_naming_the_file() -> None:
    path = FIXTURES / "truncated.transcript"
    seen: list[SourceRecord] = []

    with pytest.raises(ReadError) as caught:
        for record in read_records(path):
            seen.append(record)

    assert [r.location for r in seen] == ["activity 2"]
    assert str(caught.value) == f"{path}: JSON ends early (truncated file?) after activity 3"


def test_when_activity_is_not_an_object_or_has_no_type_then_error_record(tmp_path: Path) -> None:
    path = tmp_path / "odd.transcript"
    path.write_text(json.dumps([42, {"text": "no type"}, {"type": "message", "text": "fine"}]))

    assert [(r.location, r.error) for r in _read(path)] == [
        ("activity 1", "not_an_object"),
        ("activity 2", "bad_shape"),
        ("activity 3", None),
    ]


def test_when_transcript_is_saved_as_json_then_it_is_detected_as_botframework(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    path.write_bytes((FIXTURES / "support.transcript").read_bytes())

    assert detect_format(path) == "botframework"
    assert len(_read(path)) == 4


def test_when_transcript_is_not_json_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "plain.transcript"
    path.write_text("User: hello Quentin Marchbanks\nBot: hi\n")

    with pytest.raises(ReadError) as caught:
        _read(path)

    assert "Quentin" not in str(caught.value)


def test_when_element_nests_absurdly_deep_then_it_is_one_bad_record_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.transcript"
    path.write_bytes(
        b'[{"type": "message", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b'}, {"type": "message", "text": "ok"}]'
    )

    assert [(r.location, r.error) for r in _read(path)] == [("activity 1", "malformed_json"), ("activity 2", None)]
