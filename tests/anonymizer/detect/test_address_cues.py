# ruff: noqa: RUF001 - Greek street and town names on purpose
"""Addresses of any format after a phrase that announces one, and the quantities and times that are not."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import AddressCueRecognizer


def found(text: str) -> list[str]:
    recognizer = AddressCueRecognizer()
    return [text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my new address is 6614 Luite tee 87, Salumäe. thanks!", ["6614 Luite tee 87, Salumäe"]),
        (
            "Our offices are located at the corner of Pachergasse 64 and Radolič Harbor",
            ["the corner of Pachergasse 64 and Radolič Harbor"],
        ),
        ("please ship it to 12 rue des lilas 75011 paris and let me know", ["12 rue des lilas 75011 paris"]),
        ("The restaurant is at 9816 214 Pavlou Drandaki", ["9816 214 Pavlou Drandaki"]),
        ("the train is at 9 tomorrow", []),  # "is at" alone is not a cue
        ("The office is at 221B Baker St. London NW1 6XE.", ["221B Baker St. London NW1 6XE"]),
        (
            "Address: 565 Πλατεία Συντάγματος 204\nSuite 279\nΛευκωσία\nhow long will it take?",
            ["565 Πλατεία Συντάγματος 204\nSuite 279\nΛευκωσία"],
        ),
        (
            "I now live in 633 Strada Provinciale 65 22 Suite 455\nGossau\n65662",
            ["633 Strada Provinciale 65 22 Suite 455\nGossau\n65662"],
        ),
        (
            "billing address: apt 4b 1200 n main st, springfield il 62701",
            ["apt 4b 1200 n main st, springfield il 62701"],
        ),
    ],
)
def test_addresses_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "can you ship to 2 different addresses?",
        "meet me at 5 pm by the door",
        "we are located at 3:30 on the map",
        "deliver it to 3 days from now",
        "my address is the same as before",
        "send them to 4 people please",
        "I live in 2024 not 1990",
    ],
)
def test_quantities_times_and_words_are_not_addresses(text: str) -> None:
    assert found(text) == []
