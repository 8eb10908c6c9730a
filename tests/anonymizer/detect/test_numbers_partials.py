"""Partial card, SSN and account numbers: "final 4 digits", "4821 (last 4)", "mastercard 4821", "visa ...4821",
"the last digits are 48 21", "first 6 of the card"; and the short numbers near those words that are not."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import PartialIdRecognizer


def found(text: str) -> list[str]:
    recognizer = PartialIdRecognizer()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("final 4 digits 4321", ["4321"]),
        ("4821 are the last four", ["4821"]),
        ("mastercard 4821 (last 4)", ["4821"]),
        ("the one is 4821 - last 4", ["4821"]),
        ("the last digits are 48 21", ["48 21"]),
        ("visa ...4821", ["4821"]),
        ("my debit card 4821 got declined", ["4821"]),
        ("amex 1005 please", ["1005"]),
        ("first 6 of the card are 411111", ["411111"]),
        ("first six digits 545454", ["545454"]),
    ],
)
def test_partial_numbers_in_more_phrasings(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I renewed my visa 2024",  # a year
        "credit card 1500 limit",
        "gift card 5000 points",
        "the card was 2500 dollars",
        "card 12",
        "the first 6 weeks 123456",  # "first 6" of no card or digits
        "the last 3 orders 1234",
        "1234 are the last ones",
        "I waited ...1234",  # dots without a card word
    ],
)
def test_short_numbers_near_those_words_that_are_not_partials(text: str) -> None:
    assert found(text) == []
