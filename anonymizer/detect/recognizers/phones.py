"""PHONE_NUMBER by shape and context, whether or not libphonenumber knows the range is assigned.

Presidio keeps only numbers libphonenumber calls *valid* for a handful of regions, so a number from another
country ("Phone: 9469 9966") or from an unassigned range ("+44 7692 961937") is dropped. Whether a number is
assigned says nothing about whether it is someone's: here an international number needs only a plausible
length for its country code, and a national one needs a phone cue word in front of it.
"""

from __future__ import annotations

import unicodedata
from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern

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


class LenientPhoneRecognizer(PrefilteredRecognizer):
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
            (?<![\w+$€£.,/:-])
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
            "national number before cue",
            rf"""
            (?<![\w+$€£.,/:#-])
            (?P<value>{_GROUPS}{_EXTENSION}?)
            [ \t]+(?:is|=|-)[ \t]+(?:my|our|his|her)[ \t]+(?:new[ \t]+|best[ \t]+|home[ \t]+|work[ \t]+|direct[ \t]+)?
            (?:(?:tele)?phone|cell|mobile|landline|number|whats\s?app|digits)\b   # "533 186 091 is my mobile"
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
