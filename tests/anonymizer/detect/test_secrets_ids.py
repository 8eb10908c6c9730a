"""User names, identifiers and agents' questions in the shapes real chats bring: cues in German, Spanish,
Portuguese, French, Polish and Vietnamese, user keys of config files and JSON, connection strings and command
lines, frequent-flyer and Vietnamese account and order numbers; with look-alikes that must stay unflagged."""

from __future__ import annotations

import datetime
import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.conversation import asked_types
from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    DateOfBirthRecognizer,
    OrderIdRecognizer,
    PersonalUrlRecognizer,
    SpelledEmailRecognizer,
    UsernameRecognizer,
)
from anonymizer.detect.recognizers.urls import is_code_not_link, link_end


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


USERNAMES = [
    ("Mein Benutzername ist kmueller77, Passwort vergessen", ["kmueller77"]),
    ("mi usuario es carla.mtz90 y no puedo entrar", ["carla.mtz90"]),
    ("tên đăng nhập của tôi là ngoc_anh95", ["ngoc_anh95"]),
    ("nombre de usuario: pcosta_1988", ["pcosta_1988"]),
    ("DB_USER=app_admin", ["app_admin"]),
    ('{"user": "tkaur", "remember_me": true}', ["tkaur"]),
    ("postgres://reporting:Xq7!fLm2@db.internal.acme.io:5432/sales", ["reporting"]),
    ("mysql -u jsmith -pTr0ub4dor -h 127.0.0.1", ["jsmith"]),
    ("or try user sokoro2 pw Gr33nBanana!", ["sokoro2"]),
    ("my ig is sarah.bakes", ["sarah.bakes"]),
    ("usuario: emiotke", ["emiotke"]),
    ("I'm u/throwaway123 on reddit", ["u/throwaway123"]),
    ("my steam name is xX_Sniper_Xx", ["xX_Sniper_Xx"]),
    ("add me, my discord is CoolGuy#4821", ["CoolGuy#4821"]),
    ("my reddit username is u/pixel_pusher", ["u/pixel_pusher"]),
    ("Benutzername: joseda-rosa", ["joseda-rosa"]),
    ("add me on roblox: xXcoolkid_09", ["xXcoolkid_09"]),
    ("my twitch name is gamer_joe", ["gamer_joe"]),
    ("epic games id ShadowFox_9", ["ShadowFox_9"]),
]
NOT_USERNAMES = [
    "DB_USER=root",
    "postgres://user:password@localhost/db",
    "the user: mentioned it",
    'username: "your_username"',
    "https://example.com/api?user=abc",
    "mi usuario no funciona",
    "Benutzername ist falsch",
    "the discord to chat",
    "venmo is linked to my bank",
    "usuario: incorrecto",
    "my discord account is banned",
    "my twitter is loading",
    "Benutzername: falsch",
    "my snap is down",
    "the ig post got 200 likes",
    "i watched youtube v2.1 today",
]


@pytest.mark.parametrize(("text", "expected"), USERNAMES)
def test_usernames(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_USERNAMES)
def test_not_usernames(text: str) -> None:
    assert found(UsernameRecognizer(), text) == []


IDS = [
    ("conta 0045127-3", ["0045127-3"]),
    ("frequent flyer number UA 448 112 093", ["UA 448 112 093"]),
    ("my frequent flier # is 88120944", ["88120944"]),
    ("số tài khoản 0071000123456", ["0071000123456"]),
    ("mã khách hàng KH20931", ["KH20931"]),
    ("mã đơn hàng VN2291837", ["VN2291837"]),
    ("mã vận đơn là SPXVN0412883", ["SPXVN0412883"]),
    ("OHIP 1234-567-890", ["1234-567-890"]),
    ("medicare number 2123 45670 1", ["2123 45670 1"]),
    ("loyalty card 6010 2233 4455", ["6010 2233 4455"]),
    ("bag tag SK 482113", ["SK 482113"]),
    ("Sendungsnummer 00340434161094042557", ["00340434161094042557"]),
    ("account number is 12 4471 09", ["12 4471 09"]),
    ("my account 4421 2 days ago", ["4421"]),
    ("ticket 48213 2 hours ago", ["48213"]),
    ("order id 9b2c4f3e-7a1d-4c2e-9f8a-1b2c3d4e5f60 never came", ["9b2c4f3e-7a1d-4c2e-9f8a-1b2c3d4e5f60"]),
    ("transaction id: pi_3MtwBwLkdIwHu7ix28a3tqPa", ["pi_3MtwBwLkdIwHu7ix28a3tqPa"]),
    ("invoice no. 2026/00412", ["2026/00412"]),
    ("order ZK/2026/118450", ["ZK/2026/118450"]),
]
NOT_IDS = [
    "la cuenta conta 3 productos",
    "frequent flyer miles expire in 2026",
    "mã đơn hàng của bạn",
    "the loyalty card is expired",
    "my order 12/05 hasnt arrived",
]


@pytest.mark.parametrize(("text", "expected"), IDS)
def test_identifiers(text: str, expected: list[str]) -> None:
    assert found(AccountIdRecognizer(), text) + found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_IDS)
def test_not_identifiers(text: str) -> None:
    assert found(AccountIdRecognizer(), text) + found(OrderIdRecognizer(), text) == []


