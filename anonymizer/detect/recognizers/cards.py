"""CREDIT_CARD numbers Presidio's pattern misses (19-digit Visa, Maestro, 2-series Mastercard, dotted groups, typos
after a cue or in a card's groups), and IBANs with a typo in them."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers.generic import iban_patterns

from ._base import ChatEntityRecognizer, ChatPatternRecognizer, digits_of, luhn_valid, span_result, verbose_pattern
from .phones import DashTolerantMixin, hyphenate_dashes

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


_SCHEME_PATTERNS = [(regex.compile(prefix), lengths) for prefix, lengths in _SCHEMES]


def card_scheme_ok(number: str) -> bool:
    """True when a digit string has a known issuer prefix and a length that issuer uses."""
    return any(len(number) in lengths and pattern.match(number) for pattern, lengths in _SCHEME_PATTERNS)


class CreditCardGapRecognizer(DashTolerantMixin, ChatPatternRecognizer):
    """Card numbers of 12 to 19 digits, typed plain or in groups, kept only when Luhn and the issuer agree."""

    ENTITY = "CREDIT_CARD"
    NAME = "ChatCreditCardRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "card digits",
            r"""
            (?<![\w.+\-/]|\d[\s.-]{1,3})            # not the tail of a longer number, id or phone
            (?P<value>\d(?:\d|[ \t.\-]{1,3}(?=\d)|\n(?=\d)){11,22})  # 12-19 digits; one to three spaces,
                                                  # dashes or dots between groups, mixed too ("4111 1111-1111.1111")
            (?![\w\-/]|[\s.\-]\d)                 # a sentence's full stop may follow
            """,
            0.5,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["card", "credit", "debit", "visa", "mastercard", "maestro", "amex"]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Luhn checksum plus issuer prefix and length: a pass scores 1.0, a fail drops the match.

        A number typed in a card's own groups ("4532 7153 3790 1242", "3782 822463 10005") with an issuer's
        first digit is a card even when a typo breaks its checksum or adds or drops a digit.
        """
        number = digits_of(pattern_text)
        if not 12 <= len(number) <= 19 or len(set(number)) == 1:
            return False
        return (luhn_valid(number) and card_scheme_ok(number)) or card_grouped(pattern_text)


# Four groups of four (a middle one may be a digit short or long, the last one to seven digits long: a digit
# dropped or added), or American Express's 4-6-5; spaces or dashes, one kind throughout (dotted groups need
# the checksum); the first digit an issuer's (2-6).
_CARD_GROUPS = regex.compile(
    r"[2-6]\d{3}(?P<sep>[ \t]{1,2}|[ \t]?-[ \t]?)\d{3,5}(?P=sep)\d{3,5}(?P=sep)\d{1,7}"
    r"|3[47]\d\d(?P<amex>[ \t]{1,2}|[ \t]?-[ \t]?)\d{6}(?P=amex)\d{4,6}"
)


def card_grouped(value: str) -> bool:
    """True when a value is typed in a payment card's groups (see `_CARD_GROUPS`) with 15 to 19 digits."""
    return _CARD_GROUPS.fullmatch(value) is not None and 15 <= len(digits_of(value)) <= 19


class CardCueRecognizer(DashTolerantMixin, ChatPatternRecognizer):
    """A 13-19 digit number right after a card cue, even when its checksum fails: a customer who mistypes
    one digit of their card still typed fifteen right ones ("card number is 4111 1111 1111 1112"); the first
    eight or twelve digits in groups of four when the rest comes in the next message."""

    ENTITY = "CREDIT_CARD"
    NAME = "ChatCardCueRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "card number after cue",
            r"""
            \b(?:(?:credit|debit|bank|visa|master|payment)?[ \t]?card
                 (?<!\b(?:health|insurance|medical|library|member|membership|loyalty|rewards|id|identity|sim|
                    business|report|key|sd|memory|graphics|video|sound|network|wifi)[ \t-]?card)   # not those cards
               |cc|c/c|visa|mastercard|amex|maestro
               |discover|card\s?holder|pan|tarjeta|carte|karte|kreditkarte|cart[ãa]o|carta|kaart|karta)
            (?:\s+(?:number|num|no\.?|\#|details|info|nr|n[º°o]|numero|número|num[ée]ro|nummer))?
            # A few words between: "card is a visa, 4111...", "card on file should be 5500 ...".
            (?:[ \t]*(?:[,:=\#\-]|\b(?:is|was|it'?s|its|a|an|the|my|on\s+file|should\s+be|would\s+be|here|de
               |visa|mastercard|amex|discover|credit|debit|one|again|actually|now|full)\b)){0,6}[ \t]*
            (?<![\w.+\-/])(?P<value>\d(?:\d|[ \t.\-]{1,3}(?=\d)|\n(?=\d)){6,22})
            (?![\w\-/]|[\s.\-]\d)
            """,
            0.6,
        ),
        verbose_pattern(
            "card number before its expiry",
            r"""
            (?<![\w.+\-/]|\d[\s.-]{1,3})(?P<value>\d(?:\d|[ \t.\-]{1,3}(?=\d)){12,22})(?![\w\-/]|[\s.\-]\d)
            [ \t]*[,;|]?[ \t]*                                     # "4909620737689588 exp 11/28", "..., 11/28, 412"
            (?:exp(?:iry|ires|iration)?\b|valid\s+(?:thru|through|until)|cvv2?\b|cvc\b|security\s+code
               |(?:0?[1-9]|1[0-2])\s?/\s?(?:\d\d|20\d\d)(?!\s?/|\d))
            """,
            0.6,
        ),
        verbose_pattern(
            "plain card-length number",
            r"""
            (?<![\w.+\-/$€£]|\d[\s.-]{1,3})(?P<plain>)(?P<value>(?:4|5[1-5]|2[2-7]|6)\d{15}|3[47]\d{13})
            (?![\w\-/]|[.,]\d|[\s.\-]\d)
            """,
            0.6,
        ),
    ]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """A card-length number with no card word is kept unless a word before it names another number."""
        if match.groupdict().get("plain") is None:
            return False
        line_start = text.rfind("\n", 0, match.start()) + 1
        return _OTHER_NUMBER_BEFORE.search(text, max(line_start, match.start() - 40), match.start()) is not None

    def validate_result(self, pattern_text: str) -> bool | None:
        """13 to 19 digits, whatever their checksum; not one digit repeated ("0000 0000 0000 0000").

        Fewer digits only in a card's groups of four ("card number is 4111 1111", the rest sent in the next
        message): a plain "card number 12345678" is some other card's number.
        """
        number = digits_of(pattern_text)
        if len(set(number)) <= 1 or len(number) > 19:
            return False
        if len(number) >= 13:
            return True
        return len(number) >= 8 and _CARD_FRAGMENT.fullmatch(pattern_text) is not None


