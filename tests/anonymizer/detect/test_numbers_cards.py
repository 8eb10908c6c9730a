"""Card numbers as customers type them: typos that break the checksum or add or drop a digit, groups typed with
extra spaces or dashes, a few words between the cue and the number, the first groups sent before the rest;
and the card-like numbers that are not cards."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import CardCueRecognizer, CreditCardGapRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charge it to 4532 7153 3790 1242 please", ["4532 7153 3790 1242"]),  # checksum fails
        ("4532-7153-3790-12423", ["4532-7153-3790-12423"]),  # a digit added
        ("4532 7153 3790 124", ["4532 7153 3790 124"]),  # a digit dropped
        ("4532 715 3790 1242", ["4532 715 3790 1242"]),  # a digit dropped in the middle
        ("4111  1111  1111  1111", ["4111  1111  1111  1111"]),  # double spaces
        ("4111 - 1111 - 1111 - 1111", ["4111 - 1111 - 1111 - 1111"]),
        ("3782 822463 10006", ["3782 822463 10006"]),  # American Express groups, checksum fails
        ("my visa 4111 1111\n1111 1111", ["4111 1111\n1111 1111"]),  # over a line break
        ("4111\u20141111\u20141111\u20141112", ["4111\u20141111\u20141111\u20141112"]),  # em dashes
    ],
)
def test_card_shaped_numbers_are_cards_without_a_cue(text: str, expected: list[str]) -> None:
    assert found(CreditCardGapRecognizer(), text) == expected
    assert CHAT_GATES["ChatCreditCardRecognizer"]()(TextFeatures.of(text))


@pytest.mark.parametrize(
    "text",
    [
        "4111.1111.1111.1112",  # dotted groups need the checksum
        "1234 5678 9012 3456",  # no issuer starts with 1
        "9876-5432-1098-7654",
        "4444 4444 4444 4444",  # filler
        "2024 2025 2026 2027 2028",  # too many digits for the shape
        "4532 715 379 1242",  # two groups short: fourteen digits
        "4532 71 53790 1242",  # not a card's groups
        "call 4532 7153 3790",  # twelve digits
    ],
)
def test_card_shaped_numbers_that_are_not_cards(text: str) -> None:
    assert found(CreditCardGapRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card is a visa, 4111 1111 1111 1112", ["4111 1111 1111 1112"]),
        ("card on file should be 5500 0000 0000 0004", ["5500 0000 0000 0004"]),
        ("numero de tarjeta 4111 1111 1111 1112", ["4111 1111 1111 1112"]),
        ("ma carte: 4970 1012 3456 7891", ["4970 1012 3456 7891"]),
        ("I paid card 4111 1111 1111 1112", ["4111 1111 1111 1112"]),  # "paid" is not "id"
        ("i'll pay with 4909620737689588 exp 11/28", ["4909620737689588"]),  # no cue but its expiry
        ("4909620737689588, 11/28, 412", ["4909620737689588"]),
        ("can you use 4909620737689588 instead", ["4909620737689588"]),  # card-length, an issuer's prefix
        ("376411234567890", ["376411234567890"]),
        ("gift card 6006491234567890", ["6006491234567890"]),  # a gift card's number spends its money
        # The first groups, the rest to follow in the next message.
        ("card number 4111 1111", ["4111 1111"]),
        ("my credit card number is 4111 1111 1111", ["4111 1111 1111"]),
    ],
)
def test_card_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(CardCueRecognizer(), text) == expected
    assert CHAT_GATES["ChatCardCueRecognizer"]()(TextFeatures.of(text))


@pytest.mark.parametrize(
    "text",
    [
        "card number 12345678",  # not in a card's groups
        "card number 1234 5678",  # no issuer starts with 1
        "health card 2345678901234",
        "library card 23456789012345",
        "sim card 8944 1234 5678 9012",
        "card 4111 111",
        "the card was charged 149.99 on 12/03/2024",
        "order 4909620737689588 on 11/28/2024",  # a date, not an expiry
        "tracking # 4909620737689588",
        "account number: 5212345678901234",
        "ref 9909620737689588",  # no issuer starts with 9
        "4909620737689588123",  # nineteen digits with no cue
        "tracking 9400111899223334 then 11/28",
    ],
)
def test_numbers_after_a_card_cue_that_are_not_payment_cards(text: str) -> None:
    assert found(CardCueRecognizer(), text) == []