QUESTIONS = [
    ("Please enter one of your backup codes.", ["PASSWORD"]),
    ("What's the gate code?", ["PASSWORD"]),
    ("What is your memorable word?", ["PASSWORD"]),
    ("¿Me puede indicar su clave de acceso?", ["PASSWORD"]),
    ("Bitte nennen Sie mir Ihre PIN.", ["PASSWORD"]),
    ("Quel est votre mot de passe ?", ["PASSWORD"]),
    ("Wie lautet Ihr Benutzername?", ["USERNAME"]),
    ("Quel est votre identifiant ?", ["USERNAME"]),
    ("¿Cuál es su número de pedido?", ["ORDER_ID"]),
    ("Jaki jest numer zamówienia?", ["ORDER_ID"]),
    ("No problem, what is your PIN?", ["PASSWORD"]),
    ("Thanks. Now enter the backup code.", ["PASSWORD"]),
    ("And confirm the PIN.", ["PASSWORD"]),
    ("And the city where you were born?", ["PASSWORD"]),
    ("What is your oldest sibling's middle name?", ["PASSWORD"]),
    ("In what city did you meet your spouse?", ["PASSWORD"]),
    ("Where did you meet your wife?", []),
    ("¿Cuál es el apellido de soltera de su madre?", ["PASSWORD"]),
    ("Wie lautet der Mädchenname Ihrer Mutter?", ["PASSWORD"]),
    ("I now enter the building", []),
    # Warnings ask for nothing.
    ("Por favor no comparta su contraseña.", []),
    ("Bitte teilen Sie Ihr Passwort nicht im Chat.", []),
    ("Proszę nie podawać hasła.", []),
    ("Ne partagez jamais votre mot de passe.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUESTIONS)
def test_questions(text: str, expected: list[str]) -> None:
    assert asked_types(text) == expected


def recognised(recognizer: EntityRecognizer, text: str) -> list[str]:
    return found(recognizer, text)


PERSONAL_URLS = [
    ("https://stackyard.dev/u/amara-eze", ["https://stackyard.dev/u/amara-eze"]),
    ("add linkedin.com/in/priya-raman-stats", ["linkedin.com/in/priya-raman-stats"]),
    (
        "link expired: https://app.tallybook.io/reset-password/9f8e7d6c5b4a3f2e1d0c",
        ["https://app.tallybook.io/reset-password/9f8e7d6c5b4a3f2e1d0c"],
    ),
    ("https://medium.com/@lena_codes/post", ["https://medium.com/@lena_codes/post"]),
]
COMPANY_URLS = [
    "You can upload photos at https://claims.harbormutual.com/upload",
    "see https://acme.com/invoice/2024",
    "https://help.acme.com/s/article/how-to-reset",
]


@pytest.mark.parametrize(("text", "expected"), PERSONAL_URLS)
def test_personal_urls(text: str, expected: list[str]) -> None:
    assert recognised(PersonalUrlRecognizer(), text) == expected


@pytest.mark.parametrize("text", COMPANY_URLS)
def test_company_urls_are_not_personal(text: str) -> None:
    assert recognised(PersonalUrlRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GRAHAM W SMITH AT COMCAST DOT NET", ["GRAHAM W SMITH AT COMCAST DOT NET"]),
        ("my email is john smith at gmail dot com", ["john smith at gmail dot com"]),
        ("it's kim at yahoo.com", ["kim at yahoo.com"]),
        ("meet me at home dot com", []),
        ("we are at the office dot com", []),
    ],
)
def test_spoken_emails(text: str, expected: list[str]) -> None:
    assert recognised(SpelledEmailRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày sinh: 12/05/1987", ["12/05/1987"]),
        ("sinh ngày 03/07/1979", ["03/07/1979"]),
        ("mi cumpleaños es el 3 de marzo de 1979", ["3 de marzo de 1979"]),
        ("Geburtsdatum ist 01.02.1980", ["01.02.1980"]),
        ("Geburtstagsfeier am 12.05.2026", []),
    ],
)
def test_birth_dates_in_other_languages(text: str, expected: list[str]) -> None:
    assert recognised(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("link", "public"),
    [
        ("NETFLIX.COM", True),
        ("www.amazon.com", True),
        ("https://amazon.co.uk", True),
        ("c.email", True),
        ("selinaydin.photo", False),
        ("github.com/khoatran-dev", False),
        ("amazon.com/gp/your-account", False),
    ],
)
def test_bare_domains_of_public_services_are_not_personal(link: str, public: bool) -> None:
    assert is_code_not_link(link, 0, len(link)) is public


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("see https://site.com/users/ana2006, thanks", "https://site.com/users/ana2006"),
        ("(profile: https://x.io/u/ana)", "https://x.io/u/ana"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("it's https://miraokafor.art.", "https://miraokafor.art"),
    ],
)
def test_a_link_ends_before_sentence_punctuation(text: str, link: str) -> None:
    start = text.index("http")
    end = start + len(text[start:].split(" ")[0])
    assert text[start : link_end(text, start, end)] == link


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D.O.B. — 12.03.1988", ["12.03.1988"]),
        ("date of birth (DD/MM/YYYY): 12/03/1988", ["12/03/1988"]),
        ("Date of Birth* 03/14/1985", ["03/14/1985"]),
        ("birthdate | 1990-02-11", ["1990-02-11"]),
        ("DOB 14-MAR-1985", ["14-MAR-1985"]),
        ("Birth date: 14 Mar 85", ["14 Mar 85"]),
        ("birthday party on 5 May with 20 kids", []),
        (f"birthday on 12 jan {datetime.date.today().year + 3} at 3pm", []),
    ],
)
def test_birth_date_forms(text: str, expected: list[str]) -> None:
    assert recognised(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my email is john.smith at gmail", ["john.smith at gmail"]),
        ("email: jsmith88 at yahoo", ["jsmith88 at yahoo"]),
        ("jane_doe @ hotmail . com", ["jane_doe @ hotmail . com"]),
        ("meet me at gmail headquarters", []),
        ("v2.1 at gmail", []),
        ("i work at gmail", []),
    ],
)
def test_handles_at_mail_providers(text: str, expected: list[str]) -> None:
    assert recognised(SpelledEmailRecognizer(), text) == expected
