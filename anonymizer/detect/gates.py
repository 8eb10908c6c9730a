"""Cheap necessary conditions for recognizers, so most messages skip most regex work.

A gate looks at a few features of a text computed once (how many decimal digits it holds, which characters
occur) and answers "could this recognizer possibly match?". Each gate is a *necessary* condition read off
the recognizer's patterns: a card number needs at least 12 digits, an e-mail needs '@'. A gate never
changes a finding, it only skips work that would have found nothing; `tests/anonymizer/detect/test_gates.py`
checks that findings with and without gates are identical. Recognizers without a gate always run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

# libphonenumber's matcher reads digit blocks joined by at most 4 punctuation characters; no region Presidio
# checks has a valid number under 4 digits (checked exhaustively for 1-3 digits, with '+' and parentheses).
_PHONE_CANDIDATE = re.compile(r"\d(?:\D{0,4}\d){3}")
_DOT_LETTER = re.compile(r"\.[A-Za-z]")
_FIVE_CAPITALS = re.compile(r"[A-Z]{5}")  # ASCII capitals, as (?-i:[A-Z]{5,10}) in identifiers.py


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """What gates look at, computed once per text."""

    text: str
    decimals: int  # characters matching regex \\d (str.isdecimal): the digits any digit pattern needs
    chars: frozenset[str]
    length: int

    @classmethod
    def of(cls, text: str) -> TextFeatures:
        return cls(text=text, decimals=sum(map(str.isdecimal, text)), chars=frozenset(text), length=len(text))

    def has(self, *chars: str) -> bool:
        return any(c in self.chars for c in chars)


Gate = Callable[[TextFeatures], bool]


def min_digits(n: int) -> Gate:
    def gate(f: TextFeatures) -> bool:
        return f.decimals >= n

    return gate


# Presidio 2.2.366's predefined recognizers, by name: the fewest digits / the characters every one of
# their patterns requires (see each recognizer's PATTERNS).
PRESIDIO_GATES: dict[str, Gate] = {
    # (4\d{3}|...)[- ]?(\d{3,4})[- ]?(\d{3,4})[- ]?(\d{3,5}): at least 13 digits.
    "CreditCardRecognizer": min_digits(13),
    "UsBankRecognizer": min_digits(8),  # [0-9]{8,17}
    # Every alternative is letters then [0-9]{2,} or [0-9]{6,14}: at least 2 digits.
    "UsLicenseRecognizer": min_digits(2),
    "UsItinRecognizer": min_digits(9),
    "UsPassportRecognizer": min_digits(8),  # [0-9]{9} or [A-Z][0-9]{8}
    "UsSsnRecognizer": min_digits(9),
    "NhsRecognizer": min_digits(10),
    # (bc1|[13])[a-zA-HJ-NP-Z0-9]{25,59}: a '1' or '3' and at least 26 characters.
    "CryptoRecognizer": lambda f: f.length >= 26 and f.has("1", "3"),
    "DateRecognizer": min_digits(2),
    "EmailRecognizer": lambda f: "@" in f.chars,
    # [A-Z]{2}[0-9]{2} then 2+ groups of 4 alphanumerics.
    "IbanRecognizer": lambda f: f.decimals >= 2 and f.length >= 12,
    # Dotted quads need 4 digits and '.'; IPv6 forms need ':'.
    "IpRecognizer": lambda f: (f.decimals >= 4 and "." in f.chars) or ":" in f.chars,
    "MedicalLicenseRecognizer": min_digits(7),
    # Six hex pairs joined by five ':' or five '-', or three quads joined by two '.'.
    "MacAddressRecognizer": lambda f: f.text.count(":") >= 5 or f.text.count("-") >= 5 or f.text.count(".") >= 2,
    "UuidRecognizer": lambda f: "-" in f.chars and f.length >= 36,
    "PhoneRecognizer": lambda f: f.decimals >= 4 and _PHONE_CANDIDATE.search(f.text) is not None,
    # Every URL pattern ends in '.' + a top-level domain (case-insensitive).
    "UrlRecognizer": lambda f: "." in f.chars and _DOT_LETTER.search(f.text) is not None,
}


def search(pattern: str, flags: int = regex.IGNORECASE) -> Gate:
    compiled = regex.compile(pattern, flags)

    def gate(f: TextFeatures) -> bool:
        return compiled.search(f.text) is not None

    return gate


def literals(*words: str) -> Gate:
    """The lower-cased text holds one of `words` (with the sentinels of `folded_literals`, so that the gate
    stays necessary for case-insensitive patterns)."""
    from anonymizer.detect.recognizers.identifiers import folded_literals

    folded = folded_literals(*words)

    def gate(f: TextFeatures) -> bool:
        lower = f.text.lower()
        for word in folded:  # noqa: SIM110  # a plain loop is faster than any() over a generator
            if word in lower:
                return True
        return False

    return gate


def _birth_gate() -> Gate:
    """A birth cue's word, or an age word and five digits (dates.py, `might_hold_birth_date`)."""
    from anonymizer.detect.recognizers.dates import might_hold_birth_date

    return lambda f: might_hold_birth_date(f.text, f.decimals)


