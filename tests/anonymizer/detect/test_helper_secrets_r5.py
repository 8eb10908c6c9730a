"""Round 5 (secrets helper): dates of birth and partial ids typed the many ways people type them.

Each case is a probe of a phenomenon (a label, a language, a date format, an age beside a date), not a copy of
an eval sentence; the negatives keep appointments, deadlines and quantities out.
"""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import DateOfBirthRecognizer, PartialIdRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


BIRTHS = [
    # A bare "Birth" label in a form or a table row.
    ("Name: Ana Lima | Birth: 1988-12-30", ["1988-12-30"]),
    ("birth - 02/04/2019", ["02/04/2019"]),
    # An age beside a date: the date is a birth date when the age fits its year.
    ("age 42 (1983-06-11)", ["1983-06-11"]),
    ("42 y/o (11/06/1983)", ["11/06/1983"]),
    ("Maria, 7yo, 3 March 2019", ["3 March 2019"]),
    ("1983-06-11 (age 42)", ["1983-06-11"]),
    ("age 42 (2024-06-11)", []),
    ("we've been here 5 years, since 12/05/2021", []),
    ("the page 42 (1983-06-11)", []),
    # The genealogists' "b." before a bare year after a comma, in brackets or starting a line.
    ("Grandpa Joe, b. 1947", ["1947"]),
    ("b. 1947", ["1947"]),
    ("the kids: Leo (b. 2016) and Mia (b. 2019)", ["2016", "2019"]),
    ("a. 1945\nb. 1947\nc. 1950", []),
    ("option b. 2019", []),
    # Month names: an English month is not the start of a foreign one ("mar" in "mars", "april" in "aprile").
    ("je suis né le 3 mars 1990", ["3 mars 1990"]),
    ("nato il 4 aprile 1975", ["4 aprile 1975"]),
    ("родился 12 марта 1985", ["12 марта 1985"]),
    ("lahir 12 Maret 1985", ["12 Maret 1985"]),
    # Cues in other languages.
    ("nací el 3 de marzo de 1979", ["3 de marzo de 1979"]),
    ("urodziłem się 12 maja 1985", ["12 maja 1985"]),
    ("Jan Kowalski, ur. 12.05.1985", ["12.05.1985"]),
    ("född 1985-03-12", ["1985-03-12"]),
    ("fødselsdato 12.03.1985", ["12.03.1985"]),
    ("doğum tarihi: 12.03.1985", ["12.03.1985"]),
    ("Дата рождения: 12.03.1985", ["12.03.1985"]),
    ("Datum narození: 12. 3. 1985", ["12. 3. 1985"]),
    ("data nașterii: 12.03.1985", ["12.03.1985"]),
    ("Születési dátum: 1985.03.12", ["1985.03.12"]),
    ("tanggal lahir: 12-03-1985", ["12-03-1985"]),
    ("生年月日: 1985年3月12日", ["1985年3月12日"]),
    ("我的生日是1990年5月12日", ["1990年5月12日"]),
    ("생년월일: 1990년 5월 12일", ["1990년 5월 12일"]),
    # A year after a foreign "born in", and a two-digit year after "born".
    ("nacido en 1985", ["1985"]),
    ("né en 1990", ["1990"]),
    ("born in '87", ["'87"]),
    # Separators: "'s", a question mark; a birthday without its year; no trailing space after a month.
    ("my dob's 12 march 1990", ["12 march 1990"]),
    ("date of birth? 14/09/1990", ["14/09/1990"]),
    ("my bday is 12/3 lol", ["12/3"]),
    ("my date of birth 14th of september nineteen ninety", ["14th of september"]),
    # A past date right after a person's name, in a record or a list.
    ("Faith Ambrose, nov 2 1979", ["nov 2 1979"]),
    ("Abdullahi Musa 14/03/1975, Hauwa Musa 02/09/1979. emergency contact", ["02/09/1979", "14/03/1975"]),
    ("Beatriz Costa-Lindgren 1/30/68", ["1/30/68"]),
    ("OLUWADAMILOLA JANET FASHOLA, 19 SEP 1985", ["19 SEP 1985"]),
    ("passengers: Maria Lopez 12.04.1982 and Juan Lopez 03.01.1980", ["03.01.1980", "12.04.1982"]),
    ("Acme Bank 12/05/2019", []),
    ("Invoice Update 03/04/2021", []),
    ("Meeting with John Smith, 12/05/2023", []),
    ("Sarah Lee, 3 May", []),
    ("Thanks Anna, 12/05/2024 works", []),
    ("John Smith, 12 May 2024 - great talk!", []),
    ("John Smith 12/05/2023 at 10:30", []),
    ("Anna Lee - 2024-2025", []),
    ("Windows Server 2019", []),
    # A year in brackets after a first name, in a list of births or children.
    ("kids: Thandi (b. 1959), Peter (1961), Lindiwe (1965)", ["1959", "1961", "1965"]),
    ("my children are Anna (2012) and Tom (2015)", ["2012", "2015"]),
    ("I loved Titanic (1997) and Heat (1995)", []),
    ("Maria (2019) was a great trip", []),
    ("our kids love Frozen (2013)", []),
    ("d.o.b 01 05 1985", ["01 05 1985"]),
    # Not births.
    ("born 3/4 of the way", []),
    ("I was born in the 1990s", []),
    ("the appointment is on 12/03/2025", []),
    ("birth: natural", []),
    ("Birth certificate number 12345678", []),
    ("birthday party on 12/05/2031 at 3pm", []),
]


@pytest.mark.parametrize(("text", "expected"), BIRTHS)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert found(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize(("text", "expected"), [case for case in BIRTHS if case[1]])
def test_birth_gate_lets_births_in(text: str, expected: list[str]) -> None:
    assert CHAT_GATES["ChatDateOfBirthRecognizer"]()(TextFeatures.of(text))


PARTIALS = [
    ("last digits of my SSN are 6620", ["6620"]),
    ("account ***7781", ["7781"]),
    ("XXXXXXXXXXXX4471", ["4471"]),
    ("card ending in 2019", ["2019"]),
    ("my visa ends in 3321", ["3321"]),
    ("the one ending 22 09", ["22 09"]),
    ("the account ending ...0099", ["0099"]),
    ("card x4471", ["4471"]),
    ("visa x-4471", ["4471"]),
    ("my card ends with 4-4-7-1", ["4-4-7-1"]),
    ("L4 of SSN: 6620", ["6620"]),
    ("the scores ended 2-1-0-3", []),
    ("L4-L5 disc", []),
    ("card x 2000 points", []),
    # "ends" before a date, a time or a quantity, and a year that ends something, are no identifiers.
    ("freeze starts 1 Apr ends 31 May", []),
    ("the sale ends 30 June", []),
    ("ends 12:30", []),
    ("the show ends in 10 minutes", []),
    ("the promo ends in 2025", []),
    ("the lease ends 2026", []),
    ("the last 2 years were hard", []),
]


@pytest.mark.parametrize(("text", "expected"), PARTIALS)
def test_partial_ids(text: str, expected: list[str]) -> None:
    assert found(PartialIdRecognizer(), text) == expected
