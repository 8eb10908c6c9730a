"""Secrets typed after a cue with no question asked: lockbox and key-safe codes, combinations, door codes after a
star, passcodes read digit by digit, codes "to get in the building"; and the look-alikes that stay unflagged.
The gates are checked against the ungated path on every example."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest

from anonymizer.detect.engine import Detector

from .test_fast_paths import analyse, ungated

SECRETS = [
    ("lockbox is 0420", "0420"),
    ("the lockbox combo is 3-1-7", "3-1-7"),
    ("the combination is 12-34-56", "12-34-56"),
    ("key safe code 4471", "4471"),
    ("door code is *1234", "1234"),
    ("my passcode is 0 4 1 9", "0 4 1 9"),
    ("code to get in the building is 7731", "7731"),
]
NOT_SECRETS = [
    "a combination of factors caused it",
    "the combination is perfect for 2 people",
    "I tried the combo meal for 12.99",
    "combo 2 with a coke",
    "the lockbox is by the door",
    "the passcode is 6 digits long",
    "order combo #3 please",
    "my combination lock broke in 2019",
]


@pytest.mark.parametrize(("text", "value"), SECRETS)
def test_secrets_after_a_cue(detector: Detector, text: str, value: str) -> None:
    found = {(text[f.start : f.end], f.entity_type) for f in detector.detect(text)}
    assert (value, "PASSWORD") in found


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_look_alikes_are_not_secrets(detector: Detector, text: str) -> None:
    assert not [f for f in detector.detect(text) if f.entity_type == "PASSWORD"]


HANDLES = [
    ("my user is jdoe88", "jdoe88"),
    ("account name: jdoe88", "jdoe88"),
    ("my roblox user is coolkid2011", "coolkid2011"),
]
NOT_HANDLES = [
    "my user experience is bad",
    "my user is locked out",
    "the account name is wrong",
    "my user id is 88",
    "roblox user is banned",
    "my user account is 12 years old",
]


@pytest.mark.parametrize(("text", "value"), HANDLES)
def test_handles_after_a_user_cue(detector: Detector, text: str, value: str) -> None:
    found = {(text[f.start : f.end], f.entity_type) for f in detector.detect(text)}
    assert (value, "USERNAME") in found


@pytest.mark.parametrize("text", NOT_HANDLES)
def test_words_after_a_user_cue_are_not_handles(detector: Detector, text: str) -> None:
    assert not [f for f in detector.detect(text) if f.entity_type == "USERNAME"]


def test_gates_never_change_findings_on_these_examples(detector: Detector) -> None:
    texts = [t for t, _ in SECRETS] + NOT_SECRETS + [t for t, _ in HANDLES] + NOT_HANDLES
    gated = analyse(detector, texts)
    with ungated(detector):
        assert analyse(detector, texts) == gated


@pytest.mark.parametrize(("text", "value"), [("last 4 are 4 4 2 1", "4 4 2 1"), ("card *7731", "7731")])
def test_last_digits_read_out_or_masked(detector: Detector, text: str, value: str) -> None:
    found = {(text[f.start : f.end], f.entity_type) for f in detector.detect(text)}
    assert (value, "PARTIAL_ID") in found


@pytest.mark.parametrize(
    "text", ["the last 4 days were awful", "last 4 are 4 boxes and 2 bags", "last 4 of them arrived 2 2 days late"]
)
def test_counts_after_last_are_not_last_digits(detector: Detector, text: str) -> None:
    assert not [f for f in detector.detect(text) if f.entity_type == "PARTIAL_ID"]
