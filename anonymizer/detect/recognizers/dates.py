"""DATE_OF_BIRTH: dates typed after "dob", "date of birth", "born on", "birthday" in any common format."""

from __future__ import annotations

import datetime
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import verbose_pattern
from .identifiers import PrefilteredRecognizer, folded_literals
from .names import common_words, is_first_name, is_last_name

_MONTH = r"""
    (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?
      |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![^\W\d_])\.?      # not the start of "marzo", "aprile"
"""
# Spanish, French, German, Portuguese, Italian, Polish (genitive) and Dutch month names, after a foreign cue.
_FOREIGN_MONTH = r"""
    (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre
      |janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre
      |januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember
      |janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro
      |gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre
      |stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia
      |januari|februari|maart|mei|augustus                       # Dutch (and Swedish) where they differ
      |maj|augusti|maret|agustus|desember                        # Swedish, Indonesian
      |ocak|[şs]ubat|mart|nisan|may[\u0131i]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim    # Turkish
      |kas[\u0131i]m|aral[\u0131i]k
      |января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)    # Russian
    (?![^\W\d_])
"""
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = rf"""
    (?:
      \d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})          # 03/14/1985, 14.03.85
      |{_YEAR}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}                     # 1985-03-14
      |{_MONTH}\s*{_DAY},?\s*(?:{_YEAR}|'\d\d)?                  # March 14th, 1985 / mar 14
      # 14th of March 1985, 14-MAR-85
      |(?:the\s+)?{_DAY}(?:\s*|[\-/])(?:of\s+)?{_MONTH}(?:(?:,?\s*|[\-/])(?:{_YEAR}|'?\d\d(?!\d)))?
      |{_MONTH}\s+{_YEAR}                                        # March 1985
      |{_DAY}\.?\s*(?:de\s+)?{_FOREIGN_MONTH}\s*(?:de\s+)?{_YEAR}   # 3 de marzo de 1979, 17. Juni 1992
      |\d{{1,2}}\.\s\d{{1,2}}\.\s?\d{{4}}                             # 12. 3. 1985
      |\d{{1,2}}[ ]\d{{1,2}}[ ]{_YEAR}                                 # 01 05 1985
      |\d{{8}}                                                   # 19850314, 03141985
      |\d{{1,2}}/\d{{1,2}}(?![/.\-]?\d)(?!\s*(?:of|off|price|cup|inch|in|mi|miles?|%)\b)   # no year: "bday 12/3"
      |{_YEAR}\s*[年년]\s*\d{{1,2}}\s*[月월]\s*\d{{1,2}}\s*[日일]?      # 1985年3月12日, 1985년 3월 12일
    )
"""


