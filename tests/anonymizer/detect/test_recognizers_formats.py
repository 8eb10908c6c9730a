"""Formats users type that the generator's dev pool lacks: lenient phones, SSNs after cues, dotted cards,
birth dates after the cue's sentence, letter-only booking codes, towns after place phrases; the NER filter;
each with the look-alikes left alone."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import (
    CreditCardGapRecognizer,
    DateOfBirthRecognizer,
    LenientPhoneRecognizer,
    OrderIdRecognizer,
    PlaceCueRecognizer,
    SsnCueRecognizer,
)
from anonymizer.detect.recognizers.ner_filter import is_not_pii_ner_span


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The exact substrings a recognizer flags, in text order."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my new number is +44 7692 961937", ["+44 7692 961937"]),  # unassigned UK range: still a phone
        ("Phone:\n9469 9966", ["9469 9966"]),  # Australian local number after a cue
        ("whatsapp me on +49 1523 4567890 pls", ["+49 1523 4567890"]),
        ("0033 6 12 34 56 78 is my cell", ["0033 6 12 34 56 78"]),
        ("+44 (0)20 7946 0123", ["+44 (0)20 7946 0123"]),
        ("tel: 02 9374 4000", ["02 9374 4000"]),
        ("call me back on 0412-555-019", ["0412-555-019"]),
        ("reach me at 8765 4321, after 5", ["8765 4321"]),
        ("28-64-66-98 office\n930.167.3943 fax", ["28-64-66-98", "930.167.3943"]),
        ("a,+447700 208 815-Fax", ["+447700 208 815"]),
    ],
)
def test_when_phone_has_cue_or_international_shape_then_found(text: str, expected: list[str]) -> None:
    assert found(LenientPhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the total was $1234567.00",
        "it costs +12% more, 1000000 units",
        "version 10.2.3.4567 fixed it",
        "call me at 10.30 tomorrow",
        "phone broke on 2024-03-14",
        "my phone is 3 years old",
        "order number is 12345678",  # "number" alone is not a phone cue
        "error 0x80070005 then +1 555",
        "I worked 40 hours at home, 1200000 work items",
        "+1234567",  # too short for any country code
        "phone: 0000000",  # filler
        "tracking 9400 1000 0000 0000 0000 00",
        "+4 more items in cart",
    ],
)
def test_when_number_is_not_a_phone_then_lenient_recognizer_skips_it(text: str) -> None:
    assert found(LenientPhoneRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ssn 219 09-9999", ["219 09-9999"]),  # mixed separators: Presidio drops these
        ("social is 219099999", ["219099999"]),
        ("my social security number: 412.55.7890", ["412.55.7890"]),
        ("SS# 412 55 7890.", ["412 55 7890"]),
        ("ssn is now 912-55-7890", ["912-55-7890"]),  # not issuable, but typed as the customer's SSN
    ],
)
def test_when_ssn_follows_cue_then_found(text: str, expected: list[str]) -> None:
    assert found(SsnCueRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ssn 123-45-6789",  # the published sample
        "ssn 000-00-0000",
        "social media 412557890 followers",
        "ssn ending 7890",
        "my ssn is 4125578901",  # ten digits not in 3-2-x groups: not an SSN (412-55-78901 is one typed a digit long)
        "social security office at 412 Main St",
    ],
)
def test_when_no_ssn_after_cue_then_nothing(text: str) -> None:
    assert found(SsnCueRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111.1111.1111.1111", ["4111.1111.1111.1111"]),
        ("4111 1111-1111.1111 is the visa", ["4111 1111-1111.1111"]),
        ("my card is 4111111111111111.", ["4111111111111111"]),  # full stop after the number
        ("amex 3782 822463 10005", ["3782 822463 10005"]),
        ("block card no 213175197796454", ["213175197796454"]),  # legacy 15-digit JCB
    ],
)
def test_when_card_typed_with_dots_or_mixed_groups_then_found(text: str, expected: list[str]) -> None:
    assert found(CreditCardGapRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4111.1111.1111.1112",
        "ip 10.0.0.1 and 192.168.1.1",
        "version 4111.1111.1111.1111.5",
        "1.2.3.4.5.6.7.8.9.10.11.12",
    ],
)
def test_when_dotted_digits_fail_luhn_or_shape_then_no_card(text: str) -> None:
    assert found(CreditCardGapRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I need to verify your date of birth. It's 6/24/1991", ["6/24/1991"]),
        ("dob? it's march 3rd 1985", ["march 3rd 1985"]),
        ("Birthday: that's 14.03.85", ["14.03.85"]),
    ],
)
def test_when_date_follows_birth_cue_sentence_then_found(text: str, expected: list[str]) -> None:
    assert found(DateOfBirthRecognizer(), text) == expected


def test_when_birth_cue_is_far_from_date_then_no_birth_date() -> None:
    assert found(DateOfBirthRecognizer(), "what's your date of birth? my order from 6/24/2025 is late") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The refund for order UAXZHCPL never reached", ["UAXZHCPL"]),
        ("booking reference QAMEDU please", ["QAMEDU"]),
        ("my order number is KOBXUP", ["KOBXUP"]),
        ("PNR: XKWTRB", ["XKWTRB"]),
    ],
)
def test_when_letter_only_reference_follows_cue_then_order_id(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my order STATUS says pending",
        "ORDER NUMBER PLEASE",
        "MY ORDER HASNT ARRIVED",  # shouting
        "the order CANCELED itself",
        "case CLOSED?",
        "order ABOUT",
    ],
)
def test_when_capitals_after_order_cue_are_words_then_no_order_id(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, I just moved to Matthewchester and need to change my address", ["Matthewchester"]),
        ("i'm in kristastad, tx now btw", ["kristastad, tx"]),
        ("i'm in popestad, vic if that matters", ["popestad, vic"]),
        ("do you deliver to south vanessa lol", ["south vanessa"]),
        ("do you deliver to Adelaide, SA?", ["Adelaide, SA"]),
        ("do you have a store in raleigh?", ["raleigh"]),
        ("we relocated from san jose to be closer", ["san jose"]),
    ],
)
def test_when_town_follows_place_phrase_then_location(text: str, expected: list[str]) -> None:
    assert found(PlaceCueRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "i'm in a hurry",
        "i'm in trouble lol",
        "deliver to my office",
        "moved to a new place",
        "i'm in the chat",
        "i live in fear",
        "I'm in shock now",
        "ship to the same address",
        "is the store in stock?",
    ],
)
def test_when_place_phrase_is_followed_by_everyday_words_then_no_location(text: str) -> None:
    assert found(PlaceCueRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "span", "entity", "dropped"),
    [
        ("Thanks for contacting Acme Outfitters, Stacey.", "Acme Outfitters", "PERSON", True),
        ("This is Denise from Northwind Mobile.", "Northwind Mobile", "LOCATION", True),
        ("lol ok", "lol ok", "PERSON", True),
        ("the Pulse charger is a gift", "Pulse", "PERSON", True),
        ("my Mastercard ending 2406", "Mastercard", "PERSON", True),
        ("my pulse keps disconnecting", "keps disconnecting", "PERSON", True),
        # kept: names, a name starting a company-like phrase, lower-case known names, places
        ("Thanks, Stacey.", "Stacey", "PERSON", False),
        ("ask for James Home", "James Home", "PERSON", False),
        ("this is jane doe", "jane doe", "PERSON", False),
        ("the John guy called", "John", "PERSON", False),
        ("I live in Springfield", "Springfield", "LOCATION", False),
        ("moved to omaha", "omaha", "LOCATION", False),
    ],
)
def test_ner_filter_drops_company_names_and_slang_only(text: str, span: str, entity: str, dropped: bool) -> None:
    start = text.index(span)
    assert is_not_pii_ner_span(text, start, start + len(span), entity) is dropped
