"""Phone numbers typed in prose with no cue word, grouped as people group them in many countries, and the
grouped numbers in chat that are not phones (sums, ranges, dates, times, lists, identifiers)."""

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
        ("I moved to Warsaw and now use 729 099 603 for everything", ["729 099 603"]),
        ("Contact Jan at 736 563 212 if the parcel is late.", ["736 563 212"]),
        ("You can find us on 010-9555-9797 during business hours.", ["010-9555-9797"]),
        ("The office line 42 9797-1147 rings at reception.", ["42 9797-1147"]),
        ("Reach the hotel via (351) 937034236 anytime.", ["(351) 937034236"]),
        ("Dial 1-016-613-1860 and ask for Maria.", ["1-016-613-1860"]),
        ("He gave me 168 599 5289 yesterday.", ["168 599 5289"]),
        ("her line is 17/603-1372", ["17/603-1372"]),
        ("I dialed 282-46281 but nobody answered", ["282-46281"]),
        ("the clinic: 01390 996030", ["01390 996030"]),
        ("Try 06 12 34 56 78 after lunch", ["06 12 34 56 78"]),
        ("I called 555-0134 twice", ["555-0134"]),
        ("call me on 415\u2013555\u20130134", ["415\u2013555\u20130134"]),  # en dashes
        ("ring 342-36-67 after six", ["342-36-67"]),
        ("ring 999 60 30 tonight", ["999 60 30"]),
        ("It was 196 79 29.", ["196 79 29"]),
        ("I think (00)967-9290 is the one.", ["(00)967-9290"]),
        ("416 60 039", ["416 60 039"]),
        ("Kaisa\n28-64-66-98\nthanks", ["28-64-66-98"]),
        # Not grouped at all, 9-13 digits.
        ("I was on hold, my line 3660170548 kept dropping", ["3660170548"]),
        ("you can try 19637865797 tonight", ["19637865797"]),
        # A label after the number, in a comma-separated list of numbers.
        ("085 175 7641-Office\\,3660170548-Fax", ["085 175 7641", "3660170548"]),
    ],
)
def test_bare_grouped_phones_are_found(text: str, expected: list[str]) -> None:
    assert found(LenientPhoneRecognizer(), text) == expected
    assert CHAT_GATES["ChatLenientPhoneRecognizer"]()(TextFeatures.of(text))


@pytest.mark.parametrize(
    "text",
    [
        "it cost 1 250 000 in total",  # thousands
        "sold 12 345 678 copies",
        "we had 1.250.000 views",
        "open 09.00-17.30 daily",  # a time range
        "the budget is 1500-2000",  # a range of round numbers
        "between 2019 2020 and 2021",  # years
        "served 2019-2021",
        "on 14.03.2024 10.30 we met",  # a date and a time
        "94107-1234",  # ZIP+4
        "ip 192.168.100.200",
        "lottery 12 23 34 45 56 67",  # a list of small numbers
        "sizes 10 12 14 16 18 20",
        "order 1234 5678 shipped",  # identifiers after their cue
        "ticket # 4821 3390 22",
        "the IDs are 4821 3390",
        "invoice 2231 4456 9",
        "paid $ 1234 5678",
        "4 x 1234 5678",
        "NL72 ABNA 0453 5789 68",  # the tail of an IBAN
        "I counted 1200 3400 5600 7800",
        "12 500 000 usd",
        "it weighs 1234 5678 kg",
        "555 1 234",  # seven digits in other groups
        "3-4 5-6 7-8 9-10",  # scores
        "ISBN 978-3-16-148410-0",
        "the range 10.2.3.4521",
        "1111 1111",  # one repeated digit
        "it was 20240314 when I ordered",  # a date
        "ref 2024031412345",
        "order 123456789 still missing",
        "UPC 012345678905",
        "timestamp 1712345678",
        "Yesterday 92174218 rang twice",  # eight plain digits: an account or order number more often
        "it's 336987108",  # nine: an SSN more often
        "1234567890",  # a run of digits typed as a placeholder
        "98765432",
        "we raised 15000000 last year",  # a round sum
        "my student ID is 20231234",
        "about 1000000000 views",
        "read chapters 12 13 14 15 and 16",  # counting
        "I need sizes 31 30 31 40",  # a list after a word that counts things
        "resolution 3941 1302 at 233 hz",
        "it rose 21 22 23 24 degrees",
        "the file is 1 048 576 bytes",
    ],
)
def test_grouped_numbers_that_are_not_phones_are_left_alone(text: str) -> None:
    assert found(LenientPhoneRecognizer(), text) == []


def test_nhs_numbers_need_a_health_word_so_phones_stay_phones() -> None:
    from anonymizer.detect.phones import CuedNhsRecognizer

    nhs = CuedNhsRecognizer()
    assert nhs.name == "NhsRecognizer"
    assert found(nhs, "call 415-555-0199") == []  # passes the NHS check, a phone all the same
    assert found(nhs, "my NHS number is 943 476 5919") == ["943 476 5919"]
    assert found(nhs, "patient number 943 476 5919") == ["943 476 5919"]
    assert found(LenientPhoneRecognizer(), "call 415-555-0199") == ["415-555-0199"]


@pytest.mark.parametrize(
    ("text", "expected"), [("76 97 54 is my mobile", ["76 97 54"]), ("4 650 75 is my cell", ["4 650 75"])]
)
def test_six_digits_in_three_groups_before_a_phone_cue(text: str, expected: list[str]) -> None:
    assert found(LenientPhoneRecognizer(), text) == expected


@pytest.mark.parametrize("text", ["12 03 24 is my number", "123456 is my number", "12 3456 is my number"])
def test_six_digits_before_a_cue_must_be_three_groups_and_no_date(text: str) -> None:
    assert found(LenientPhoneRecognizer(), text) == []
