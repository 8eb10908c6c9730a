"""The literal prefilters and gates added for speed never change a finding: every recognizer gives the same
spans with and without them, on the project's chats, the cue tables of the tests and texts built to hit the
edge of each prefilter (long s, dotted capital I, cue words glued to other words)."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import sys

import pytest
import regex
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    OrderIdRecognizer,
    PasswordRecognizer,
    UsernameRecognizer,
)
from anonymizer.detect.recognizers._base import DEFAULT_FLAGS
from anonymizer.detect.recognizers.dates import DateOfBirthRecognizer
from anonymizer.detect.recognizers.identifiers import PrefilteredRecognizer, folded_literals
from anonymizer.detect.recognizers.obfuscated import ObfuscatedPhoneRecognizer, SpelledEmailRecognizer
from anonymizer.detect.recognizers.urls import PersonalUrlRecognizer

from . import test_chat_credentials as cred
from . import test_chat_identifiers as ids
from .test_fast_paths import sample_texts

# Cue words with a long s or a dotted capital I, which case-insensitive patterns read as "s" and "i".
FOLDED_TEXTS = [
    "my u\u017fername is jdoe_88",
    "LOG\u0130N: jdoe_88",
    "my \u0130nstagram is jdoe.88",
    "my \u0130nstagram jdoe.88",
    "\u017fteam name on my pc is jdoe_88",
    "pa\u017f\u017fword: hunter2",
    "my p\u0130n is 4821",
    "ACCT-12345678 and cu\u017ftomer number 99887766",
]

EDGE_TEXTS = [
    "my usernamE is jdoe_88",
    "p\u0430ssw\u043erd: hunter2",  # Cyrillic a and o: no cue
    "PASSWORD: Hunter2!",
    "ORDER #A12B34 and ticket TKT#48213",
    "ordeR 1234567, 1234568 and 1234569",
    "find me as jdoe_88 on discord",
    "i go by jdoe_88",
    "under the name jsmith_99",
    "sent $120 to $jaylenw",
    "u/throwaway123 on reddit, @jdoe_88 on x",
    "call me at four one five five five five oh one two three",
    "4-1-5-five-five-5-0-1-2-3 or 4.1.5 five,five 5 o 1 2 3",
    "oh 4 1 5 5 5 0 1 2 3 and one-4-1-5-5-5-0",
    "phone: 555-0123, tel 415-555-O123",
    "dob 03/14/1985, born in 1985",
    "Date of Birth: March 14th, 1985; nacido el 3 de marzo de 1979; DoB 1985-03-14; b-day 14.03.85",
    "https://x.io/u/ana and https://example.com/reset/abc123DEF456ghi789?token=xyz",
    "my pw is Tr0ub4dor&3 and pin 4821; otp 482913; Fluffy2019! is my password",
    "booking ref KOBXUP, confirmation QAMEDU",
    "john dot smith at gmail dot com, jsmith88 at hotmail",
]


def texts() -> list[str]:
    tables = [cred.PASSWORDS, cred.USERNAMES, cred.SSNS, cred.ORDERS, cred.PARTIALS, ids.ACCOUNTS, ids.ORDERS]
    out = [t for table in tables for t, _ in table] + cred.NOT_PASSWORDS + cred.NOT_USERNAMES + cred.NOT_ORDERS
    out += ids.NOT_ACCOUNTS + ids.NOT_ORDERS + ids.LISTS_AND_LOOK_ALIKES + EDGE_TEXTS
    return out + sample_texts(2000)


def spans(recognizer: EntityRecognizer, text: str) -> list[tuple[int, int, float]]:
    return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, recognizer.supported_entities, None))


PREFILTERED = [
    UsernameRecognizer,
    AccountIdRecognizer,
    OrderIdRecognizer,
    PasswordRecognizer,
    SpelledEmailRecognizer,
    ObfuscatedPhoneRecognizer,
    PersonalUrlRecognizer,
]


@pytest.mark.parametrize("recognizer_class", PREFILTERED)
def test_literals_and_probes_never_change_findings(recognizer_class: type[PrefilteredRecognizer]) -> None:
    prefiltered = recognizer_class()
    plain = recognizer_class()
    plain.PREFILTERS = {}  # type: ignore[misc]  # the instance attribute shadows the class's for this test
    plain.LITERALS = {}  # type: ignore[misc]
    corpus = texts()
    found = [spans(prefiltered, t) for t in corpus]
    assert found == [spans(plain, t) for t in corpus]
    assert sum(map(len, found)) >= 5  # not vacuous


def test_folded_literals_keep_long_s_and_dotted_i() -> None:
    """The literal sets built with `folded_literals` let texts with a long s or a dotted capital I through."""
    prefiltered = UsernameRecognizer()
    plain = UsernameRecognizer()
    folded = {name: lits for name, lits in plain.LITERALS.items() if "\u017f" in lits or "\u0307" in lits}
    assert folded  # the username cues are folded
    plain.LITERALS = {k: v for k, v in plain.LITERALS.items() if k not in folded}  # type: ignore[misc]
    found = [spans(prefiltered, t) for t in FOLDED_TEXTS]
    assert found == [spans(plain, t) for t in FOLDED_TEXTS]
    assert found[0] == [(15, 22, 0.75)]


def test_swapping_the_tables_rebuilds_the_plan() -> None:
    recognizer = UsernameRecognizer()
    assert spans(recognizer, "my username is jdoe_88")
    recognizer.LITERALS = {"cue with separator": ("zzz",)}  # type: ignore[misc]
    assert [p.name for p in recognizer._patterns_for("my username: jdoe_88")].count("cue with separator") == 0


@pytest.mark.parametrize(
    "recognizer_class",
    [*PREFILTERED, DateOfBirthRecognizer],
)
def test_gates_never_change_findings(recognizer_class: type[EntityRecognizer]) -> None:
    recognizer = recognizer_class()
    factory = CHAT_GATES.get(recognizer.name)
    if factory is None:
        return
    gate = factory()
    for text in texts():
        if not gate(TextFeatures.of(text)):
            assert spans(recognizer, text) == [], text[:80]


def test_only_long_s_and_dotted_i_escape_lower_case_literals() -> None:
    """Every character a case-insensitive pattern matches on an ASCII letter lower-cases to that letter,
    except the two `folded_literals` adds as sentinels."""
    letter = regex.compile("[a-z]", DEFAULT_FLAGS)
    escapes = set()
    for cp in range(0x80, sys.maxunicode + 1):
        char = chr(cp)
        match = letter.fullmatch(char)
        if match is not None and not any(
            a in char.lower() and len(char.lower()) == 1 for a in "abcdefghijklmnopqrstuvwxyz"
        ):
            escapes.add(char)
    assert escapes == {"\u017f", "\u0130"}
    assert folded_literals("pass") == ("pass", "\u017f")
    assert folded_literals("pin") == ("pin", "\u0307")
    assert folded_literals("@") == ("@",)
    assert "\u0307" in "\u0130".lower()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("ChatOrderIdRecognizer", "my order hasnt arrived yet", False),
        ("ChatOrderIdRecognizer", "booking ref KOBXUP", True),
        ("ChatOrderIdRecognizer", "order 4821", True),
        ("ChatObfuscatedPhoneRecognizer", "none of my orders", False),  # no whole number word
        ("ChatObfuscatedPhoneRecognizer", "only 2 of them, okay?", False),
        ("ChatObfuscatedPhoneRecognizer", "four one five", True),
        ("ChatObfuscatedPhoneRecognizer", "call 5550123", True),
        ("ChatObfuscatedPhoneRecognizer", "tel 415-555-O123", True),
        ("ChatObfuscatedPhoneRecognizer", "4-1-5-five-5-5", True),
        ("ChatPersonalUrlRecognizer", "see www.example.com for more", False),
        ("ChatDateOfBirthRecognizer", "order 12/03/1985 shipped", False),
        ("ChatDateOfBirthRecognizer", "D.O.B 12/03/1985", True),
        ("ChatDateOfBirthRecognizer", "N\u00c9E LE 3 mars 1985", True),
        ("ChatDateOfBirthRecognizer", "GEBURTSDATUM: 3.3.1985", True),
        ("ChatDateOfBirthRecognizer", "B\u0130RTHDAY 3/3", True),  # a dotted capital I still reads as "i"
        ("ChatPersonalUrlRecognizer", "https://x.io/u/ana", True),
        ("ChatOrderIdRecognizer", "MY ORDR", False),
        ("ChatOrderIdRecognizer", "MY ORDER", True),
    ],
)
def test_gate_examples(name: str, text: str, expected: bool) -> None:
    assert CHAT_GATES[name]()(TextFeatures.of(text)) is expected
