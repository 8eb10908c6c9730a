"""Street corners ("the corner of X and Y") and postcodes after more cue phrases."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import AddressCueRecognizer, InternationalAddressRecognizer, ZipCodeRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ask the driver to stop at the corner of 11 Botley Road St. and Herceg Gateway St.",
            "the corner of 11 Botley Road St. and Herceg Gateway St.",
        ),
        (
            "same as before: the corner of Csabai kapu 39. and Mathias Pass",
            "the corner of Csabai kapu 39. and Mathias Pass",
        ),
        ("meet at the corner of Main St and 5th Ave tomorrow", "the corner of Main St and 5th Ave"),
        ("it's on the corner of 5th and main, next to the bank", "the corner of 5th and main"),
        ("corner of Rue de la Paix 3 & Via Roma 12 please", "corner of Rue de la Paix 3 & Via Roma 12"),
    ],
)
def test_street_corners(text: str, expected: str) -> None:
    assert expected in found(AddressCueRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "the cat sat in the corner of the room and slept",
        "put it in the corner of the box and the lid",
        "the corner of sofa and wall 2 times",
        "I cut the corner of 3 pages and folded them",
    ],
)
def test_corners_of_things_are_not_addresses(text: str) -> None:
    assert found(AddressCueRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zip code for the office is 94107", ["94107"]),
        ("the zip code of my parents would be 30301", ["30301"]),
        ("94107 is my zip code", ["94107"]),
        ("ZIP/postal code: K1A 0B1", ["K1A 0B1"]),
        ("código postal 28013", ["28013"]),
        ("CEP: 01310-100", ["01310-100"]),
        ("eircode E66DHYW", ["E66DHYW"]),
        ("postcode (2000)", ["2000"]),
    ],
)
def test_postcodes_after_more_cues(text: str, expected: list[str]) -> None:
    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "zip it up and send 3 of them",
        "the zip file is 2048 KB",
        "zip code field was empty, 2 errors",
        "plz send 100 pcs",
        "12345 is my order number",
        "pin code is 1234",
    ],
)
def test_numbers_near_zip_words_that_are_not_postcodes(text: str) -> None:
    assert found(ZipCodeRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meet me at 5 Guys on friday", []),  # a restaurant: no street type, unit, code or unusual word
        ("ship it to 12 main st please", ["12 main st"]),
        ("she lives at 255 hersnapvej 18", ["255 hersnapvej 18"]),
    ],
)
def test_cue_values_need_a_street_word(text: str, expected: list[str]) -> None:
    assert found(AddressCueRecognizer(), text) == expected


def test_a_bare_core_after_a_cue_needs_an_unusual_word() -> None:
    assert found(InternationalAddressRecognizer(), "deliver it to Gate 4, Terminal 2") == []
    assert found(InternationalAddressRecognizer(), "my address is Skogstien 106") == ["Skogstien 106"]
