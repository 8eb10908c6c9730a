"""Gold files: the required keys, validation that names the line (never a value), duplicates removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anonymizer.evaluation import GoldSpan, load_gold, read_gold


def line(**fields: object) -> str:
    return json.dumps(fields)


def test_gold_lines_become_spans_and_extra_keys_are_ignored() -> None:
    spans = read_gold(
        [
            line(message_id="m1", start=0, end=4, entity_type="PERSON", value="Jane", note="x"),
            "",
            line(message_id=7, start=5, end=9, entity_type="ZIP_CODE", field="subject"),
        ]
    )
    assert spans == [
        GoldSpan("m1", 0, 4, "PERSON"),
        GoldSpan("7", 5, 9, "ZIP_CODE", field="subject"),
    ]


def test_duplicate_gold_spans_count_once() -> None:
    record = line(message_id="m1", start=0, end=4, entity_type="PERSON")
    assert len(read_gold([record, record])) == 1


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ("{nope", "not valid JSON"),
        (line(message_id="m1", start=0, entity_type="PERSON"), "missing 'end'"),
        (line(message_id="m1", start=4, end=4, entity_type="PERSON"), "start < end"),
        (line(message_id="m1", start="0", end=4, entity_type="PERSON"), "integers"),
        (line(message_id="m1", start=0, end=4, entity_type=""), "non-empty text"),
    ],
)
def test_invalid_gold_lines_are_refused_naming_the_line(record: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as info:
        read_gold([line(message_id="ok", start=0, end=1, entity_type="PERSON"), record], source="g.jsonl")
    assert "g.jsonl line 2" in str(info.value)


def test_missing_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="gold file not found"):
        load_gold(tmp_path / "absent.jsonl")