# Birth cues in the languages support chats arrive in: "Geburtsdatum:", "geboren am", "née le", "fecha de
# nacimiento", "nací el", "data de nascimento", "data urodzenia", "urodziłem się", "data di nascita",
# "geboortedatum", "född", "fødselsdato", "syntymäaika", "doğum tarihi", "дата рождения", "datum narození",
# "data nașterii", "születési dátum", "tanggal lahir", "kaarawan". `might_hold_birth_date` (the recognizer's gate
# in gates.py) lists a word every one of them holds.
_FOREIGN_CUE = r"""
    (?:\b(?:geburtsdatum|geb\.?[\s\-]*datum|geb\.(?=\s*\d)|geboren(?:\s+am)?|date\s+de\s+naiss(?:ance|\.)|ddn|n(?:é|ée|ee)\s+le
      |fecha\s+de\s+nacimiento|f\.?\s*nacimiento|(?:fecha\s+de\s+|f\.\s*)nac\.|nacid[oa]\s+el|nac(?:i(?:ó|o)?|í)(?:\s+el)?
      |data\s+de\s+nascimento|nascid[oa]\s+em|nasci\s+(?:em|no\s+dia)|anivers(?:á|a)rio
      |data\s+urodzenia|urodzon[ya]|urodzi(?:ł|l)(?:em|am|a)?\s+si(?:ę|e)|ur\.(?=\s*\d)
      |data\s+di\s+nascita|nat[oa]\s+il|geboortedatum|geboren\s+op|geburtstag|cumplea(?:ñ|n)os|urodziny|anniversaire
      |ng(?:à|a)y\s+sinh|sinh\s+ng(?:à|a)y|d(?:\.|ata)\s*nasc\b\.?
      |f(?:ö|o)delse(?:datum|dag)|f(?:ø|o)dselsdato|f(?:ø|o)dselsdag|f(?:ö|ø)dd|f(?:ø)dt                 # sv, da, no
      |syntym(?:ä|a)(?:aika|p(?:ä|a)iv(?:ä|a))|syntynyt                                                  # fi
      |do(?:ğ|g)um\s+(?:tarihi|g(?:ü|u)n(?:ü|u))|d\.\s*tarihi|do(?:ğ|g)dum                                # tr
      |datum\s+narozen(?:í|i)|narozen[aáý]?|d(?:á|a)tum\s+narodenia|naroden(?:ý|á|y|a)                    # cs, sk
      |data\s+na(?:ș|ş|s)terii|n(?:ă|a)scut(?:(?:ă|a))?                                                  # ro
      |sz(?:ü|u)let(?:é|e)si\s+(?:d(?:á|a)tum|id(?:ő|o))|sz(?:ü|u)letett                                # hu
      |tanggal\s+lahir|tgl\.?\s*lahir|tarikh\s+lahir|lahir(?:\s+pada)?(?:\s+tanggal)?        # id, ms
      |kaarawan|ipinanganak                                                                             # tl
      |ημερομηνία\s+γέννησης|γεννήθηκα|дата\s+(?:рождения|народження)|родил(?:ся|ась)|народи(?:вся|лася)|д\.\s?\u0440\.)
      |生年月日|出生日期|出生年月日|生日|생년월일|생일|تاريخ\s+(?:الميلاد|الولادة)|जन्म\s*(?:तिथि|दिनांक|की\s+तारीख))
"""

# A word every birth cue holds (lower-cased): the recognizer's gate. "age", "yo", "yrs" and "years" let in an
# age typed beside a date ("age 42 (1983-06-11)"); those texts must also hold five digits.
BIRTH_GATE_WORDS = (
    "birth", "born", "bday", "b-day", "dob", "d.ob", "do.b", "d.o.b", "geb", "naiss", "n\u00e9", "nee",
    "naci", "nac\u00ed", "nac.", "nasc", "urodz", "ur.", "nato", "nata", "cumplea", "sinh", "b.", "ddn", "anivers",
    "anniversaire", "f\u00f6d", "fod", "f\u00f8d", "syntym", "syntyn", "do\u011f", "dogum", "dogdum", "tarihi",
    "narozen", "naroden", "n\u0103scut", "nascut", "na\u0219terii", "na\u015fterii", "nasterii", "sz\u00fclet",
    "szulet", "lahir", "kaarawan", "ipinanganak", "\u03b3\u03ad\u03bd\u03bd\u03b7\u03c3\u03b7\u03c2",
    "\u03b3\u03b5\u03bd\u03bd\u03ae\u03b8\u03b7\u03ba\u03b1", "\u0440\u043e\u0436\u0434",
    "\u043d\u0430\u0440\u043e\u0434", "\u0440\u043e\u0434\u0438\u043b",
    "\u0434.\u0440.", "\u0434. \u0440.", "\u751f", "\uc0dd", "\u0627\u0644\u0645\u064a\u0644\u0627\u062f",
    "\u0627\u0644\u0648\u0644\u0627\u062f\u0629", "\u091c\u0928\u094d\u092e",
)  # fmt: skip
_GATE_LITERALS = folded_literals(*BIRTH_GATE_WORDS)


def might_hold_birth_date(text: str, decimals: int) -> bool:
    """A necessary condition for every pattern below: a birth cue's word, an age word and five digits, a
    family word and a bracket, or two capitalised words and a year (a person's name, then a date)."""
    lower = text.lower()
    for word in _GATE_LITERALS:  # a plain loop is faster than any() over a generator
        if word in lower:
            return True
    if decimals >= 5 and _AGE_GATE.search(text) is not None:
        return True
    if decimals >= 4 and "(" in text and _FAMILY_LIST.search(text) is not None:
        return True  # "my children are Anna (2012) and Tom (2015)"
    return decimals >= 4 and _NAMED_DATE_PROBE.search(text) is not None and _CAPITAL_PAIR.search(text) is not None


