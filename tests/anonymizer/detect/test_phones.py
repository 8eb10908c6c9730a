"""Phone formats from many countries (found with scripts/faker_probe.py): extensions, country codes in
parentheses, six-digit numbers after a cue, cues after the number, area codes in parentheses; and the
numbers in chat that are not phones."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import LenientPhoneRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Extensions belong to the number.
        ("call me on 001-234-567-8900x1234", ["001-234-567-8900x1234"]),
        ("reach me at 1-139-099-6030x8246", ["1-139-099-6030x8246"]),
        ("phone: 415-555-0100 ext. 45", ["415-555-0100 ext. 45"]),
        ("+90(955)597-9711x4710", ["+90(955)597-9711x4710"]),
        # Country codes typed in parentheses, or with a trunk zero.
        ("whatsapp +(370) 26018159\nthanks", ["+(370) 26018159"]),
        ("Tel: (+57)6061049746", ["(+57)6061049746"]),
        ("+44(0)20 7946 0958", ["+44(0)20 7946 0958"]),
        ("my no. is 0049 30 12345678", ["0049 30 12345678"]),
        # A real country code and 8-15 digits, though libphonenumber finds the length odd.
        ("call me on +54 9 3626 0181", ["+54 9 3626 0181"]),
        ("+3892948219935", ["+3892948219935"]),
        # Digits of other scripts.
        ("+৮৮০ ১০১৬ ৬১৩১৮৬", ["+৮৮০ ১০১৬ ৬১৩১৮৬"]),
        # More cue words, labels with a colon, cues after the number.
        ("tel. 0151 496 0000", ["0151 496 0000"]),
        ("T: 020 7946 0958", ["020 7946 0958"]),
        ("Contact: 0151 496 0000", ["0151 496 0000"]),
        ("my cell phone is 0412 555 019", ["0412 555 019"]),
        ("533 186 091 is my mobile", ["533 186 091"]),
        ("24 33 18 60 is my number", ["24 33 18 60"]),
        ("(71)/049-7465 is my number", ["(71)/049-7465"]),
        ("my number is (00937) 865797", ["(00937) 865797"]),
        ("whatsapp 0093-786 57", ["0093-786 57"]),  # a national number with a leading zero pair
        # Six digits in three groups after a cue (Luxembourg).
        ("tel 23 30 82", ["23 30 82"]),
        # Dashed numbers that are not dates.
        ("Tel: 913-90-99", ["913-90-99"]),
        # An area code in parentheses is a phone without a cue.
        ("(0151) 496 0000", ["(0151) 496 0000"]),
        ("8 (465) 632-1223", ["8 (465) 632-1223"]),
        ("(351) 290 937 865", ["(351) 290 937 865"]),
    ],
)
def test_phone_formats_are_found(text: str, expected: list[str]) -> None:
    assert found(LenientPhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "call me on 12 03 24",  # a date after a cue
        "phone broke on 2024-03-14",
        "call me at 10.30 tomorrow",
        "the (2019) 12345 model",  # a year in parentheses
        "+1000000 units",
        "order 123456 shipped, phone is fine",
        "call me in 20 minutes",
        "the screen is 1920 x 1080",
        "it's 30 x 20 x 15 cm",
        "my number is 123",
        "order number 12 34 56",  # six digits need a phone cue
        "the number is 12345678",  # "the number" is not a phone cue
        "I'll text you 3 times",
        "ext 45",
        "version 10.2.3 build 4521 is my favourite",
    ],
)
def test_numbers_that_are_not_phones_are_left_alone(text: str) -> None:
    assert found(LenientPhoneRecognizer(), text) == []


@pytest.mark.parametrize("text", ["tel 23 30 82", "call me on 001-234-567-8900x1234", "+৮৮০ ১০১৬ ৬১৩১৮৬"])
def test_phone_gate_lets_every_found_number_through(text: str) -> None:
    assert found(LenientPhoneRecognizer(), text)
    assert CHAT_GATES["ChatLenientPhoneRecognizer"]()(TextFeatures.of(text))
