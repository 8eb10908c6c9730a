"""PHONE_NUMBER by shape and context, whether or not libphonenumber knows the range is assigned.

Presidio keeps only numbers libphonenumber calls *valid* for a handful of regions, so a number from another
country ("Phone: 9469 9966") or from an unassigned range ("+44 7692 961937") is dropped. Whether a number is
assigned says nothing about whether it is someone's: here an international number needs only a plausible
length for its country code, and a national one needs a phone cue word in front of it.
"""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, digits_of, verbose_pattern

# Digit groups joined by one separator each; parentheses around an area code or a trunk "(0)".
_GROUPS = r"""
    (?:\(\d{1,4}\)|\d{1,5})                 # first group: "(415)", "7692", "(0)"
    (?:[ \t.\-/]?(?:\(\d{1,4}\)|\d{1,5})){1,6}  # more groups, each after at most one separator; a line
                                               # break ends a number
"""

# Words that introduce a phone number. "number" alone is too weak ("order number"), so it needs a phone word
# or a verb of calling; "no"/"#" likewise.
_CUE = r"""
    (?:
      (?:tele)?phone(?:\s+(?:number|no|\#|num))?|mobile(?:\s+(?:number|no|\#))?|cell(?:\s+(?:number|no|\#))?
      |tel|ph|mob|landline|whats\s?app|contact\s+(?:number|no|\#)|callback\s+(?:number|no)|fax
      |call\s+me(?:\s+back)?|text\s+me|reach\s+me|ring\s+me|my\s+(?:new\s+)?number
    )
"""


class LenientPhoneRecognizer(ChatPatternRecognizer):
    """International numbers of plausible length anywhere; national numbers of 7-15 digits after a phone cue."""

    ENTITY = "PHONE_NUMBER"
    NAME = "ChatLenientPhoneRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "international format",
            rf"""
            (?<![\w+$€£./:-])                      # not inside a sum, a version, an id or another number
            (?P<value>(?:\+|00)[1-9]\d{{0,2}}(?:[ \t.\-]?{_GROUPS}))  # +44 7692 961937, 0049 30 1234567
            (?![\w%]|[.,/:-]\d)                    # not followed by more digits, a unit or a percent sign
            """,
            0.6,
        ),
        verbose_pattern(
            "national number after cue",
            rf"""
            \b{_CUE}\b
            (?:\s+(?:is|was|at|on|=))?(?:\s+(?:now|still))?\s*[:\#\-=]?\s*   # "phone:", "call me at", "is now"
            (?P<value>{_GROUPS})
            (?![\w%]|[.,/:-]\d)
            """,
            0.6,
        ),
        verbose_pattern(
            "national number before label",
            rf"""
            (?<![\w+$€£.,/:-])
            (?P<value>{_GROUPS})
            [ \t]*[-\u2013(]?[ \t]*(?:office|fax|mobile|cell|home|work|landline|tel|phone)\b   # "28-64-66-98 office"
            (?![ \t]+\w)                               # a label ends its line or clause ("home, work items")
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["phone", "call", "mobile", "cell", "tel", "number", "whatsapp"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Keep 7-15 digits that are not a date or a time; international ones must fit their country code."""
        value = match.group("value")
        digits = digits_of(value)
        if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
            return True
        # "call me at 10.30", "phone 2024-03-14": times and dates have their own shapes.
        if regex.fullmatch(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}", value):
            return True
        if value.startswith(("+", "00")):
            # A trunk zero in parentheses ("+44 (0)20 ...") is not dialled after the country code.
            digits = digits_of(value.replace("(0)", ""))
            international = "+" + digits[2:] if value.startswith("00") else "+" + digits
            try:
                number = phonenumbers.parse(international, None)
            except phonenumbers.NumberParseException:
                return True
            return not phonenumbers.is_possible_number(number)
        return False
