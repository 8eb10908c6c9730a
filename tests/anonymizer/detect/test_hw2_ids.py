"""Identifiers, credentials, user names and birth dates in the shapes hand-written chats bring: id cues with
"as", user ids, applicant/student/file/intake numbers, read-out ids, role + handle, e-mail / password pairs,
access codes read digit by digit, "b." before a birth date; with look-alikes that must stay unflagged."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import AccountIdRecognizer, OrderIdRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


ACCOUNTS = [
    ("we have your member ID as XKH918204663, is that still current?", ["XKH918204663"]),
    ("UID 77120458", ["77120458"]),
    ("my user id: 55012873", ["55012873"]),
    ("new id is WPB 4410 7723 01, hes the primary", ["WPB 4410 7723 01"]),
    ("applicant no. GA2026-558102 name is Adaeze", ["GA2026-558102"]),
    ("Student ID S2231984, year 2", ["S2231984"]),
    ("si, matricola VL-44871, sono Giuseppe", ["VL-44871"]),
    ("customer number 1042", ["1042"]),
    ("account 48213377 is locked", ["48213377"]),
    # Look-alikes: a row number or a count after a bare cue, a year, an HTML id, a student's year.
    ("Customer 1042 logged in from two different IPs", []),
    ("my id was 2019", []),
    ("see the id attribute in the html", []),
    ("the student 2 rows down", []),
    ("member as of 2021", []),
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS)
def test_account_ids(text: str, expected: list[str]) -> None:
    assert found(AccountIdRecognizer(), text) == expected


ORDERS = [
    ("Your intake number is ELA-H-260312-044.", ["ELA-H-260312-044"]),
    ("Your file number is WCLC-F-26-00891. If you feel unsafe", ["WCLC-F-26-00891"]),
    ("my prescription number is RX 6620194", ["RX 6620194"]),
    ("rx number 6620194 please", ["6620194"]),
    ("número de receta: 88120431", ["88120431"]),
    ("docket 2026-CV-00412 was filed", ["2026-CV-00412"]),
    # Look-alikes: a graphics card, a file that is not a record, a count.
    ("the rx 7700 xt runs hot", []),
    ("file 12345 is corrupted", []),
    ("the file is 2024 notes", []),
]


@pytest.mark.parametrize(("text", "expected"), ORDERS)
def test_order_ids(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected
