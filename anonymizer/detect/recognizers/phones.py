"""PHONE_NUMBER by shape and context, whether or not libphonenumber knows the range is assigned.

Presidio keeps only numbers libphonenumber calls *valid* for a handful of regions, so a number from another
country ("Phone: 9469 9966") or from an unassigned range ("+44 7692 961937") is dropped. Whether a number is
assigned says nothing about whether it is someone's: here an international number needs only a plausible
length for its country code, and a national one needs a phone cue word in front of it.
"""

from __future__ import annotations

import itertools
import unicodedata
from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ._base import verbose_pattern
from .identifiers import PrefilteredRecognizer

# Digit groups joined by one separator each; parentheses around an area code or a trunk "(0)".
_GROUPS = r"""
    (?:\(\d{1,5}\)|\d{1,5})                 # first group: "(415)", "7692", "(0)", "(00937)"
    (?:(?:[ \t]?[.\-/][ \t]?|[ \t])?(?:\(\d{1,5}\)|\d{1,5})){1,6}  # more groups, each after one separator,
                                               # maybe spaced ("415 - 555"); a line break ends a number
"""
# A country code as typed: "+44", "0044", "+(370)", "(+57)".
_COUNTRY_CODE = r"(?:\+|00)(?!0)\d{1,3}|\+\((?!0)\d{1,3}\)|\(\+(?!0)\d{1,3}\)"
# An extension after the number: "x1234", "ext. 45", " extension 12", "#200" is not one (an order id).
_EXTENSION = r"(?:[ \t]*(?:x|ext\.?|extn\.?|extension)[ \t]*(?P<ext>\d{1,6}))"

# Words that introduce a phone number. "number" alone is too weak ("order number"), so it needs a phone word
# or a verb of calling; "no"/"#" likewise. Single letters ("T:", "M:") need their colon.
_CUE = r"""
    (?:
      (?:tele)?phone(?:\s+(?:number|no|\#|num))?|mobile(?:\s+(?:number|no|\#))?|cell(?:\s?phone)?(?:\s+(?:number|no|\#))?
      |tel|tel\.|ph|mob|landline|whats\s?app|contact\s+(?:number|no|\#)|callback\s+(?:number|no)|fax
      |call\s+(?:me|us)(?:\s+back)?|text\s+me|reach\s+(?:me|us)|ring\s+me|contact\s+(?:me|us)|phone\s+me
      |sms|viber|signal|telegram|telefon|telefono|teléfono|téléphone|tlf|handy|celular|móvil
      |(?:my|our|his|her)\s+(?:new\s+|best\s+|home\s+|work\s+|direct\s+|other\s+|contact\s+)?(?:number|no\.?|digits)
      |[tmp](?=\s*:)|contact(?=\s*:)
    )
"""


# Dashes people paste from word processors and phones (en and em dashes, minus signs): read as a hyphen, one for one,
# so every offset found in the translated text is the same in the original.
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASH_CHARS, "-"))
_DASH = regex.compile(f"[{_DASH_CHARS}]")


def hyphenate_dashes(text: str) -> str:
    """`text` with typographic dashes and minus signs replaced by '-', length and offsets unchanged."""
    return text.translate(_DASH_TABLE) if _DASH.search(text) else text


class DashTolerantMixin:
    """Runs a pattern recognizer's patterns over the text with its dashes read as hyphens."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        """The parent's findings on `hyphenate_dashes(text)` (same offsets)."""
        return super().analyze(hyphenate_dashes(text), entities, nlp_artifacts, regex_flags)  # type: ignore[misc,no-any-return]


