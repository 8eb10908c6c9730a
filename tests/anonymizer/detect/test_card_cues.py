"""Card numbers after a card cue are found even when a typo breaks their checksum."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import CardCueRecognizer


def found(text: str) -> list[str]:
    recognizer = CardCueRecognizer()
    return [text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card number is 4111 1111 1111 1112", ["4111 1111 1111 1112"]),  # Luhn fails: one digit mistyped
        ("my visa 4111111111111112 exp 11/28", ["4111111111111112"]),
        ("cc: 5500-0000-0000-0005", ["5500-0000-0000-0005"]),
    ],
)
def test_card_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    ["order 1234567890123 card", "card ending 4242", "card 0000 0000 0000 0000", "card number 12345678"],
)
def test_not_card_numbers(text: str) -> None:
    assert found(text) == []
