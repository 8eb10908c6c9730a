"""DATE_OF_BIRTH: dates typed after "dob", "date of birth", "born on", "birthday" in any common format."""

from __future__ import annotations

import datetime
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, verbose_pattern

_MONTH = r"""
    (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?
      |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?
"""
# Spanish, French, German, Portuguese, Italian, Polish (genitive) and Dutch month names, after a foreign cue.
_FOREIGN_MONTH = r"""
    (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre
      |janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre
      |januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember
      |janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro
      |gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre
      |stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia
      |januari|februari|maart|mei|augustus)                      # Dutch (and Swedish) where they differ
"""
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = rf"""
    (?:
      \d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})          # 03/14/1985, 14.03.85
      |{_YEAR}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}                     # 1985-03-14
      |{_MONTH}\s*{_DAY},?\s*(?:{_YEAR}|'\d\d)?                  # March 14th, 1985 / mar 14
      # 14th of March 1985, 14-MAR-85
      |(?:the\s+)?{_DAY}(?:\s*|[\-/])(?:of\s+)?{_MONTH}(?:,?\s*|[\-/])(?:{_YEAR}|'?\d\d(?!\d))?
      |{_MONTH}\s+{_YEAR}                                        # March 1985
      |{_DAY}\.?\s*(?:de\s+)?{_FOREIGN_MONTH}\s*(?:de\s+)?{_YEAR}   # 3 de marzo de 1979, 17. Juni 1992
      |\d{{8}}                                                   # 19850314, 03141985
    )
"""


# Birth cues in the languages support chats arrive in: "Geburtsdatum:", "geboren am", "née le", "fecha de
# nacimiento", "nacido el", "data de nascimento", "data urodzenia", "data di nascita", "geboortedatum". The
# ChatDateOfBirthRecognizer gate in gates.py lists a word every one of them holds.
_FOREIGN_CUE = r"""
    \b(?:geburtsdatum|geb\.?\s*datum|geb\.(?=\s*\d)|geboren(?:\s+am)?|date\s+de\s+naiss(?:ance|\.)|ddn|n(?:é|ée|ee)\s+le
      |fecha\s+de\s+nacimiento|f\.?\s*nacimiento|(?:fecha\s+de\s+|f\.\s*)nac\.|nacid[oa]\s+el|naci(?:ó|o)(?:\s+el)?|data\s+de\s+nascimento|nascid[oa]\s+em
      |data\s+urodzenia|urodzon[ya]|data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op
      |geburtstag|cumplea(?:ñ|n)os|urodziny|ng(?:à|a)y\s+sinh|sinh\s+ng(?:à|a)y|d(?:\.|ata)\s*nasc\b\.?)
"""


class DateOfBirthRecognizer(ChatPatternRecognizer):
    """A date after a birth cue; the cue itself, and dates without one, are not flagged here."""

    ENTITY = "DATE_OF_BIRTH"
    NAME = "ChatDateOfBirthRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "date after birth cue",
            rf"""
            (?:\b(?:d\.?o\.?b\.?|date[\s_]*of[\s_]*birth|birth[\s_]*date|birth\s*day|b-?day|born(?:\s+on)?|bday)
              |{_FOREIGN_CUE})
            ["'*]?                                                         # a JSON key: "dob": "1991-08-30"
            (?:\s*\((?:dd|mm|yyyy|yy|[/.\-\s])+\))?                        # a format: "(DD/MM/YYYY)"
            (?:\s+(?:is|was|=|on|es(?:\s+el)?|el|ist|am|est|le|é|em|jest|to|là)|\s*[:=\-\u2013\u2014|\t])?
            \s*["']?\s*(?:is\s+|on\s+)?(?:the\s+)?                         # "dob:", "birthday is on the"
            (?:[.?!]?\s*(?:it'?s|it\s+is|that'?s|mine\s+is|it\s+was)\s*[:\-]?\s*)?  # "... of birth. It's 6/24/1991"
            (?P<value>{_DATE})
            (?![\w/.\-]?\d)
            """,
            0.85,
        ),
        verbose_pattern(
            "genealogy b. before a date",
            rf"""
            # "Mbeki-Hartley b. 12 May 1936", "(b. 3/4/1959)", "Thandi (b. 1959)": "b." after a name, a
            # bracket or emphasis; a bare year only inside the brackets.
            (?:(?<=\(\s*)|(?<=[\p{{L}}*_"')]\s))b\.\s*(?P<genealogy>)
            (?P<value>{_DATE}|(?<=\(\s*b\.\s*){_YEAR}(?=\s*[),;]))
            (?![\w/.\-]?\d)
            """,
            0.7,
        ),
        verbose_pattern(
            "year after born in",
            rf"""
            \b(?:born(?:\s+in)?|year\s+of\s+birth(?:\s+is|\s*:)?|birth\s+year(?:\s+is|\s*:)?)\s*
            (?P<value>(?:{_MONTH}\s+)?{_YEAR})\b
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["dob", "birth", "born", "birthday"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """A birthday in a later year is an event ("birthday on 12 jan 2031"), not a date of birth (this year's
        may be a newborn's); after "b." the date must hold a year."""
        years = [int(y) for y in regex.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", match.group("value"))]
        if "genealogy" in match.re.groupindex and not years:
            return True  # "plan b. 12 May": "b." is a birth only before a full date with its year
        return any(year > datetime.date.today().year for year in years)