class LenientPhoneRecognizer(DashTolerantMixin, PrefilteredRecognizer):
    """International numbers of plausible length anywhere; national numbers of 7-15 digits next to a phone cue."""

    ENTITY = "PHONE_NUMBER"
    NAME = "ChatLenientPhoneRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "international format",
            rf"""
            (?<![\w+$€£./:-])                      # not inside a sum, a version, an id or another number
            (?P<value>(?:{_COUNTRY_CODE})(?:[ \t.\-]?{_GROUPS}){_EXTENSION}?)  # +44 7692 961937, 0049 30 1234567
            (?![\w%]|[.,/:-]\d)                    # not followed by more digits, a unit or a percent sign
            """,
            0.6,
        ),
        verbose_pattern(
            "national number after cue",
            rf"""
            \b(?P<cue>{_CUE})\b
            (?:\s+(?:is|was|at|on|=))?(?:\s+(?:now|still))?\s*[:\#\-=.]?\s*   # "phone:", "call me at", "is now"
            (?P<value>{_GROUPS}{_EXTENSION}?)
            (?![\w%]|[.,/:-]\d)
            """,
            0.6,
        ),
        verbose_pattern(
            "national number before label",
            rf"""
            (?<![\w+$€£./:-]|\d,)                   # a list's comma may come before: "...-Office,3660170548-Fax"
            (?P<value>{_GROUPS}{_EXTENSION}?)
            [ \t]*[-\u2013(]?[ \t]*(?:office|fax|mobile|cell|home|work|landline|tel|phone)\b   # "28-64-66-98 office"
            (?![ \t]+\w)                               # a label ends its line or clause ("home, work items")
            """,
            0.6,
        ),
        verbose_pattern(
            "area code in parentheses",
            rf"""
            (?<![\w+$€£.,/:#(-])
            (?!\((?:19|20)\d\d\))                  # "(2019) 12345" is a year
            (?P<value>(?:\d[ \t]?)?\(\d{{2,5}}\)                # "(0151) 496 0000", "8 (465) 632-1223"
              [ \t.\-/]?\d{{2,5}}(?:[ \t.\-]\d{{2,5}}){{0,3}}{_EXTENSION}?)
            (?![\w%]|[.,/:-]\d)
            """,
            0.5,
        ),
        verbose_pattern(
            "bare grouped number",
            r"""
            (?=[\d(])                                     # fails fast where no number starts
            (?<![\w+$€£¥.,/:\#@*&=~^-]|\d[ \t]{0,2}[.\-/]?[ \t]{0,2})  # not inside a sum, a version, an id,
                                                          # a list or another number
            (?P<bare>)(?P<value>(?:\(\d{1,5}\)[ \t]?[.\-/]?[ \t]?|\d{1,5}(?:[ \t]?[.\-/][ \t]?|[ \t]))  # "729 099 603",
              (?:\(\d{1,5}\)|\d{1,5})(?:(?:[ \t]?[.\-/][ \t]?|[ \t])(?:\(\d{1,5}\)|\d{1,5})){0,4}  # "(00)967-9290"
              |\(\d{1,5}\)[ \t]?\d{6,10}                     # "(351) 937034236"
              |0\d{1,4}[ \t]?[.\-/]?[ \t]?\d{6,8}               # a trunk zero and an area code: "01390 996030"
              |\d{10,11})                                  # or not grouped at all: "3660170548", "19637865797"
            (?![\w%°]|[.,/:-]?\d|[ \t]?[.\-/][ \t]?\d|[ \t]\d)   # the whole digit run, not a part of it
            """,
            0.45,
        ),
        verbose_pattern(
            "national number before cue",
            rf"""
            (?<![\w+$€£.,/:#-])
            (?P<value>{_GROUPS}{_EXTENSION}?)
            [ \t]+(?:is|=|-)[ \t]+(?:my|our|his|her)[ \t]+(?:new[ \t]+|best[ \t]+|home[ \t]+|work[ \t]+|direct[ \t]+)?
            (?P<cue>(?:tele)?phone|cell|mobile|landline|number|whats\s?app|digits)\b   # "533 186 091 is my mobile"
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["phone", "call", "mobile", "cell", "tel", "number", "whatsapp"]
    # The patterns that may start at any digit run only when their label or cue words occur in the text.
    PREFILTERS: ClassVar[dict[str, str]] = {
        "national number after cue": rf"\b(?:{_CUE})\b",
        "national number before label": r"\b(?:office|fax|mobile|cell|home|work|landline|tel|phone)\b",
        "national number before cue": r"""
            \b(?:my|our|his|her)[ \t]+(?:new[ \t]+|best[ \t]+|home[ \t]+|work[ \t]+|direct[ \t]+)?
            (?:(?:tele)?phone|cell|mobile|landline|number|whats\s?app|digits)\b""",
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Keep 7-15 digits that are not a date or a time; international ones must fit their country code.

        Six digits are kept only after a cue and in three or more groups ("tel 23 30 82", Luxembourg).
        """
        value = match.group("value")
        if match.groupdict().get("bare") is not None:
            return _reject_bare(value, match.start("value"), text)
        extension = match.group("ext")
        main = value[: match.start("ext") - match.start("value")] if extension else value
        digits = _digits(main)
        if len(set(digits)) == 1:
            return True
        if len(digits) == 6:
            groups = regex.findall(r"\d+", main)
            if match.groupdict().get("cue") is None or len(groups) < 3 or _date_like(groups):
                return True
        elif not 7 <= len(digits) <= 15:
            return True
        # "call me at 10.30", "phone 2024-03-14": times and dates have their own shapes.
        if regex.fullmatch(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}", main) and _date_like(regex.findall(r"\d+", main)):
            return True
        international = regex.match(r"\(?(\+|00)", main)
        # After a cue, "0093-786 57" may be a national number with a leading zero pair.
        if international is not None and not (international.group(1) == "00" and match.groupdict().get("cue")):
            # A trunk zero in parentheses ("+44 (0)20 ...") is not dialled after the country code.
            digits = _digits(main.replace("(0)", ""))
            if international.group(1) == "00":
                digits = digits[2:]
            return not _plausible_international(digits)
        return False


# A bare number right after one of these words is an identifier, an amount or a reference, not a phone.
_NOT_PHONE_BEFORE = regex.compile(
    r"""(?x)(?:\b(?:order|orders|ticket|case|ref|reference|invoice|tracking|account|acct|a/c|policy|member|membership
      |customer|client|ids?|serial|sku|model|part|isbn|confirmation|booking|claim|transaction|txn|routing|sort\s+code
      |iban|swift|bic|card|cc|ssn|social|security|sin|passport|licen[cs]e|dl|vin|plate|ein|tax|itin|pin|otp|code
      |zip|postcode|postal|apt|suite|unit|box|room|flight|train|seat|gate|version|ver|build|release|invoice|receipt
      |loan|meter|patient|mrn|nhs|npi|employee|student|badge|reservation|shipment|package|parcel|return|rma
      |usd|eur|gbp|inr|rs|jpy|cny|chf|aud|cad|price|total|cost|costs|paid|pay|charged|balance|amount|between|from
      |upc|ean|gtin|barcode|imei|imsi|iccid|mac|error|err|errno|exit|timestamp|epoch|hash|checksum|crc|port
      |sizes?|picks|scores?|results|values|ages|lotto|lottery|odds|grades|marks|readings|levels|resolution|res
      |dimensions|dims|pixels|range|ranges|pages?|chapters?|verses?|rows?|columns?|steps?|items?|qty
      |quantity|quantities|weights?|heights?|widths?|lengths?|measurements|stats|figures|digits\s+of\s+pi
      |numbers?|nos?|nr|n[º°])\b|[$€£¥\#]|\d[ \t]*[x\u00d7*])
      [ \t]*(?:(?:number|no|num|nr|id|is|was|are|were|of|about|around|approx|=)\.?[ \t]*){0,2}[:\#=\-]?[ \t]*\Z""",
    regex.IGNORECASE,
)
# Units, currencies and counted things after a number ("1 250 000 views", "12 500 eur").
_NOT_PHONE_AFTER = regex.compile(
    r"""(?x)[ \t]*(?:%|percent|[kmg]b|[kmgt]bps|kg|g|lbs?|km|mi|miles|m|cm|mm|ft|hz|mah|w|kw|kwh|v|rpm|px|dpi
      |usd|eur|gbp|inr|rs|jpy|cny|chf|aud|cad|dollars?|euros?|pounds?|bucks|yen|kr|zl|zł|pln|rupees?|pesos?
      |views|people|users|items|units|pcs|pieces|times|points|pts|votes|followers|subscribers|copies|visits
      |years?|months?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|am|pm|h|bc|ad|ce|bce|degrees?|deg|rows|columns
      |bytes|pages|words|steps|calories|kcal)\b""",
    regex.IGNORECASE,
)

# The country code, check digits and bank code of an IBAN typed in groups: "NL72 ABNA 0453 5789 68".
_IBAN_HEAD = regex.compile(r"\b[a-z]{2}\d{2}(?:[ \t]?[a-z0-9]{4})*[ \t]?\Z", regex.IGNORECASE)

_DIGIT_RUN = regex.compile(r"\d+")
_SEPARATOR_RUN = regex.compile(r"[^\d()]+")
_YEAR_IN_PARENTHESES = regex.compile(r"\((?:19|20)\d\d\)")
_UNIX_TIME = regex.compile(r"1[4-9]\d{8}(?:\d{3})?")
_SEVEN_DIGITS = regex.compile(r"[1-9]\d\d(?:[ \t]?[.\-]?[ \t]?\d{4}|(?P<s>[ .\-])\d\d(?P=s)\d\d)")  # 342-36-67
_TIME_RANGE = regex.compile(r"\d{1,2}[.:]\d\d[ \t]*[-/][ \t]*\d{1,2}[.:]\d\d")
_ZIP_PLUS_FOUR = regex.compile(r"\d{5}-\d{4}")


def _reject_bare(value: str, start: int, text: str) -> bool:
    """A digit run in groups with no phone cue is a phone only when nothing else explains it.

    It needs 8-13 digits (7 only as "555-0134" or "342-36-67"), at most one one-digit group and only
    first ("1-800-356-9377", "8 (465) 632-1223"), and it must not read as a date, a time range, a range of
    round numbers or years, a sum in thousands ("12 345 678", "1.250.000"), an IP address, a US ZIP+4, an
    amount or count (a currency or unit word after it) or an identifier (an id cue word before it).
    """
    groups = _DIGIT_RUN.findall(value)
    digits = "".join(groups)
    separators = _SEPARATOR_RUN.findall(value.strip("()"))
    seps = {sep.strip() or " " for sep in separators}
    if len(set(digits)) <= 2 or _YEAR_IN_PARENTHESES.match(value):
        return True  # "1111 1111"; "(2019) 12345" is a year
    if len(groups) == 1:
        # Not grouped: 10 or 11 digits, a national number's length (in the dev sets a plain run of 8 digits is an
        # account or order number, of 9 an SSN, of 12-13 a card), that do not open with a date ("20240314...")
        # or read as a Unix time, a round sum or a run of digits typed as a placeholder ("1234567890").
        return (
            not 10 <= len(digits) <= 11
            or _opens_with_date(digits)
            or digits.endswith("000")
            or digits in "12345678901234567890"
            or digits in "98765432109876543210"
            or _UNIX_TIME.fullmatch(digits) is not None
            or _NOT_PHONE_BEFORE.search(text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]) is not None
            or _NOT_PHONE_AFTER.match(text, start + len(value)) is not None
        )
    if len(digits) == 7:
        if not _SEVEN_DIGITS.fullmatch(value):
            return True
    elif not 8 <= len(digits) <= 13:
        return True
    if any(len(g) == 1 for g in groups[1:]):
        return True
    if len(groups) == 2 and all(len(g) <= 2 for g in groups):
        return True
    if len(groups) >= 5 and all(len(g) <= 2 for g in groups) and groups[0][0] != "0":
        return True  # a list of small numbers ("sizes 10 12 14 16 18"); "06 12 34 56 78" has its trunk zero
    steps = {int(b) - int(a) for a, b in itertools.pairwise(groups)}
    if len(groups) >= 3 and len(steps) == 1 and len({len(g) for g in groups}) == 1:
        return True  # counting: "chapters 12 13 14 15", "1500 2000 2500"
    round_numbers = all(g.endswith("00") for g in groups) or all(g[-1] == "0" != g[0] for g in groups)
    if round_numbers or all(1900 <= int(g) <= 2099 and len(g) == 4 for g in groups):
        return True  # "1500-2000", "2019 2020 2021"
    # A date, maybe with a time after it: "14.03.2024 10.30", "2024 03 14".
    for i in range(len(groups) - 2):
        three = groups[i : i + 3]
        if any(len(g) == 4 for g in (three[0], three[2])) and _date_like(three):
            return True
    if len(groups) == 3 and _date_like(groups) and seps <= {".", "/", "-"}:
        return True
    if _TIME_RANGE.fullmatch(value):
        return True  # "09.00-17.30"
    # Thousands: dotted ("1.250.000") or with a short lead ("12 345 678"); "729 099 603" is a phone.
    thousands = len(groups) >= 2 and all(len(g) == 3 for g in groups[1:]) and groups[0][0] != "0"
    if thousands and (seps <= {"."} or len(groups[0]) <= 2):
        return True
    if seps == {"."} and len(groups) == 4 and all(len(g) <= 3 and int(g) <= 255 for g in groups):
        return True  # an IPv4 address
    if _ZIP_PLUS_FOUR.fullmatch(value):
        return True  # a ZIP+4 code
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    if _NOT_PHONE_BEFORE.search(before) or _IBAN_HEAD.search(before):
        return True
    return _NOT_PHONE_AFTER.match(text, start + len(value)) is not None


