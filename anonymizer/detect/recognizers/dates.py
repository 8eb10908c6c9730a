"""DATE_OF_BIRTH: dates typed after "dob", "date of birth", "born on", "birthday" in any common format."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, verbose_pattern

_MONTH = r"""
    (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?
      |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?
"""
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = rf"""
    (?:
      \d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})          # 03/14/1985, 14.03.85
      |{_YEAR}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}                     # 1985-03-14
      |{_MONTH}\s*{_DAY},?\s*(?:{_YEAR}|'\d\d)?                  # March 14th, 1985 / mar 14
      |(?:the\s+)?{_DAY}\s*(?:of\s+)?{_MONTH},?\s*(?:{_YEAR}|'\d\d)?   # 14th of March 1985
      |{_MONTH}\s+{_YEAR}                                        # March 1985
      |\d{{8}}                                                   # 19850314, 03141985
    )
"""


class DateOfBirthRecognizer(ChatPatternRecognizer):
    """A date after a birth cue; the cue itself, and dates without one, are not flagged here."""

    ENTITY = "DATE_OF_BIRTH"
    NAME = "ChatDateOfBirthRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "date after birth cue",
            rf"""
            \b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birth\s*day|b-?day|born(?:\s+on)?|bday)
            (?:\s+(?:is|was|=|on)|\s*[:=\-])?\s*(?:is\s+|on\s+)?         # "dob:", "birthday is on"
            (?:[.?!]?\s*(?:it'?s|it\s+is|that'?s|mine\s+is|it\s+was)\s*[:\-]?\s*)?  # "... of birth. It's 6/24/1991"
            (?P<value>{_DATE})
            (?![\w/.\-]?\d)
            """,
            0.85,
        ),
        verbose_pattern(
            "year after born in",
            rf"""
            \b(?:born\s+in|year\s+of\s+birth(?:\s+is|\s*:)?|birth\s+year(?:\s+is|\s*:)?)\s*
            (?P<value>(?:{_MONTH}\s+)?{_YEAR})\b
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["dob", "birth", "born", "birthday"]
