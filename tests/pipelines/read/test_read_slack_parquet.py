"""Slack export folders and Parquet files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.read import ReadError, SourceRecord, read_records
from pipelines.read.slack import slack_text, slack_time

FIXTURES = Path(__file__).parent / "fixtures"
SLACK = FIXTURES / "slack_export"


def _read(path: Path, **kwargs: object) -> list[SourceRecord]:
    return list(read_records(path, **kwargs))  # type: ignore[arg-type]


def _by_id(records: list[SourceRecord]) -> dict[str, dict[str, object]]:
    return {str(r.record["message_id"]): r.record for r in records if r.record is not None}


def test_when_slack_export_then_every_day_file_message_is_a_record_in_channel_and_day_order() -> None:
    records = _read(SLACK)

    assert all(r.source == str(SLACK) and r.error is None for r in records)
    assert [r.location for r in records] == [
        "general/2024-01-15.json message 1",
        "general/2024-01-15.json message 2",
        "general/2024-01-15.json message 3",
        "support/2024-01-15.json message 1",
        "support/2024-01-15.json message 2",
        "support/2024-01-15.json message 3",
        "support/2024-01-16.json message 1",
        "support/2024-01-16.json message 2",
    ]


def test_when_messages_share_a_thread_then_they_are_one_conversation_across_days() -> None:
    records = _by_id(_read(SLACK))

    thread = [records[f"support:{ts}"] for ts in ("1705312800.000100", "1705312900.000200", "1705399200.000300")]
    assert [(m["conversation_id"], m["turn"]) for m in thread] == [
        ("support:1705312800.000100", 0),
        ("support:1705312800.000100", 1),
        ("support:1705312800.000100", 2),
    ]


def test_when_messages_are_not_threaded_then_conversation_is_the_channel_day() -> None:
    records = _by_id(_read(SLACK))

    assert records["support:1705313000.000500"]["conversation_id"] == "support:2024-01-15"
    assert records["support:1705399300.000600"]["conversation_id"] == "support:2024-01-16"
    assert [records[f"general:{ts}"]["turn"] for ts in ("1705300000.000200", "1705300100.000300")] == [0, 1]


def test_when_slack_message_is_read_then_timestamp_is_utc_iso_and_user_is_resolved() -> None:
    record = _by_id(_read(SLACK))["support:1705312900.000200"]

    assert record["timestamp"] == "2024-01-15T10:01:40.000200+00:00"
    assert record["speaker"] == "user"
    assert record["user_id"] == "U02BNC4HT8X"
    assert record["user_name"] == "Bartholomew Nettlecombe"
    assert "ts" not in record and "user" not in record and "type" not in record


def test_when_text_mentions_users_then_mentions_become_their_names() -> None:
    records = _by_id(_read(SLACK))

    assert records["general:1705300100.000300"]["text"] == (
        "Welcome Bartholomew Nettlecombe! Ping Cressida Vantongeren or me if you need anything."
    )
    assert records["general:1705300000.000200"]["text"] == "Bartholomew Nettlecombe has joined the channel"


def test_when_user_is_deleted_then_profile_real_name_resolves_and_unknown_users_stay_ids() -> None:
    assert slack_text("<@U03CRV5JW1Z>", {"U03CRV5JW1Z": "Cressida Vantongeren"}) == "Cressida Vantongeren"
    assert slack_text("hi <@U0NOBODY>", {}) == "hi <@U0NOBODY>"
    assert slack_text("hi <@U0NOBODY|old name>", {}) == "hi old name"
    assert _by_id(_read(SLACK))["support:1705399300.000600"]["user_name"] is None


def test_when_text_has_slack_escapes_then_they_are_undone_after_mentions() -> None:
    assert slack_text("a &amp; b &lt;@U1&gt;", {"U1": "Name"}) == "a & b <@U1>"


def test_when_message_is_from_a_bot_then_speaker_is_bot() -> None:
    record = _by_id(_read(SLACK))["general:1705300200.000400"]

    assert record["speaker"] == "bot"
    assert record["user_id"] is None


@pytest.mark.parametrize(
    ("ts", "iso"),
    [
        ("1705312800.000100", "2024-01-15T10:00:00.000100+00:00"),
        ("1705312800", "2024-01-15T10:00:00+00:00"),
        ("1705312800.1", "2024-01-15T10:00:00.100000+00:00"),
        ("not-a-ts", None),
        (None, None),
        (True, None),
        ("99999999999999999999", None),
    ],
)
def test_slack_ts_converts_to_utc_iso_8601(ts: object, iso: str | None) -> None:
    assert slack_time(ts) == iso


def test_when_a_day_file_is_damaged_then_one_error_record_stands_for_its_rest_and_others_still_read(
    tmp_path: Path,
) -> None:
    export = tmp_path / "export"
    shutil.copytree(SLACK, export)
    day = export / "support" / "2024-01-15.json"
    whole = day.read_bytes()
    day.write_bytes(whole[: whole.index(b"calling her on")])

    records = _read(export)

    damaged = [r for r in records if r.location.startswith("support/2024-01-15.json")]
    assert [(r.location, r.error) for r in damaged] == [
        ("support/2024-01-15.json message 1", None),
        ("support/2024-01-15.json message 2", "malformed_json"),
    ]
    assert damaged[1].raw == day.read_bytes()
    assert len([r for r in records if r.error is None]) == 6


def test_when_users_json_is_damaged_then_read_error_names_it(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(SLACK, export)
    (export / "users.json").write_text('[{"id": "U1", "real_name": "Truncated Person"')

    with pytest.raises(ReadError) as caught:
        _read(export)

    assert str(export / "users.json") in str(caught.value)
    assert "Truncated" not in str(caught.value)


def test_when_slack_format_is_forced_on_a_file_then_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="folder"):
        _read(FIXTURES / "messages.jsonl", fmt="slack")


def test_when_parquet_then_each_row_is_a_record_across_row_groups() -> None:
    records = _read(FIXTURES / "messages.parquet")

    assert pq.ParquetFile(FIXTURES / "messages.parquet").metadata.num_row_groups == 2
    assert [r.location for r in records] == ["row 1", "row 2", "row 3", "row 4", "row 5"]
    assert records[3].record is not None and records[3].record["session"] == "s-2"


def test_when_parquet_is_read_with_a_dotted_mapping_then_struct_fields_map() -> None:
    mapping = {
        "conversation_id": "session",
        "turn": "seq",
        "speaker": "author.role",
        "user_name": "author.name",
        "timestamp": "sent",
        "text": "body",
    }

    record = _read(FIXTURES / "messages.parquet", mapping=mapping)[0].record

    assert record is not None
    assert record["speaker"] == "customer" and record["user_name"] == "Florian Ashbury"
    assert record["turn"] == 0 and record["conversation_id"] == "s-1"
    assert record["timestamp"].isoformat() == "2024-05-01T08:00:00+00:00"
    assert "author" not in record


def test_when_parquet_file_is_not_parquet_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 but not really, Ottoline Brambleby")

    with pytest.raises(ReadError) as caught:
        _read(path)

    assert str(caught.value) == f"{path}: not a Parquet file, or its footer is damaged"


def test_when_parquet_is_compressed_outside_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet.gz"
    path.write_bytes(b"")

    with pytest.raises(ReadError, match="compressed Parquet"):
        _read(path)


def test_when_parquet_has_many_rows_then_batches_stream_in_order(tmp_path: Path) -> None:
    path = tmp_path / "many.parquet"
    pq.write_table(pa.table({"text": [f"m{i}" for i in range(10_000)]}), path, row_group_size=3000)

    records = _read(path)

    assert [r.record["text"] for r in records if r.record] == [f"m{i}" for i in range(10_000)]
