"""Identifiers, birth dates, codes and handles as support chats and assistant logs type them: grouped account
numbers, medical record and health card numbers, cues in other languages, JSON and form keys, dashed
references, cashtags, bare answers to an agent's question; each with look-alikes (amounts, HTTP statuses,
standards, shell variables, chatter) left alone, and the gates checked against the ungated path."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.conversation import Turn, answer_findings, asked_types, link_conversation
from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    DateOfBirthRecognizer,
    OrderIdRecognizer,
    PartialIdRecognizer,
    PasswordRecognizer,
    SsnCueRecognizer,
    UsernameRecognizer,
)
from anonymizer.policy import DetectionSettings

from .test_fast_paths import analyse, ungated


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The exact substrings a recognizer flags, in text order."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


ACCOUNTS = [
    ("acct is 300 448 1925 and dob 3 March 1979", ["300 448 1925"]),
    ("Is the member ID still XKP918203344?", ["XKP918203344"]),
    ("MRN is 00847219", ["00847219"]),
    ("medical record number: 4471-22-09", ["4471-22-09"]),
    ("shes with State Farm, policy 912 4471-B08 , phone 612-555-0193", ["912 4471-B08"]),
    ("health card number TREE 8405 5914", ["TREE 8405 5914"]),
    ("the account number is 8100 2274 913.", ["8100 2274 913"]),
    ("loan number 88120044", ["88120044"]),
    ("CLABE: 012180015504738291", ["012180015504738291"]),
    ("Mi número de cliente es 88123456", ["88123456"]),
    ("número da conta: 12345-6", ["12345-6"]),
    ("Meine Kundennummer: 4471 2290 183", ["4471 2290 183"]),
    ("numer klienta 5512 8890", ["5512 8890"]),
    ('{"account_number": "4471-0092-18", "member_id": "XKP918203344"}', ["4471-0092-18", "XKP918203344"]),
    ("accountNumber=99812733", ["99812733"]),
]
NOT_ACCOUNTS = [
    "account 12345 10 days ago",  # the id alone, not the days (the single-token pattern takes 12345)
    "loan 250000 30 year fixed",  # an amount after a loan
    "insurance 1200 a year",
    "member since 2019 2020",
    "my account has 3 users and 12 devices",
    "customer for 10 years 2 months",
    "my account is active 1234 5678",
    "meter reading 04512 today",
    '{"account_type": "checking", "balance": 1200}',
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS)
def test_when_account_number_follows_a_cue_then_account_id(text: str, expected: list[str]) -> None:
    assert found(AccountIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_ACCOUNTS)
def test_when_no_account_number_follows_the_cue_then_no_grouped_or_amount_id(text: str) -> None:
    assert found(AccountIdRecognizer(), text) in ([], ["12345"])


ORDERS = [
    ("Your registration MGH-REG-20418 is complete.", ["MGH-REG-20418"]),
    ("Report number WTR-26-0419. Would you like updates by text?", ["WTR-26-0419"]),
    ("claim number HM-AU-20457781", ["HM-AU-20457781"]),
    ('{"order_id": "A-20418", "ticketNumber": 48213}', ["A-20418", "48213"]),
    ("Dobrze. Zlecenie zamknięcia ma numer ZK/2026/118450. Środki zostaną", ["ZK/2026/118450"]),
    ("Su número de pedido es 88213-A", ["88213-A"]),
    ("Ihre Bestellnummer: 4402-1187", ["4402-1187"]),
    ("votre commande n° 2024-88123 est expédiée", ["2024-88123"]),
    ("my order 401 hasn't arrived", ["401"]),
    ("order #401", ["401"]),
]
NOT_ORDERS = [
    "2026-04-01T14:02:11Z POST /hooks/orders 401 src=52.14.221.90",
    "GET /api/orders 200",
    "orders 404 everywhere since the deploy",
    "see CVE-2024-12345 and ISO-8601-2004",
    "the GPT-4-0613 model and MIL-STD-810 and RTX-4090-TI",
    "referencia 2024 del año pasado",
    "la reserva 3 noches",
    "numer telefonu 600123456",
]


@pytest.mark.parametrize(("text", "expected"), ORDERS)
def test_when_reference_is_dashed_keyed_or_after_cue_then_order_id(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_ORDERS)
def test_when_number_is_http_status_or_standard_then_no_order_id(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


BIRTH_DATES = [
    ('{"first_name": "Olumide",\n "dob": "1991-08-30",\n "ssn": "401-23-7765"}', ["1991-08-30"]),
    ("date_of_birth: 1991-08-30", ["1991-08-30"]),
    ('"dateOfBirth":"30/08/1991"', ["30/08/1991"]),
    ("birthdate = '1980-01-02'", ["1980-01-02"]),
    ("Geburtsdatum: 17.06.1992", ["17.06.1992"]),
    ("geboren am 17. Juni 1992 in Köln", ["17. Juni 1992"]),
    ("Je soussignée Aïcha Benali, née le 14/02/1990 à Oran", ["14/02/1990"]),
    ("née le 14 février 1990", ["14 février 1990"]),
    ("fecha de nacimiento: 3 de marzo de 1979", ["3 de marzo de 1979"]),
    ("data de nascimento 14/02/1990", ["14/02/1990"]),
    ("data urodzenia: 5 maja 1988", ["5 maja 1988"]),
    ("acct is 300 448 1925 and DOB 3 March 1979", ["3 March 1979"]),
]
NOT_BIRTH_DATES = [
    "ne le fais pas avant le 12/12/2020",
    "fecha de entrega: 14/02/2024",
    '{"created_at": "2024-01-02", "updated": "2024-02-03"}',
]


@pytest.mark.parametrize(("text", "expected"), BIRTH_DATES)
def test_when_date_follows_a_birth_key_or_foreign_cue_then_date_of_birth(text: str, expected: list[str]) -> None:
    assert found(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_BIRTH_DATES)
def test_when_date_has_no_birth_cue_then_nothing(text: str) -> None:
    assert found(DateOfBirthRecognizer(), text) == []


def test_keyed_secrets_handles_and_ssns_in_json() -> None:
    text = '{"username": "kpatel77", "password": "Blue!River22", "pin": "4821", "ssn": "401-23-7765"}'
    assert found(UsernameRecognizer(), text) == ["kpatel77"]
    assert found(PasswordRecognizer(), text) == ["Blue!River22", "4821"]
    assert found(SsnCueRecognizer(), text) == ["401-23-7765"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent $120 to $jaylenw but it was supposed to be $jaylen-w", ["$jaylenw", "$jaylen-w"]),
        ("I can send a request to $jaylenw asking them to return it.", ["$jaylenw"]),
        ("my username is currently xX_doodlequeen_Xx", ["xX_doodlequeen_Xx"]),
        ("export PATH=$PATH:/bin then send to $dst", []),  # a shell variable
        ("send it to $user.name please", []),
        ("i paid $25 to my landlord", []),
        ("the price went to $USD 40", []),
    ],
)
def test_cashtags_after_payment_cues_and_handles_after_currently(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le he enviado un código por SMS al móvil terminado en 4821 para confirmar.", ["4821"]),
        ("la tarjeta que termina en 4242", ["4242"]),
        ("carte se terminant par 1234", ["1234"]),
        ("terminado el proceso en 2024", []),
    ],
)
def test_foreign_ending_in(text: str, expected: list[str]) -> None:
    assert found(PartialIdRecognizer(), text) == expected


# ---- conversation: questions and bare answers -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Provincial health card number (RAMQ)?", ["ACCOUNT_ID"]),
        ("What is your card number?", ["CREDIT_CARD"]),
        ("Can you tell me your username or medical record number?", ["USERNAME", "ACCOUNT_ID"]),
        ("¿Me comparte la CLABE del destinatario?", ["ACCOUNT_ID"]),
        ("I need full names as on passports and dates of birth.", ["DATE_OF_BIRTH"]),
        ("Perfecto. Le he enviado un código por SMS al móvil terminado en 4821 para confirmar.", ["PASSWORD"]),
        ("The codes are bouncing at your carrier. I'll send one by voice call instead.", ["PASSWORD"]),
        ("I'll send one over to your team.", []),
        ("Nous vous avons envoyé un code par SMS.", ["PASSWORD"]),
    ],
)
def test_requests_in_other_words_and_languages(question: str, expected: list[str]) -> None:
    assert asked_types(question) == expected


@pytest.mark.parametrize(
    ("answer", "asked", "expected"),
    [
        ("8100 2274 913", ["ACCOUNT_ID"], [("8100 2274 913", "ACCOUNT_ID")]),
        ("TREE 8405 5914", ["ACCOUNT_ID"], [("TREE 8405 5914", "ACCOUNT_ID")]),
        ("HM-AU-20457781", ["ACCOUNT_ID"], [("HM-AU-20457781", "ACCOUNT_ID")]),
        ("012180015504738291, es de mi mamá", ["ACCOUNT_ID"], [("012180015504738291", "ACCOUNT_ID")]),
        ("currently xX_doodlequeen_Xx lol from when i was 14", ["USERNAME"], [("xX_doodlequeen_Xx", "USERNAME")]),
        ("603 118", ["PASSWORD"], [("603 118", "PASSWORD")]),
        ("QX7H2M Nguyen", ["ORDER_ID", "PERSON"], [("QX7H2M", "ORDER_ID"), ("Nguyen", "PERSON")]),
        ("Jane Doe", ["ORDER_ID", "PERSON"], [("Jane Doe", "PERSON")]),
        ("2914 sorry hit enter too early", ["PASSWORD"], [("2914", "PASSWORD")]),
        (
            "Abdullahi Musa 14/03/1975, Hauwa Musa 02/09/1979. emergency contact our son",
            ["DATE_OF_BIRTH"],
            [("14/03/1975", "DATE_OF_BIRTH"), ("02/09/1979", "DATE_OF_BIRTH")],
        ),
    ],
)
def test_grouped_and_leading_answers(answer: str, asked: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(answer[f.start : f.end], f.entity_type) for f in answer_findings(answer, asked)] == expected


@pytest.mark.parametrize(
    ("answer", "asked"),
    [
        ("not sure, i think it was under my old email", ["USERNAME"]),
        ("2 accounts actually", ["ACCOUNT_ID"]),
        ("the one ending 4421", ["ACCOUNT_ID"]),
        ("hold on let me check", ["USERNAME"]),
        ("12 items in the order", ["ORDER_ID"]),
    ],
)
def test_chatter_is_still_not_an_answer(answer: str, asked: list[str]) -> None:
    assert answer_findings(answer, asked) == []


def test_the_current_one_asks_again_for_what_the_customer_named() -> None:
    turns = [
        Turn("how do i change my username?", "c1", "customer", "text"),
        Turn("You can change it under Profile. What's the current one?", "c1", "agent", "text"),
        Turn("currently xX_doodlequeen_Xx lol", "c1", "customer", "text"),
    ]
    linked = link_conversation(turns, [[], [], []], DetectionSettings())
    assert [(turns[2].text[f.start : f.end], f.entity_type) for f in linked[2]] == [("xX_doodlequeen_Xx", "USERNAME")]


def test_gates_never_change_findings_on_these_examples(detector: Detector) -> None:
    texts = [t for t, _ in ACCOUNTS + ORDERS + BIRTH_DATES] + NOT_ACCOUNTS + NOT_ORDERS + NOT_BIRTH_DATES
    gated = analyse(detector, texts)
    with ungated(detector):
        assert analyse(detector, texts) == gated


LISTS_AND_LOOK_ALIKES = [
    "orders 1234567 and 1234568",
    "tickets #48213, #48214 & #48215",
    "claim numbers are CLM-2026-04, CLM-2026-05",
    "accounts 4471-22 and 4471-23 / 4471-24",
    "member ids: 88120 or 88121",
    "Fluffy2019! is my password",
    "X1y2z3w4, that's the new pin",
    "918273 is my one-time code",
    "Tr0ub4dor&3 - the login password",
    "policy 912 4471-B08",
    "ACCT 88 4471 9921",
    "user: kpatel77 / pass: Blue!River22",
    "sent $120 to $jaylenw",
]


@pytest.mark.parametrize(
    "recognizer_class", [AccountIdRecognizer, OrderIdRecognizer, PasswordRecognizer, UsernameRecognizer]
)
def test_prefilters_stay_necessary_on_lists_keys_and_grouped_ids(
    recognizer_class: type[AccountIdRecognizer | OrderIdRecognizer | PasswordRecognizer | UsernameRecognizer],
) -> None:
    texts = LISTS_AND_LOOK_ALIKES + [t for t, _ in ACCOUNTS + ORDERS + BIRTH_DATES] + NOT_ACCOUNTS + NOT_ORDERS
    prefiltered = recognizer_class()
    plain = recognizer_class()
    plain.PREFILTERS = {}  # type: ignore[misc]  # the instance attribute shadows the class's for this test
    assert [found(prefiltered, t) for t in texts] == [found(plain, t) for t in texts]
    assert any(found(prefiltered, t) for t in LISTS_AND_LOOK_ALIKES)
