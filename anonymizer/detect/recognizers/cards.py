"""CREDIT_CARD numbers Presidio's pattern misses: 19-digit Visa, Maestro, 2-series Mastercard, dotted groups."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, digits_of, luhn_valid, verbose_pattern

# Issuer prefixes (IIN ranges) and the lengths each scheme issues; a Luhn-valid number outside them is noise.
_SCHEMES: list[tuple[str, tuple[int, ...]]] = [
    (r"4", (13, 16, 19)),                                                 # Visa
    (r"5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720", (16,)),       # Mastercard incl. 2-series
    (r"3[47]", (15,)),                                                    # American Express
    (r"6011|64[4-9]|65", (16, 17, 18, 19)),                               # Discover
    (r"5018|5020|5038|5893|6304|6759|676[1-3]|50|5[6-8]|6[0-9]", tuple(range(12, 20))),  # Maestro
    (r"35(?:2[89]|[3-8]\d)", (16, 17, 18, 19)),                           # JCB
    (r"2131|1800", (15,)),                                                # JCB, 15-digit legacy ranges
    (r"3(?:0[0-5]|[689])", (14, 15, 16, 17, 18, 19)),                     # Diners Club
    (r"62", (16, 17, 18, 19)),                                            # UnionPay
]  # fmt: skip


def card_scheme_ok(number: str) -> bool:
    """True when a digit string has a known issuer prefix and a length that issuer uses."""
    return any(regex.match(prefix, number) and len(number) in lengths for prefix, lengths in _SCHEMES)


class CreditCardGapRecognizer(ChatPatternRecognizer):
    """Card numbers of 12 to 19 digits, typed plain or in groups, kept only when Luhn and the issuer agree."""

    ENTITY = "CREDIT_CARD"
    NAME = "ChatCreditCardRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "card digits",
            r"""
            (?<![\w.+\-/]|\d[\s.-])               # not the tail of a longer number, id or phone
            (?P<value>\d(?:\d|[\s.\-](?=\d)){11,22}) # 12-19 digits; a space, dash or dot between groups,
                                                  # mixed too ("4111 1111-1111.1111")
            (?![\w\-/]|[\s.\-]\d)                 # a sentence's full stop may follow
            """,
            0.5,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["card", "credit", "debit", "visa", "mastercard", "maestro", "amex"]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Luhn checksum plus issuer prefix and length: a pass scores 1.0, a fail drops the match."""
        number = digits_of(pattern_text)
        return 12 <= len(number) <= 19 and luhn_valid(number) and card_scheme_ok(number)


class CardCueRecognizer(ChatPatternRecognizer):
    """A 13-19 digit number right after a card cue, even when its checksum fails: a customer who mistypes
    one digit of their card still typed fifteen right ones ("card number is 4111 1111 1111 1112")."""

    ENTITY = "CREDIT_CARD"
    NAME = "ChatCardCueRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "card number after cue",
            r"""
            \b(?:(?:credit|debit|bank|visa|master|payment|gift)?\s?card|cc|visa|mastercard|amex|maestro
               |discover|card\s?holder|pan)
            (?:\s+(?:number|num|no\.?|\#|details))?
            (?:\s+(?:is|was|=|:))?\s*[:\#=\-]?\s*
            (?<![\w.+\-/])(?P<value>\d(?:\d|[\s.\-](?=\d)){12,22})
            (?![\w\-/]|[\s.\-]\d)
            """,
            0.6,
        ),
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        """13 to 19 digits, whatever their checksum; not one digit repeated ("0000 0000 0000 0000")."""
        number = digits_of(pattern_text)
        return 13 <= len(number) <= 19 and len(set(number)) > 1