# A person's name, then a date: "Faith Ambrose, nov 2 1979", "Abdullahi Musa 14/03/1975", "FASHOLA, 19 SEP 1985".
# Every match holds two capitalised words and a year (four digits, or two after a slash, a dot or a dash).
_NAMED_DATE_PROBE = regex.compile(r"(?:19|20)\d\d|[/.\-]\d\d(?!\d)")
_CAPITAL_PAIR = regex.compile(r"\p{Lu}[\p{L}'\u2019\-]*\s+(?:\p{Ll}+\s+)?\p{Lu}")
_NAME_WORD = r"\p{Lu}[\p{Ll}'\u2019]+(?:-\p{Lu}?[\p{Ll}'\u2019]+)*"
_PARTICLE = r"(?:de|da|del|della|di|du|dos|das|van|von|der|den|ter|bin|binti|bint|al|el|la|le|y)"
# Words of organisations, documents, events and places that take capitals before a date.
_NOT_NAME_WORDS = frozenset(
    {"inc", "ltd", "llc", "plc", "gmbh", "corp", "co", "company", "bank", "hotel", "airlines", "airways", "clinic",
     "hospital", "school", "university", "college", "invoice", "meeting", "order", "payment", "statement", "report",
     "update", "updated", "version", "release", "season", "episode", "chapter", "volume", "issue", "page", "room",
     "flight", "gate", "terminal", "street", "road", "avenue", "lane", "drive", "store", "shop", "market", "group",
     "team", "club", "church", "centre", "center", "office", "department", "ministry", "court", "case", "policy",
     "contract", "lease", "agreement", "terms", "notice", "receipt", "ticket", "booking", "reservation", "event",
     "festival", "conference", "summit", "day", "week", "month", "year", "today", "tomorrow", "yesterday", "due",
     "date", "dated", "since", "until", "from", "to", "on", "by", "at", "in", "effective", "expires", "expiry",
     "exp", "valid", "issued", "paid", "sent", "posted", "created", "modified", "last", "next", "new", "old"}
)  # fmt: skip
_CALENDAR = regex.compile(
    r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"
)


# An age: "age 42", "aged: 42", "42 y/o", "42yo", "42 yrs", "42 years old", "42 ans", "42 años", "42 Jahre".
_AGE_UNIT = r"(?:y/?o|yrs?(?:\s+old)?|years?\s+old|years?|ans|a(?:ñ|n)os|anos|jahre|j\.|lat|jaar|anni)"
_AGE_GATE = regex.compile(rf"\bage|\d\s*{_AGE_UNIT}(?!\w)", regex.IGNORECASE)
_AGE = rf"""(?:\bage[ds]?\s*[:=]?\s*(?P<age>\d{{1,3}})(?:\s*{_AGE_UNIT})?|\b(?P<age>\d{{1,3}})\s*{_AGE_UNIT})(?!\w)"""


