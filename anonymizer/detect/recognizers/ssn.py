"""US_SSN after a cue word, in the layouts people type that Presidio's SSN patterns drop or score low."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, digits_of, verbose_pattern
from .phones import DashTolerantMixin

# Published sample numbers (Presidio rejects the same): typed in examples, never anyone's.
_SAMPLES = frozenset({"123456789", "987654320", "078051120"})


class SsnCueRecognizer(DashTolerantMixin, ChatPatternRecognizer):
    """Nine digits after "ssn", "social", "social security number", with any separators or none."""

    ENTITY = "US_SSN"
    NAME = "ChatSsnRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "ssn after cue",
            r"""
            (?:\b(?:ssn|ss\s?\#|social\s+insurance(?:\s+(?:number|no\.?|num|\#))?   # and the Canadian SIN
                  |sin(?=\s*(?:\#|:|is\b|number|no\b))
                  |ss\s+(?:no\.?|num(?:ber)?)|social(?:\s+sec(?:urity|\.)?)?(?:\s+(?:number|no\.?|num|\#))?
                  |soc\.?\s*sec\.?(?:\s+(?:no\.?|num(?:ber)?|\#))?)
               |(?<![\w.])s\.s\.n\.?)                                          # "s.s.n. 123-45-6789"
            (?:["'](?=\s*[:=]))?                                                 # a JSON key: "ssn": "..."
            (?:'s|\s+(?:is|was|=|:)|\s*[:=\#-])?(?:\s+(?:now|still|actually))?\s*   # "ssn is", "social's"
            ["']?\(?
            (?P<value>\d{3}[\s.\-/]{0,3}\d{2}[\s.\-/]{0,3}\d{4}     # 123 45 6789, 123 - 45 - 6789, 123456789
              |\d{3}[\s.\-/]\d{3}[\s.\-/]\d{3}                       # mis-grouped: "523-456-780"
              |\d(?:[\s.\-/]?\d){8})                                     # any grouping: "5234 56780"
            (?![\w.,/-]?\d)
            """,
            0.85,
        ),
        verbose_pattern(
            "ssn a few words after a strong cue",
            r"""
            \b(?:ssn|ss\#|social\s+security(?:\s+(?:number|no\.?|num|\#))?|soc\.?\s*sec\.?(?:\s+(?:no\.?|\#))?)
            (?P<gap>[^\d\n]{1,40}?)                                   # "for my husband:", "I have on file is"
            (?<![\w.+\-/])
            (?P<value>\d{3}[\s.\-/]{0,3}\d{2}[\s.\-/]{0,3}\d{3,5}    # nine digits, or one typed too few or
                                                                     # too many ("213-45-678")
              |\d{3}[\s.\-/]\d{3}[\s.\-/]\d{3})
            (?![\w.,/-]?\d)
            """,
            0.85,
        ),
        verbose_pattern(
            "ssn before cue",
            r"""
            (?<![\w.,/-])(?P<value>\d{3}[\s.\-]{0,2}\d{2}[\s.\-]{0,2}\d{4})(?![\w.,/-]?\d)
            \s*[,\-\u2013\u2014(]?\s*(?:is|was|=|-|that'?s|thats|it'?s)   # "... is my social", "..., that's my ssn"
            \s+(?:my|his|her|the|our|their)\s+
            (?:ssn|ss\s?\#|social(?:\s+security)?(?:\s+(?:number|no\.?|num|\#))?)(?!\w)
            """,
            0.85,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["ssn", "social", "security"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Between a strong cue and the number, no word that names another number ("ssn and routing ...")."""
        gap = match.groupdict().get("gap")
        if gap is not None and _OTHER_NUMBER.search(gap):
            return True
        digits = digits_of(match.group("value"))
        # Eight or ten digits (one typed too few or too many) only in 3-2-x groups after a strong cue.
        return len(digits) != 9 and (
            gap is None or not regex.fullmatch(r"\d{3}[\s.\-/]+\d{2}[\s.\-/]+\d+", match.group("value"))
        )

    def invalidate_result(self, pattern_text: str) -> bool:
        """Drop fillers ("000 00 0000") and published samples.

        Unlike Presidio, numbers the SSA would not issue (area 666 or 9xx) are kept: after the customer says
        it is their SSN, a mistyped or made-up number still identifies the record it was typed for.
        """
        return not ssn_plausible(digits_of(pattern_text))


# Words that name another number: a number after them is not the SSN named before them.
_OTHER_NUMBER = regex.compile(
    r"\b(?:routing|(?:account|acct)(?!\s+holder)|phone|cell|mobile|tel|card|zip|postcode|order|ein|itin|tin|license|licence|passport"
    r"|member|policy|tracking|ticket|case|reference|ref|invoice|pin|code|id|number\s+(?:is\s+)?(?:my|the)\s+phone)\b",
    regex.IGNORECASE,
)


def ssn_plausible(digits: str) -> bool:
    """Nine digits that are not one repeated digit, not all-zero in a part, and not a published sample.

    Eight or ten digits typed after a strong cue (a digit dropped or added) are kept when not one repeated digit.
    """
    if len(digits) in (8, 10):
        return len(set(digits)) > 1 and digits[:3] != "000"
    return _ssn_nine_plausible(digits)


def _ssn_nine_plausible(digits: str) -> bool:
    """Nine digits that are not one repeated digit, not all-zero in a part, and not a published sample."""
    return (
        regex.fullmatch(r"\d{9}", digits) is not None
        and len(set(digits)) > 1
        and digits[:3] != "000"
        and digits[3:5] != "00"
        and digits[5:] != "0000"
        and digits not in _SAMPLES
    )
