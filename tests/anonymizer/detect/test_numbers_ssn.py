"""SSNs a few words after a strong cue, with slashes, or with a digit dropped or added after the cue; and the
numbers near an SSN cue that are not the SSN."""

from __future__ import annotations

import pytest

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import SsnCueRecognizer


def found(text: str) -> list[str]:
    recognizer = SsnCueRecognizer()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the SSN for my husband: 213456789", ["213456789"]),
        ("SSN I have on file is 213-45-6789", ["213-45-6789"]),
        ("social security number of the account holder 213 45 6789", ["213 45 6789"]),
        ("SSN: 213/45/6789", ["213/45/6789"]),
        ("social security number is 213-45-678", ["213-45-678"]),  # a digit dropped
        ("SSN 213-45-67890", ["213-45-67890"]),  # a digit added
        ("SSN and DOB: 213-45-6789, 01/02/1980", ["213-45-6789"]),
        ("social security number 213\u201345\u20136789", ["213\u201345\u20136789"]),  # en dashes
        ("socsec 213456789", ["213456789"]),
    ],
)
def test_ssns_after_a_strong_cue(text: str, expected: list[str]) -> None:
    assert found(text) == expected
    assert CHAT_GATES["ChatSsnRecognizer"]()(TextFeatures.of(text))


@pytest.mark.parametrize(
    "text",
    [
        "ssn and routing number 213456789",  # the number after another number's name
        "SSN is fine, my phone is 415-555-0134",
        "ssn last 4 6789",
        "ssn 21345678",  # eight digits not in 3-2-x groups
        "social 213-45-678",  # a dropped digit needs a strong cue
        "ssn 000-00-0000",
        "ssn 123-45-6789",  # a published sample
        "ssn on the form is required, order 213456789",
    ],
)
def test_numbers_near_an_ssn_cue_that_are_not_the_ssn(text: str) -> None:
    assert found(text) == []
