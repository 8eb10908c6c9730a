"""Nationality, religion and political group after a phrase that says what someone is."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import NrpCueRecognizer


def found(text: str) -> list[str]:
    recognizer = NrpCueRecognizer()
    return [text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am cambodian but I live in United Kingdom.", ["cambodian"]),
        ("i'm a proud muslim", ["muslim"]),
        ("my husband is south african", ["south african"]),
        ("as a registered democrat i object", ["democrat"]),
        ("we are catholic", ["catholic"]),
        ("hes nigerian and so am i", ["nigerian"]),
    ],
)
def test_groups_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm Thai food lover",
        "she's american express customer",
        "I am not sure",
        "I'm english speaking",
        "the Chinese restaurant is closed",
        "I'm french toast obsessed",
    ],
)
def test_not_about_a_person(text: str) -> None:
    assert found(text) == []