# Words naming a number that is not a card, right before it: "order 4909620737689588", "tracking # ...".
_OTHER_NUMBER_BEFORE = regex.compile(
    r"""(?x)\b(?:order|orders|ticket|case|ref|reference|invoice|tracking|account|acct|a/c|policy|member|membership
      |customer|client|ids?|serial|sku|imei|iccid|confirmation|booking|claim|transaction|txn|routing|iban|clabe|cbu
      |reservation|shipment|package|parcel|return|rma|receipt|loan|meter|npi|employee|student|phone|mobile|cell|tel
      |number\s+(?:is\s+)?(?:my|the)\s+(?:order|account))\b
      [ \t]*(?:(?:number|no|num|nr|id|is|was|=)\.?[ \t]*){0,2}[:\#=\-]?[ \t]*\Z""",
    regex.IGNORECASE,
)

# The first two or three groups of four of a card, typed before the rest ("4111 1111", "5500-0000-0000").
_CARD_FRAGMENT = regex.compile(r"[2-6]\d{3}(?P<sep>[ \t]{1,2}|[ \t]?[.\-][ \t]?)\d{4}(?:(?P=sep)\d{4})?")


# An IBAN as typed: a country code and check digits, then the rest unbroken or in groups of four (the last
# group shorter), with spaces or dashes; the candidate may run into a short word after it, trimmed below.
_IBAN_CANDIDATE = regex.compile(
    r"(?<![\w\-])[a-z]{2}\d{2}(?:[a-z0-9]{11,30}|(?:[ \t\-]?[a-z0-9]{1,4}){3,8})(?![\w\-])", regex.IGNORECASE
)
_IBAN_CUE = regex.compile(r"\b(?:iban|bank\s+account|account|acct|wire|transfer|swift|sepa)\b", regex.IGNORECASE)
# Presidio's per-country layouts (letters and digits in each position, the country's length).
_IBAN_LAYOUTS: dict[str, regex.Pattern[str]] = {
    country: regex.compile("^" + layout + "$") for country, layout in iban_patterns.regex_per_country.items()
}


def iban_layout_ok(value: str) -> bool:
    """True when a value has its country's IBAN layout and length, whatever its check digits."""
    compact = regex.sub(r"[\s\-]", "", value).upper()
    layout = _IBAN_LAYOUTS.get(compact[:2])
    return layout is not None and layout.match(compact) is not None


class IbanTypoRecognizer(ChatEntityRecognizer):
    """IBANs whose check digits fail (a typo), found by their country's layout and length.

    Presidio keeps only IBANs that pass the mod-97 check, so one mistyped character leaks the whole account
    number. Here a value laid out as its country's IBAN is one whatever its check digits; a bank word on
    the line before it ("iban", "account", "wire") raises the score. Groups are trimmed from the end until
    the layout fits, so a short word typed after the IBAN is not taken for its last group.
    """

    ENTITY = "IBAN_CODE"
    NAME = "ChatIbanTypoRecognizer"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every IBAN-shaped candidate trimmed to its country's layout, scored by a bank cue before it."""
        results: list[RecognizerResult] = []
        text = hyphenate_dashes(text)
        for match in _IBAN_CANDIDATE.finditer(text):
            end = _iban_end(text, match.start(), match.end())
            if end is None:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            cue = _IBAN_CUE.search(text, max(line_start, match.start() - 40), match.start()) is not None
            results.append(span_result(self, self.ENTITY, match.start(), end, 0.85 if cue else 0.6, "IBAN layout"))
        return results


def _iban_end(text: str, start: int, end: int) -> int | None:
    """The end of the longest prefix of text[start:end], cut at a group boundary, with an IBAN's layout."""
    while end - start >= 15:
        if iban_layout_ok(text[start:end]):
            return end
        cut = max(text.rfind(" ", start, end), text.rfind("\t", start, end), text.rfind("-", start, end))
        if cut <= start:
            return None
        end = cut
    return None
