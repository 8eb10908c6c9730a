"""Towns after travel phrases and before "is where I grew up", typed in any case, invented names included."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import PlaceCueRecognizer


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in PlaceCueRecognizer().analyze(text, ["LOCATION"])]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my flight from Chatriand to Lisbon was cancelled", "Chatriand"),
        ("booked a train to kitee tonight", "kitee"),
        ("Sumqay\u0131t is where I grew up", "Sumqay\u0131t"),
        ("ok. Port Warren is where we lived", "Port Warren"),
        ("is shipping to Chrast free?", "Chrast"),
    ],
)
def test_places_after_travel_and_before_where(text: str, place: str) -> None:
    assert place in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "flights to the moon",
        "my flight from the airport was late",
        "The office is where I live lol",
        "bus to work takes an hour",
        "tickets to the show are sold out",
    ],
)
def test_no_place(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Tran Minh Khoa | San Jose, CA | 408.555.0131", "San Jose, CA"),
        ("we're in Boston, MA.", "Boston, MA"),
        ("14/72 Bourke St\nFitzroy, VIC 3065", "Fitzroy, VIC"),
    ],
)
def test_a_town_keeps_its_state_code(text: str, place: str) -> None:
    from anonymizer.detect.recognizers import CityRecognizer

    assert place in [text[r.start : r.end] for r in CityRecognizer().analyze(text, ["LOCATION"])]


def test_a_lower_case_word_is_not_a_state_code() -> None:
    from anonymizer.detect.recognizers import CityRecognizer

    text = "we flew to Boston, or maybe Chicago"
    assert "Boston" in [text[r.start : r.end] for r in CityRecognizer().analyze(text, ["LOCATION"])]