def _spoken_address_gate() -> Gate:
    """A street type in Title Case, or in lower case with a number word in the text ("one two three main street":
    "way", "place" and "close" alone are everyday words)."""
    street = r"(?:Street|Avenue|Road|Lane|Drive|Court|Boulevard|Place|Way|Terrace|Crescent|Close|Parkway|Highway"
    street += r"|Square|Trail|Circle|Gardens|Grove|Row)\b"
    titled = regex.compile(street, 0)
    lower = regex.compile(street, regex.IGNORECASE)
    spoken = regex.compile(
        r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
        r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|oh|zero)\b",
        regex.IGNORECASE,
    )

    def gate(f: TextFeatures) -> bool:
        if titled.search(f.text) is not None:
            return True
        return lower.search(f.text) is not None and spoken.search(f.text) is not None

    return gate


_BOOKING_WORDS = literals("booking", "reservation", "confirmation", "pnr", "locator", "airline")


def _has_upper(f: TextFeatures) -> bool:
    return any(c.isupper() for c in f.chars)


_LOWER_TOWN_CUE = regex.compile(r"(?<![\w'])(?:in|from|near|via|visiting|outside|around|towards) +[a-z]")


def _has_upper_or_lower_town(f: TextFeatures) -> bool:
    """ChatCityRecognizer's gate: a capital, or a lower-case word after a preposition of place."""
    return _has_upper(f) or _LOWER_TOWN_CUE.search(f.text) is not None


def _digit_word_gate() -> Gate:
    """Seven number tokens (each a digit or a whole number word: separators and the value's own look-arounds
    keep word characters off both sides), or seven digits after a cue, or a digit and a letter O before a
    digit ("415-555-O123")."""
    from anonymizer.detect.recognizers._base import alternation
    from anonymizer.detect.recognizers.obfuscated import _DIGIT_WORDS

    words = search(rf"(?<!\w)(?:{alternation(_DIGIT_WORDS)})(?!\w)")
    letter_o = search(r"o[\d\s().\-o]*\d")
    return lambda f: f.decimals >= 7 or words(f) or (f.decimals >= 1 and letter_o(f))


def _spoken_id_gate() -> Gate:
    """Four digits, or a number word other than "oh" (each read-out id holds four digits or number words)."""
    words = search(r"(?<!\w)(?:zero|one|two|three|four|five|six|seven|eight|nine)(?!\w)")
    return lambda f: f.decimals >= 4 or words(f)


def _order_gate(f: TextFeatures) -> bool:
    return f.decimals >= 1 or _FIVE_CAPITALS.search(f.text) is not None or _BOOKING_WORDS(f)


_PLACE_WORDS = literals(
    "mov", "relocat", "liv", "resid", "based", "located", "staying", "deliver", "ship", "send", "store", "shop",
    "branch", "location", "visiting", "fly", "flight", "flew", "travel", "originally", "came", "grew", "hometown",
    "home", "returned", "head", "driv", "drove", "commut", "born", "here", "train", "bus", "ticket",
)  # fmt: skip
_PLACE_PRONOUN = regex.compile(
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:in|from|out|over|down|up|back|currently|still|now)\b", regex.IGNORECASE
)


_PLACE_LABEL = regex.compile(
    r"(?:city|town|region|province|county|birth|birthplace)\W{0,3}[:=]|\d,\s+(?:of|from)\s"
    r"|(?:issued|parked|registered)\s+in\s|[·•]",
    regex.IGNORECASE,
)


def _place_cue_gate() -> Gate:
    """ChatPlaceRecognizer's gate: its cue words as lower-case literals (cheaper than one alternation), a form
    label ("City:"), a person's age before "of" ("Wout Keijser, 69, of ..."), "issued in", or a contact line's
    separator ("·")."""
    return lambda f: (
        _PLACE_WORDS(f) or _PLACE_PRONOUN.search(f.text) is not None or _PLACE_LABEL.search(f.text) is not None
    )


