"""Cue variants outside the generator's dev pool: towns after more place phrases and in from-to pairs,
PINs read digit by digit and more security questions, SSN cue
spellings and a cue after the number; each with look-alikes (plans, versions, quantities, events) left alone,
and the gates checked against the ungated path on every example."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.conversation import answer_findings, asked_types
from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import (
    OrderIdRecognizer,
    PasswordRecognizer,
    PlaceCueRecognizer,
    SsnCueRecognizer,
)

from .test_fast_paths import analyse, ungated


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The exact substrings a recognizer flags, in text order."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


PLACES = [
    ("we relocated from san jose to omaha", ["san jose", "omaha"]),
    ("moving from Austin, TX to tulsa next week", ["Austin, TX", "tulsa"]),
    ("i'm from fresno", ["fresno"]),
    ("im from bakersfield btw", ["bakersfield"]),
    ("we're out in lubbock", ["lubbock"]),
    ("i live near wichita", ["wichita"]),
    ("we live just outside of spokane, wa", ["spokane, wa"]),
    ("heading to duluth next week", ["duluth"]),
    ("born and raised in toledo", ["toledo"]),
]
NOT_PLACES = [
    "i'm from the billing team",
    "i'm from support",
    "i'm from acme outfitters",  # a company, by its last word
    "moving from the old plan to the new plan",
    "going from 5 to 10 users",
    "we went from basic to premium",  # plan changes are not movement
    "upgraded from version 2 to version 3",
    "i'm currently in a meeting",
    "heading to work now",
    "i live near the park",
    "born in 1985",
]

PASSWORDS = [
    ("my pin is 4 8 2 1", ["4 8 2 1"]),
    ("pin: 7-5-0-8", ["7-5-0-8"]),
    ("puk code 12345678", ["12345678"]),
    ("passkey is Blue!River22", ["Blue!River22"]),
    ("father's middle name is Eugene", ["Eugene"]),
    ("street i grew up on was Maple", ["Maple"]),
    ("first teacher was Mrs Green", ["Mrs Green"]),
]
NOT_PASSWORDS = [
    "pin the chat please",
    "my pin is 1 2",  # too short to be a PIN
    "pin 4 8 items",
    "my favorite food is on sale",
    "fav band is playing tonight",
    "it costs $49.99",
    "error 404 on version 3.2.1",
]

SSNS = [
    ("ss# 123-45-6780", ["123-45-6780"]),
    ("my social's 523-45-6780", ["523-45-6780"]),
    ("s.s.n. 523456780", ["523456780"]),
    ("soc. sec. no. 523-45-6780", ["523-45-6780"]),
    ("ss number 523 45 6780", ["523 45 6780"]),
    ("523-45-6780 is my social", ["523-45-6780"]),
    ("523 45 6780 is my ssn", ["523 45 6780"]),
]
NOT_SSNS = [
    "social media 523-45-6780 followers",
    "call 523-456-7801 is my number",
    "523-45-6780 is the order",
    "123-45-6789 is my ssn",  # the published sample
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_when_town_follows_more_place_phrases_then_location(text: str, expected: list[str]) -> None:
    assert found(PlaceCueRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_PLACES)
def test_when_place_phrase_names_no_town_then_nothing(text: str) -> None:
    assert found(PlaceCueRecognizer(), text) == []


@pytest.mark.parametrize(("text", "expected"), PASSWORDS)
def test_when_secret_follows_pin_or_security_cue_then_password(text: str, expected: list[str]) -> None:
    assert found(PasswordRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_PASSWORDS)
def test_when_no_secret_after_cue_then_no_password(text: str) -> None:
    assert found(PasswordRecognizer(), text) == []


@pytest.mark.parametrize(("text", "expected"), SSNS)
def test_when_ssn_has_cue_before_or_after_then_found(text: str, expected: list[str]) -> None:
    assert found(SsnCueRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_SSNS)
def test_when_nine_digits_are_not_named_an_ssn_then_nothing(text: str) -> None:
    assert found(SsnCueRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("order AB-1234-XY", ["AB-1234-XY"]), ("ticket #A1B2-C3", ["A1B2-C3"]), ("booking ref: QX7-PL2", ["QX7-PL2"])],
)
def test_when_reference_has_inner_dashes_then_whole_order_id(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Please enter the code we sent.", ["PASSWORD"]),
        ("What's the code that was sent to you?", ["PASSWORD"]),
        ("Can you read me the code in the text?", ["PASSWORD"]),
        ("What's your sign-in name?", ["USERNAME"]),
    ],
)
def test_request_cue_variants(question: str, expected: list[str]) -> None:
    assert asked_types(question) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Rosewood Elementary", ["Rosewood Elementary"]),  # a security answer of a few words
        ("it's Buddy", ["Buddy"]),
        ("not sure", []),
        ("one sec", []),
        ("hang on let me check", []),
        ("i dont remember", []),
    ],
)
def test_password_answers_of_a_few_words(answer: str, expected: list[str]) -> None:
    assert [answer[f.start : f.end] for f in answer_findings(answer, ["PASSWORD"])] == expected


def test_gates_never_change_findings_on_these_examples(detector: Detector) -> None:
    texts = [t for t, _ in PLACES + PASSWORDS + SSNS]
    texts += NOT_PLACES + NOT_PASSWORDS + NOT_SSNS
    gated = analyse(detector, texts)
    with ungated(detector):
        assert analyse(detector, texts) == gated
