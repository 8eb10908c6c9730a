"""Field mapping: parsing `--map` items and moving source fields to canonical names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipelines.read import apply_mapping, parse_mapping, read_records

FIXTURES = Path(__file__).parent / "fixtures"


def test_when_items_are_field_equals_source_then_mapping_is_parsed() -> None:
    expected = {"text": "body", "speaker": "author.role"}
    assert parse_mapping(["text=body", " speaker = author.role "]) == expected


def test_when_no_items_then_mapping_is_empty() -> None:
    assert parse_mapping([]) == {}


@pytest.mark.parametrize("item", ["text", "=body", "text=", "  =  ", "te xt=body", "1text=body", "a.b=c"])
def test_when_item_is_malformed_then_value_error_quotes_it(item: str) -> None:
    with pytest.raises(ValueError, match="bad field mapping"):
        parse_mapping([item])


def test_when_a_field_is_mapped_twice_then_value_error() -> None:
    with pytest.raises(ValueError, match="more than once"):
        parse_mapping(["text=body", "text=content"])


def test_when_a_single_string_is_given_then_it_is_one_item() -> None:
    assert parse_mapping("text=body") == {"text": "body"}


def test_when_source_field_is_mapped_then_it_moves_and_others_keep_their_names() -> None:
    record: dict[str, Any] = {"body": "hello", "role": "agent", "extra": 1}

    assert apply_mapping(record, {"text": "body"}) == {"role": "agent", "extra": 1, "text": "hello"}


def test_when_source_is_dotted_then_nested_value_moves_and_emptied_parents_go() -> None:
    record: dict[str, Any] = {"author": {"role": "agent"}, "meta": {"a": {"b": 1}, "c": 2}}

    mapped = apply_mapping(record, {"speaker": "author.role", "deep": "meta.a.b"})

    assert mapped == {"meta": {"c": 2}, "speaker": "agent", "deep": 1}


def test_when_a_literal_key_contains_a_dot_then_it_wins_over_the_nested_path() -> None:
    record: dict[str, Any] = {"author.name": "flat", "author": {"name": "nested"}}

    assert apply_mapping(record, {"user_name": "author.name"})["user_name"] == "flat"


def test_when_mapping_swaps_two_fields_then_both_values_land() -> None:
    record: dict[str, Any] = {"a": 1, "b": 2}

    assert apply_mapping(record, {"a": "b", "b": "a"}) == {"a": 2, "b": 1}


def test_when_source_is_absent_then_target_is_left_unset() -> None:
    record: dict[str, Any] = {"text": "x"}

    assert apply_mapping(record, {"speaker": "role", "turn": "meta.seq"}) == {"text": "x"}


def test_when_target_already_exists_then_the_mapped_value_wins() -> None:
    record: dict[str, Any] = {"text": "old", "body": "new"}

    assert apply_mapping(record, {"text": "body"}) == {"text": "new"}


def test_when_jsonl_is_read_with_mapping_then_records_have_canonical_names() -> None:
    mapping = parse_mapping(
        [
            "conversation_id=thread",
            "message_id=id",
            "turn=seq",
            "speaker=author.role",
            "timestamp=sent",
            "text=body",
            "user_name=author.name",
        ]
    )

    records = [r.record for r in read_records(FIXTURES / "mapped.jsonl", mapping=mapping)]

    assert records[0] == {
        "conversation_id": "t-9",
        "message_id": "m-1",
        "turn": 0,
        "speaker": "customer",
        "timestamp": "2024-05-02T08:00:00Z",
        "text": "Please call me back on 020 7946 0018.",
        "user_name": "Ottoline Brambleby",
    }
