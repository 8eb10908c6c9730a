"""Postcodes after a zip / postcode cue in the shapes of many countries (found with scripts/faker_probe.py),
US territories as states, and the look-alikes after the cue that are not codes."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import StreetAddressRecognizer, ZipCodeRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my zip code is AZ3552", "AZ3552"),  # Azerbaijan
        ("postcode: 6260-181", "6260-181"),  # Portugal
        ("zip 2601815", "2601815"),  # Israel, seven digits
        ("postal code is 26018-159 i think", "26018-159"),  # Brazil
        ("zip H-6260", "H-6260"),  # Hungary with its country letter
        ("postcode: H26 D2EV", "H26 D2EV"),  # Ireland (Eircode)
        ("zip T90CNC2", "T90CNC2"),
        ("zip \u03a4\u039a 281 94", "\u03a4\u039a 281 94"),  # Greece
        ("postal 1186252760", "1186252760"),  # Iran, ten digits
        ("zip 331-2471", "331-2471"),  # Japan
        ("zip is 12345-6789", "12345-6789"),
        ("my zip is 12345 and", "12345"),
    ],
)
def test_postcodes_after_a_cue(text: str, expected: str) -> None:
    assert found(ZipCodeRecognizer(), text) == [expected]
    assert CHAT_GATES["ChatZipCodeRecognizer"]()(TextFeatures.of(text))


@pytest.mark.parametrize(
    "text",
    ["the zip field is empty", "zip it up", "postcode: unknown", "postal code please", "zip 12", "zip 00000"],
)
def test_no_code_after_the_cue(text: str) -> None:
    assert found(ZipCodeRecognizer(), text) == []


def test_us_territory_codes_end_an_address() -> None:
    text = "77774 douglas summit\njoyfort, mp 91210"
    assert found(StreetAddressRecognizer(), text) == [text]
