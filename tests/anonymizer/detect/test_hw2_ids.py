"""Identifiers, credentials, user names and birth dates in the shapes hand-written chats bring: id cues with
"as", user ids, applicant/student/file/intake numbers, read-out ids, role + handle, e-mail / password pairs,
access codes read digit by digit, "b." before a birth date; with look-alikes that must stay unflagged."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    DateOfBirthRecognizer,
    OrderIdRecognizer,
    PartialIdRecognizer,
    PasswordRecognizer,
    SpokenAccountIdRecognizer,
    SpokenOrderIdRecognizer,
    UsernameRecognizer,
)


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


ACCOUNTS = [
    ("we have your member ID as XKH918204663, is that still current?", ["XKH918204663"]),
    ("UID 77120458", ["77120458"]),
    ("my user id: 55012873", ["55012873"]),
    ("new id is WPB 4410 7723 01, hes the primary", ["WPB 4410 7723 01"]),
    ("applicant no. GA2026-558102 name is Adaeze", ["GA2026-558102"]),
    ("Student ID S2231984, year 2", ["S2231984"]),
    ("si, matricola VL-44871, sono Giuseppe", ["VL-44871"]),
    ("customer number 1042", ["1042"]),
    ("mi código de cliente es CL-448120", ["CL-448120"]),
    ("codice cliente 00412877", ["00412877"]),
    ("account 48213377 is locked", ["48213377"]),
    ("Policy 282/194702/10 covers Juliette", ["282/194702/10"]),
    ("Is your passport number still A09917342?", ["A09917342"]),
    ("ID number 55012873 on the card", ["55012873"]),
    ("the account number on the bill is 55012873", ["55012873"]),
    ("member ID on my card is XKH918204663", ["XKH918204663"]),
    ("my customer number with you guys is 4471920", ["4471920"]),
    ("the account on the bill is overdue", []),
    ("my account on the app is locked since 2024", []),
    ("ID#: XK4471923", ["XK4471923"]),
    ("group number 0041277", ["0041277"]),
    ("badge # 40211", ["40211"]),
    ("group 5 students", []),
    ("plan 2024 renewal", []),
    ("id number please", []),
    ("my NI number is QQ123456C", ["QQ123456C"]),
    ("DNI: 12345678Z", ["12345678Z"]),
    ("Aadhaar no. 2345 6789 0123", ["2345 6789 0123"]),
    ("codice fiscale RSSMRA85T10A562S", ["RSSMRA85T10A562S"]),
    # A pan, a tin, a tax year, a passport's expiry year; a US driver's licence keeps Presidio's type.
    ("the pan is hot 350 degrees", []),
    ("tin 2 cans", []),
    ("tax 2024 return", []),
    ("passport expires 2031", []),
    ("my driver's license number is D1234567", []),
    # Look-alikes: a row number or a count after a bare cue, a year, an HTML id, a student's year.
    ("Customer 1042 logged in from two different IPs", []),
    ("my id was 2019", []),
    ("see the id attribute in the html", []),
    ("the student 2 rows down", []),
    ("member as of 2021", []),
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS)
def test_account_ids(text: str, expected: list[str]) -> None:
    assert found(AccountIdRecognizer(), text) == expected


ORDERS = [
    ("Your intake number is ELA-H-260312-044.", ["ELA-H-260312-044"]),
    ("Your file number is WCLC-F-26-00891. If you feel unsafe", ["WCLC-F-26-00891"]),
    ("my prescription number is RX 6620194", ["RX 6620194"]),
    ("rx number 6620194 please", ["6620194"]),
    ("número de receta: 88120431", ["88120431"]),
    ("docket 2026-CV-00412 was filed", ["2026-CV-00412"]),
    ("Order R87/95456 and a box", ["R87/95456"]),
    ("order number from the email: 88120431", ["88120431"]),
    ("booking ref fgvwrk for both of us", ["fgvwrk"]),
    ("my PNR is xkqzpl", ["xkqzpl"]),
    ("booking ref please", []),
    ("What's your booking reference?", []),
    ("Do you have the order or booking reference?", []),
    ("my booking number is pending", []),
    ("confirmation number is missing", []),
    ("seat 14C, bag tag R13/56937.", ["R13/56937"]),
    ("Parcel 7750 4860 8268 for you", ["7750 4860 8268"]),
    # Dates and lists with slashes.
    ("my order 12/05 hasn't arrived", []),
    ("orders 1234/1235 are late", ["1234"]),  # not joined into one id
    # Look-alikes: a graphics card, a file that is not a record, a count.
    ("the rx 7700 xt runs hot", []),
    ("file 12345 is corrupted", []),
    ("the file is 2024 notes", []),
]


@pytest.mark.parametrize(("text", "expected"), ORDERS)
def test_order_ids(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected
    if expected:
        assert CHAT_GATES["ChatOrderIdRecognizer"]()(TextFeatures.of(text))


SPOKEN_ORDERS = [
    ("I see the ticket V one four four seven zero eight that's V as in Victor", ["V one four four seven zero eight"]),
    ("my order number is four four one two nine", ["four four one two nine"]),
    ("case number is double seven one three five", ["double seven one three five"]),
    # Counting, a repeated digit, too few digits, number words that are not read out.
    ("case one two three four", []),
    ("ticket one of two", []),
    ("the order was one or two days late", []),
    ("order five five five five", []),
    ("booking for two three nights", []),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_ORDERS)
def test_spoken_order_ids(text: str, expected: list[str]) -> None:
    assert found(SpokenOrderIdRecognizer(), text) == expected
    if expected:
        assert CHAT_GATES["ChatSpokenOrderIdRecognizer"]()(TextFeatures.of(text))


SPOKEN_ACCOUNTS = [
    ("account number is double four seven one three nine", ["double four seven one three nine"]),
    ("member id: 8 8 1 2 0 4", ["8 8 1 2 0 4"]),
    ("my account has two or three users", []),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_ACCOUNTS)
def test_spoken_account_ids(text: str, expected: list[str]) -> None:
    assert found(SpokenAccountIdRecognizer(), text) == expected


USERNAMES = [
    ('I see buyer gamerdad_kyle87 opened "item not received"', ["gamerdad_kyle87"]),
    ("seller Mike_Store22 never replied", ["Mike_Store22"]),
    ("my account is retro.vault.ny in case u need it", ["retro.vault.ny"]),
    # An e-mail, a version, ordinary words, an alphanumeric account number (left to ACCOUNT_ID).
    ("the account is john.smith@gmail.com", []),
    ("my account is v2.1 now", []),
    ("my account is locked", []),
    ("the seller shipped it", []),
    ("my account is ab12345 thanks", []),
    ("Reset link sent to faith.m\u2022\u2022\u2022\u2022\u2022@yahoo.com: https://x.com/reset", []),
    ("Kontakt @mariah_22 on insta", ["@mariah_22"]),
    ("who's around this weekend? dm @the_real_amber", ["@the_real_amber"]),
    ("Student login the_real_madison, temporary password Luna#1999", ["the_real_madison"]),
    ("username purohitwahab / password Pickles!2001", ["purohitwahab"]),
    ("add me on discord, im leonorresendez", ["leonorresendez"]),
    ("add me on steam as xXslayerXx", ["xXslayerXx"]),
    # Placeholders, descriptions and moods after the same cues.
    ('{"user": "your_username"}', []),
    ("login details / password reset", []),
    ("username and password please", []),
    ("login screen, password field", []),
    ("add me on discord, im bored", []),
    ("add me on discord, im free tonight", []),
]


@pytest.mark.parametrize(("text", "expected"), USERNAMES)
def test_usernames_after_roles(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected


PASSWORDS = [
    ("Me: its shaz.okoro@hotmail.co.uk / Bolton2019! DONT change it", ["Bolton2019!"]),
    ("combo: jdoe88@gmail.com:Summer2024", ["Summer2024"]),
    ("login bob@gmail.com pw hunter22", ["hunter22"]),
    ("lockbox code for the side door is 4-1-9-9 btw", ["4-1-9-9"]),
    ("gate code for the front gate is 4471", ["4471"]),
    # A second address, a phone, a site, a plain word after the e-mail; an error code.
    ("contact sales@acme.com / support@acme.com", []),
    ("email ana@x.io / 555-0134 call me", []),
    ("khoa.tran.dev@gmail.com | github.com/khoatran-dev", []),
    ("email me at bob@gmail.com | Work", []),
    ("error code for the printer is 4-1-9-9", []),
    (" 1042 | Ines | ines.vm@posteo.de | Karl-Marx-Str. 112 | 12043", []),
    ("contact: ana@x.io / Karl-Marx-Str.", []),
    ("postgres://reporting:Xq7!fLm2@db.internal.acme.io:5432/sales", ["Xq7!fLm2"]),
    # A customer number or a discount code is not a secret; a verification code is.
    ("mi código de cliente es CL-448120", []),
    ("el código de descuento es VERANO24", []),
    ("mi código de verificación es 882910", ["882910"]),
    ("username x1 / security question: first pet, answer Pickles", ["Pickles"]),
    ("security question: what was your first pet? answer below", []),
    ("security question and answer are required", []),
]


@pytest.mark.parametrize(("text", "expected"), PASSWORDS)
def test_passwords(text: str, expected: list[str]) -> None:
    assert found(PasswordRecognizer(), text) == expected


BIRTHS = [
    ("Guadalupe Ramírez Ochoa, nacio el 3 de abril de 1952", ["3 de abril de 1952"]),
    ("grandma = Rosalind Mbeki-Hartley b. 12 May 1936 in Durban", ["12 May 1936"]),
    ("- **Rosalind Mbeki-Hartley** (b. 12 May 1936, Durban)", ["12 May 1936"]),
    ("kids: Thandi (b. 1959), Peter", ["1959"]),
    ("Maria Huber, geb. 12.03.1960 in Graz", ["12.03.1960"]),
    ("Juan Pérez, fecha de nac. 03/04/1952", ["03/04/1952"]),
    ("DDN : 12/03/1960", ["12/03/1960"]),
    ("Mary (born 1948) lives in Leeds", ["1948"]),
    ("my son was born 2 days ago", []),
    ("firstborn 2019 model", []),
    # "b." as a list letter or a plan, a year without brackets, a date without a year.
    ("see section b. 2021 results", []),
    ("option b. 2019", []),
    ("plan b. 12 May we go", []),
    ("Harold Hartley (d. 2004)", []),
]


@pytest.mark.parametrize(("text", "expected"), BIRTHS)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert found(DateOfBirthRecognizer(), text) == expected
    if expected:
        assert CHAT_GATES["ChatDateOfBirthRecognizer"]()(TextFeatures.of(text))


PARTIALS = [
    ("los últimos 4 dígitos de mi tarjeta son 4821", ["4821"]),
    ("les 4 derniers chiffres : 4821", ["4821"]),
    ("die letzten vier Ziffern sind 4821", ["4821"]),
    ("gli ultimi 4 numeri 4821", ["4821"]),
    ("os últimos 4 dígitos são 4821", ["4821"]),
    ("ostatnie 4 cyfry to 4821", ["4821"]),
    ("los últimos 3 días 2024 fue duro", []),
]


@pytest.mark.parametrize(("text", "expected"), PARTIALS)
def test_last_digits_in_other_languages(text: str, expected: list[str]) -> None:
    assert found(PartialIdRecognizer(), text) == expected
