"""US_SSN after a cue word, in the layouts people type that Presidio's SSN patterns drop or score low."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, digits_of, verbose_pattern

# Published sample numbers (Presidio rejects the same): typed in examples, never anyone's.
_SAMPLES = frozenset({"123456789", "987654320", "078051120"})


class SsnCueRecognizer(ChatPatternRecognizer):
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
                  |soc\.?\s+sec\.?(?:\s+(?:no\.?|num(?:ber)?|\#))?)
               |(?<![\w.])s\.s\.n\.?)                                          # "s.s.n. 123-45-6789"
            (?:["'](?=\s*[:=]))?                                                 # a JSON key: "ssn": "..."
            (?:'s|\s+(?:is|was|=|:)|\s*[:=\#-])?(?:\s+(?:now|still|actually))?\s*   # "ssn is", "social's"
            ["']?\(?
            (?P<value>\d{3}[\s.\-]{0,3}\d{2}[\s.\-]{0,3}\d{4}       # 123 45 6789, 123 - 45 - 6789, 123456789
              |\d{3}[\s.\-]\d{3}[\s.\-]\d{3}                         # mis-grouped: "523-456-780"
              |\d(?:[\s.\-]?\d){8})                                      # any grouping: "5234 56780"
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

    def invalidate_result(self, pattern_text: str) -> bool:
        """Drop fillers ("000 00 0000") and published samples.

        Unlike Presidio, numbers the SSA would not issue (area 666 or 9xx) are kept: after the customer says
        it is their SSN, a mistyped or made-up number still identifies the record it was typed for.
        """
        return not ssn_plausible(digits_of(pattern_text))


def ssn_plausible(digits: str) -> bool:
    """Nine digits that are not one repeated digit, not all-zero in a part, and not a published sample."""
    return (
        regex.fullmatch(r"\d{9}", digits) is not None
        and len(set(digits)) > 1
        and digits[:3] != "000"
        and digits[3:5] != "00"
        and digits[5:] != "0000"
        and digits not in _SAMPLES
    )