def _opens_with_date(digits: str) -> bool:
    """The digits start with a year, month and day ("20240314..."), or a day, month and year ("14032024...")."""
    ymd = regex.match(r"(?:19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", digits)
    dmy = regex.match(r"(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(?:19|20)\d\d", digits)
    mdy = regex.match(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:19|20)\d\d", digits)
    return ymd is not None or dmy is not None or mdy is not None


def _digits(text: str) -> str:
    """The decimal digits of a value, as ASCII: "+৮৮০ ১০১৬" (Bengali digits) reads as "+880 1016"."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


def _date_like(groups: list[str]) -> bool:
    """Three groups that could be a date: day month year, month day year, year month day ("12 03 24")."""
    if len(groups) != 3:
        return False
    first, second, third = (int(g) for g in groups)
    if len(groups[0]) == 4:
        return 1 <= second <= 12 and 1 <= third <= 31
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)


def _plausible_international(digits: str) -> bool:
    """libphonenumber calls the number possible, or its country code exists and it has 8-15 digits in all.

    Generated and newly issued numbers are often a digit off what libphonenumber knows for the country
    ("+54 9 3626 0181"); a typed "+" and a real country code are evidence enough.
    """
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_possible_number(number):
        return True
    code = number.country_code or 0
    known = phonenumbers.region_code_for_country_code(code) != phonenumbers.UNKNOWN_REGION
    national = str(number.national_number)
    return known and 8 <= len(digits) <= 15 and national.strip("0") != "" and not regex.fullmatch(r"\d0{5,}", national)