class DateOfBirthRecognizer(PrefilteredRecognizer):
    """A date after a birth cue; the cue itself, and dates without one, are not flagged here."""

    ENTITY = "DATE_OF_BIRTH"
    NAME = "ChatDateOfBirthRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "date after birth cue",
            rf"""
            (?:\b(?:d\.?o\.?b\.?|date[\s_]*of[\s_]*birth|birth[\s_]*date|birth\s*day|b-?day|born(?:\s+on)?|bday
                 |birth(?=\s*[:=|\u2013\u2014]|\s+-\s))                   # a form's label: "Birth: 1988-12-30"
              |{_FOREIGN_CUE})
            ["'*]?                                                         # a JSON key: "dob": "1991-08-30"
            (?:\s*\((?:dd|mm|yyyy|yy|[/.\-\s])+\))?                        # a format: "(DD/MM/YYYY)"
            (?:'s|\s*\?+)?                                                 # "my dob's", "date of birth? 14/09/1990"
            (?:\s+(?:is|was|=|on|es(?:\s+el)?|el(?:\s+d(?:í|i)a)?|ist|am|est|le|é|em|jest|to|là|w\s+dniu|dnia|den|pada|noong
                |la|pe|il|op|в|no\s+dia)
              |\s*[:=\-\u2013\u2014|\t\uff1a\u662f\u306f]|\s*\uc740|\s*\ub294)?  # full-width colon, zh/ja/ko "is"
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
            # "Mbeki-Hartley b. 12 May 1936", "(b. 3/4/1959)", "Thandi (b. 1959)", "Grandpa Joe, b. 1947", a line
            # "b. 1947": "b." after a name, a bracket, a comma or emphasis, or starting a line; a bare year only
            # there, before a bracket, a comma, "d." or the end of the line.
            (?:(?<=\(\s*)|(?<=[\p{{L}}*_"'),;\u2013\u2014]\s)|(?<=^[ \t]*|\n[ \t]*))b\.\s*(?P<genealogy>)
            (?P<value>{_DATE}
              |(?<=(?:\(|[,;\u2013\u2014]|^|\n)[ \t]*b\.\s*)               # not "option b. 2019"
              {_YEAR}(?=\s*(?:[),;]|\s[-\u2013\u2014]\s|$|\n|\s+d\.\s)))
            (?![\w/.\-]?\d)
            """,
            0.7,
        ),
        verbose_pattern(
            "year after born in",
            rf"""
            (?:\b(?:born(?:\s+in)?|year\s+of\s+birth(?:\s+is|\s*:)?|birth\s+year(?:\s+is|\s*:)?
                  # "nacido en 1985", "née en 1990", "geboren 1985", "nato nel", "nasci em", "urodziłem się w",
                  # "född 1985", "родился в 1985", "lahir tahun 1985"
                  |nac(?:id[oa]|(?:i|í))\s+en|n(?:é|ée|ee)\s+en|geboren(?:\s+im\s+jahr(?:e)?|\s+in)?|nat[oa]\s+nel
                  |nasc(?:i|eu|id[oa])\s+em|urodzi(?:ł|l)(?:em|am|a)?\s+si(?:ę|e)\s+w|urodzon[ya]\s+w|f(?:ö|ø)dd|f(?:ø)dt
                  |syntynyt|do(?:ğ|g)umlu|родил(?:ся|ась)\s+в|lahir\s+(?:pada\s+)?tahun)
            )\s*
            (?P<value>(?:{_MONTH}\s+)?(?:{_YEAR}|'\d\d(?!\d)))\b
            """,
            0.6,
        ),
        verbose_pattern(
            "date beside an age",
            rf"""
            # "age 42 (1983-06-11)", "42 y/o, DOB-less: 11/06/1983", "aged 7 - 3 March 2019"; and the date first:
            # "1983-06-11 (age 42)", "11.06.1983, 42 yrs". `reject_match` checks that the age fits the year.
            {_AGE}\s*(?:[,;/(\[\-\u2013\u2014]\s*|\s+)(?:(?:born|b\.)\s*)?(?P<value>{_DATE})(?![\w/.\-]?\d)
            |(?<![\w/.\-])(?P<value>{_DATE})(?![\w/.\-]?\d)\s*(?:[,;(\[\-\u2013\u2014]\s*|\s+)(?:now\s+)?{_AGE}
            """,
            0.7,
        ),
        verbose_pattern(
            "year in brackets after a name in a family list",
            rf"""
            # "kids: Thandi (b. 1959), Peter (1961), Lindiwe (1965)": a first name, then a year in brackets, in a
            # text that lists births ("b.", "born") or children (`reject_match`).
            (?<=(?-i:\p{{Lu}})[\p{{Ll}}'\u2019\-]+\s*\(\s*)(?P<family>)(?P<value>{_YEAR})(?=\s*\))
            """,
            0.6,
        ),
        verbose_pattern(
            "date after a person's name",
            rf"""
            # A record: a person's name starting a line or after a comma, a colon, a bracket, a bullet or "and",
            # then a past date with its year ("Abdullahi Musa 14/03/1975, Hauwa Musa 02/09/1979").
            (?:(?<=^[ \t]*|\n[ \t]*|[,;:(\u2013\u2014\u2022*>]\s*|\s-\s*|\b(?:and|&|is|for)\s+))
            (?P<name>(?-i:{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,4}}
              |\p{{Lu}}{{2,}}(?:[\-']\p{{Lu}}+)?(?:\s+\p{{Lu}}{{2,}}(?:[\-']\p{{Lu}}+)?){{1,4}}))
            (?:\s*,\s*|\s*\(\s*|\s*[\-\u2013\u2014:]\s*|[ \t]+)
            (?P<person_date>)(?P<value>{_DATE})(?![\w/.\-]?\d)
            (?!\s*(?:at\s+|@\s*|,\s*)?\d{{1,2}}[:.h]\d\d|\s*(?:am|pm)\b|\s*[\-\u2013]\s*\d)   # not a time, a range
            (?!\s*\)?\s*[:\]])                                     # nor a chat header: "Anna Lee (12/05/2024):"
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["dob", "birth", "born", "birthday"]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "date after birth cue": _GATE_LITERALS,
        "year after born in": _GATE_LITERALS,
        "genealogy b. before a date": ("b.",),
        "year in brackets after a name in a family list": ("(",),
    }
    PREFILTERS: ClassVar[dict[str, str]] = {
        "date beside an age": _AGE_GATE.pattern,
        "date after a person's name": _NAMED_DATE_PROBE.pattern,
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """A birthday in a later year is an event ("birthday on 12 jan 2031"), not a date of birth (this year's
        may be a newborn's); after "b." the date must hold a year, and a bare year is no birth in a list of
        choices ("a. 1945 b. 1947"); a date beside an age must be that many years ago."""
        value = match.group("value")
        years = [int(y) for y in regex.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", value)]
        this_year = datetime.date.today().year
        if "genealogy" in match.re.groupindex:
            if not years:
                return True  # "plan b. 12 May": "b." is a birth only before a full date with its year
            if regex.fullmatch(r"\d{4}", value) and _CHOICES.search(text) is not None:
                return True
        if "family" in match.re.groupindex:
            name = regex.search(r"([\p{L}'\u2019\-]+)\s*\(\s*$", text[: match.start()])
            return (
                name is None
                or not is_first_name(name.group(1))
                or not 1900 <= int(value) < this_year
                or _FAMILY_LIST.search(text) is None
            )
        if "person_date" in match.re.groupindex:
            return self._not_a_person_date(match, value, years, this_year)
        if "age" in match.re.groupindex:
            if not years:  # a two-digit year: "3/3/15" may be 1915 or 2015
                tail = regex.search(r"(\d\d)\D*$", value)
                years = [1900 + int(tail.group(1)), 2000 + int(tail.group(1))] if tail else []
            age = int(match.group("age"))
            return not any(0 <= this_year - year - age <= 1 for year in years)
        return any(year > this_year for year in years)

    @staticmethod
    def _not_a_person_date(match: regex.Match[str], value: str, years: list[int], this_year: int) -> bool:
        """A date after a name is a birth date when its year is three or more years ago and the name is a
        person's: a known first or last name among its words, and no word of an organisation, a document, an
        event or the calendar ("Acme Bank 12/05/2019", "Invoice Update 03/04/2021")."""
        if not years:
            tail = regex.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-](\d\d)", value)
            if tail is None:
                return True  # no year: "Anna Lee, 3 May" is a meeting
            years = [1900 + int(tail.group(1))]
        if not all(1900 <= year <= this_year - 3 for year in years):
            return True  # a recent date after a name is more often an event ("John Smith, 12 May 2025 - great talk")
        words_ = [word.lower() for word in regex.findall(r"[\p{L}'\u2019\-]+", match.group("name"))]
        if any(word in _NOT_NAME_WORDS or _CALENDAR.search(word) is not None for word in words_):
            return True
        if words_[0] in common_words() and not is_first_name(words_[0]):
            return True  # "Thanks Anna, ...", "Updated Terms 12/05/2023"
        return not any(is_first_name(word) or is_last_name(word) for word in words_)


# A text that lists births or children: "(b. 1959)", "born", "kids:", "grandchildren".
_FAMILY_LIST = regex.compile(
    r"\(\s*b\.\s*\d|\bborn\b|\b(?:kids|children|sons|daughters|grandchildren|grandkids|siblings|brothers|sisters"
    r"|family\s+tree|descendants)\b",
    regex.IGNORECASE,
)

# A list of lettered choices: "a) 1945", "a. 1945".
_CHOICES = regex.compile(r"(?:^|\s)a[.)]\s*\d", regex.MULTILINE)
