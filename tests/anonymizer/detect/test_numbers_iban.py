"""IBANs with a typo in their check digits, found by their country's layout and length; and the codes of the
same shape that are not IBANs."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import IbanTypoRecognizer, chat_recognizers


def found(text: str) -> list[tuple[str, float]]:
    recognizer = IbanTypoRecognizer()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [(text[r.start : r.end], r.score) for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected", "score"),
    [
        ("iban is DE89 3704 0044 0532 0130 01 asap", "DE89 3704 0044 0532 0130 01", 0.85),  # check fails
        ("my iban BE68 5390 0754 7035 and sort code", "BE68 5390 0754 7035", 0.85),  # a word after it
        ("iban: gb29nwbk60161331926818", "gb29nwbk60161331926818", 0.85),  # lower case, unbroken
        ("DE89-3704-0044-0532-0130-01", "DE89-3704-0044-0532-0130-01", 0.6),  # no cue
        ("FR12 3456 7890 1234 5678 9012 345", "FR12 3456 7890 1234 5678 9012 345", 0.6),
    ],
)
def test_ibans_with_a_typo_are_found(text: str, expected: str, score: float) -> None:
    assert found(text) == [(expected, score)]


@pytest.mark.parametrize(
    "text",
    [
        "the model is AB12CDEFGHIJKLMNOP",  # no country's layout
        "SKU AB12 3456 7890 1234",  # no such country
        "DE89 3704 0044",  # too short
        "DE89 3704 0044 0532 0130 0123 4567",  # too long for Germany
        "use code SAVE20 today",
        "GB29 1234 6016 1331 9268 18",  # a British IBAN has four letters for its bank
    ],
)
def test_codes_that_are_not_ibans(text: str) -> None:
    assert found(text) == []


def test_iban_typo_recognizer_is_registered() -> None:
    assert any(isinstance(r, IbanTypoRecognizer) for r in chat_recognizers())


def test_iban_typo_gate_lets_every_found_iban_through() -> None:
    from anonymizer.detect.gates import CHAT_GATES, TextFeatures

    gate = CHAT_GATES["ChatIbanTypoRecognizer"]()
    for text in ("iban is DE89 3704 0044 0532 0130 01 asap", "DE89-3704-0044-0532-0130-01"):
        assert found(text)
        assert gate(TextFeatures.of(text))