# The project's chat recognizers (anonymizer/detect/recognizers), by name, for their built-in patterns only:
# a recognizer carrying user patterns (detection.id_patterns) is never gated.
CHAT_GATES: dict[str, Callable[[], Gate]] = {
    # "<name> has joined / left / entered / exited / is typing / will be assisting".
    "ChatEventNameRecognizer": lambda: search(r"joined|left|entered|exited|typing|assisting"),
    # Every spelled-out "at" is the word at (bare or bracketed), '@' or '#'.
    "ChatSpelledEmailRecognizer": lambda: search(
        r"(?<![a-z])(?:at|ät|arrobas?|chiocciola|klammeraffe|arobase|apenstaartje|ma[łl]pa|snabel-?a)(?![a-z])|[@#]"
    ),
    # Every birth cue holds "birth", "born", "bday"/"b-day" or "d.o.b", or a foreign cue's stem (dates.py).
    "ChatDateOfBirthRecognizer": _birth_gate,
    # Identifiers read out after a cue: four digits, or a number word (obfuscated.py).
    "ChatSpokenOrderIdRecognizer": _spoken_id_gate,
    "ChatSpokenAccountIdRecognizer": _spoken_id_gate,
    # Seven number words or digits, seven digits after a cue, or a letter O among digits.
    "ChatObfuscatedPhoneRecognizer": _digit_word_gate,
    # Every URL pattern needs "=" (a query parameter) or "/" (a path).
    "ChatPersonalUrlRecognizer": lambda: lambda f: f.has("/", "="),
    "ChatCreditCardRecognizer": lambda: min_digits(12),
    "ChatCardCueRecognizer": lambda: min_digits(8),  # 8-12 only as a card's first groups of four
    # House numbers, PO box numbers, postcodes (every US/UK/CA/other format holds a digit), and account ids
    # (prefix + 4-16 digits, or a value that the cue pattern requires to contain a digit).
    "ChatStreetAddressRecognizer": lambda: min_digits(1),
    "ChatZipCodeRecognizer": lambda: min_digits(1),
    "ChatAccountIdRecognizer": lambda: min_digits(1),
    # A National Insurance number holds six digits, a wallet address at least one among its 40 hex digits.
    "ChatDocumentNumberRecognizer": lambda: min_digits(1),
    # The value after "licence" holds a digit.
    "ChatDrivingLicenceRecognizer": lambda: min_digits(1),
    # Every order pattern's value holds a digit, except the letter-only booking code: five capitals or more, or
    # lower-case letters after a booking cue ("booking ref fgvwrk").
    "ChatOrderIdRecognizer": lambda: _order_gate,
    "ChatPartialIdRecognizer": lambda: min_digits(2),
    # Every value holds 6 to 15 digits (a shorter match is rejected; six only after a cue).
    "ChatLenientPhoneRecognizer": lambda: min_digits(6),
    "ChatSsnRecognizer": lambda: min_digits(8),  # 8 or 10 only as a typo after a strong cue
    # Every street core holds a digit (a core without one is dropped before the address lines are read).
    "ChatInternationalAddressRecognizer": lambda: min_digits(1),
    # The value must hold a digit (a house number, or the digits of the unit or street).
    "ChatAddressCueRecognizer": lambda: min_digits(1),
    # Every spoken address has a street type (Title Case, or lower case in a lower-case transcript); every table
    # a line break.
    "ChatSpokenAddressRecognizer": _spoken_address_gate,
    "ChatAddressColumnRecognizer": lambda: lambda f: f.has("\n"),
    "ChatStructuredDataRecognizer": lambda: lambda f: f.has("\n"),
    # Presidio's phone recognizer with region passes skipped by digit count (anonymizer/detect/phones.py).
    "PhoneRecognizer": lambda: PRESIDIO_GATES["PhoneRecognizer"],
    # Presidio's NHS recognizer kept to texts with a health word (anonymizer/detect/phones.py): 10 digits.
    "NhsRecognizer": lambda: PRESIDIO_GATES["NhsRecognizer"],
    # Every IBAN holds its two check digits; every IP quad four digits.
    "ChatIbanTypoRecognizer": lambda: min_digits(2),
    "ChatLooseIpRecognizer": lambda: min_digits(4),
    # A list of three names holds a comma.
    "ChatNameEnumerationRecognizer": lambda: lambda f: f.has(","),
    # Every town and country pattern starts with an upper-case letter (\p{Lu}, all of which str.isupper).
    "ChatCityRecognizer": lambda: _has_upper_or_lower_town,
    "ChatCountryRecognizer": lambda: _has_upper,
    # Every cue holds one of these words (and "i'm"/"we're"... an apostrophe after i/we/he/she/they).
    # "is a practising Mormon" after a name; "the Labour Party".
    "ChatNrpRecognizer": lambda: search(
        r"\b(?:i|we|he|she|they|my|our|his|her|as|being|born|raised|is|was|are|were)|Party"
    ),
    # Every cue holds one of these words, or is "I'm / I am / we're / we are" before in, from, out, over...
    "ChatPlaceRecognizer": _place_cue_gate,
}


def gate_for(recognizer_name: str, module: str, has_user_patterns: bool) -> Gate | None:
    """The gate of a recognizer, or None when it must always run."""
    if module.startswith("presidio_analyzer"):
        return PRESIDIO_GATES.get(recognizer_name)
    if has_user_patterns:
        return None
    factory = CHAT_GATES.get(recognizer_name)
    return factory() if factory is not None else None
