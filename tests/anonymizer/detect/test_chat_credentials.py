"""Credentials and identifiers as customers and agents type them in support chats: passwords after relative
clauses and "changed to", codes "from the text", handles after "log in as", SSNs in any grouping, lists of
order numbers, values sent in the turn after their cue, two-part answers over two turns. Each table has
look-alikes that must stay unflagged (descriptions of a secret, prices, quantities, plan names), and the
gates are checked against the ungated path on every example."""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.conversation import Turn, asked_types, link_conversation
from anonymizer.detect.engine import Detector
from anonymizer.detect.findings import Finding
from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    OrderIdRecognizer,
    PartialIdRecognizer,
    PasswordRecognizer,
    SsnCueRecognizer,
    UsernameRecognizer,
)
from anonymizer.policy import DetectionSettings

from .test_fast_paths import analyse, ungated


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


PASSWORDS = [
    ("my password is Fluffy2019!", ["Fluffy2019!"]),
    ("pw: hunter22", ["hunter22"]),
    ("pwd hunter2", ["hunter2"]),
    ("i reset my password to Summer2024$ but it still wont let me in", ["Summer2024$"]),
    ("I changed my password yesterday to Kx9#mPq2 and now it says invalid", ["Kx9#mPq2"]),
    ("changed my pin to 4321", ["4321"]),
    ("the password i used was bluemoon77", ["bluemoon77"]),
    ("the password that I tried is Tulip77", ["Tulip77"]),
    ("my password for gmail is Blue!22", ["Blue!22"]),
    ("the password to my account is Tulip77", ["Tulip77"]),
    ("the password i tried was Sunset2020 and Sunset2021", ["Sunset2020", "Sunset2021"]),
    ("tried password Blue22, then Blue23.", ["Blue22", "Blue23"]),
    ("my pass is Monkey44", ["Monkey44"]),
    ("the code they texted me was 771204 but it expired", ["771204"]),
    ("here's the code from the text: 663201", ["663201"]),
    ("the code you sent is 482913", ["482913"]),
    ("my pin for the card is 4821", ["4821"]),
    ("it's asking for my security answer which is meatloaf", ["meatloaf"]),
    ("my first car was a Civic", ["Civic"]),
]
NOT_PASSWORDS = [
    "my password isn't working",
    "what's the password requirement?",
    "my password yesterday stopped working",
    "i forgot my password, can you send the reset link?",
    "the forgot password link doesn't work",
    "password reset email never came",
    "password is definitely right",
    "changed my password to something simpler",
    "i reset my password to the default one",
    "my season pass is expired",
    "my pass is valid",
    "my password and username are both wrong",
    "my password must have a symbol",
    "the code expired",
    "the code you sent doesn't work",
    "the promo code SAVE20 didnt work",
    "i got error code 502",
]

USERNAMES = [
    ("I log in as darklord_99", ["darklord_99"]),
    ("i sign in with jenny.r", ["jenny.r"]),
    ("signed up under mike_t88 last year", ["mike_t88"]),
    ("user: kpatel77 / pass: Monkey$44", ["kpatel77"]),
    ("logged in with the username sarah.k", ["sarah.k"]),
]
NOT_USERNAMES = [
    "log in with google",
    "sign in with google.com",
    "I signed in with apple",
    "I logged in as usual this morning",
    "logged in as admin",
    "the user: said hi",
]

SSNS = [
    ("ssn: 523-456-780", ["523-456-780"]),  # mis-grouped, still nine digits after the cue
    ("my ss# is 523 456 780", ["523 456 780"]),
    ("social sec number is 523-45-6780", ["523-45-6780"]),
    ("SSN (523-45-6780)", ["523-45-6780"]),
    ("ssn 523 - 45 - 6780", ["523 - 45 - 6780"]),
    ("ssn:523456780", ["523456780"]),
    ("SSN#523456780", ["523456780"]),
    ("my ss # is 523-45-6780", ["523-45-6780"]),
]
NOT_SSNS = [
    "social media 523-45-6780 followers",
    "ssn 523-456-7801 is my phone",
    "my social is on file",
]

ORDERS = [
    ("I have 2 orders, #48213 and #48291", ["48213", "48291"]),
    ("orders 1234567 and 1234568 both missing", ["1234567", "1234568"]),
    ("tickets #48213, #48214, #48215", ["48213", "48214", "48215"]),
    ("my order (#55120934) hasn't shipped", ["55120934"]),
    ("the ticket i opened yesterday was 48213", ["48213"]),
    ("the order number they gave me is W4829301", ["W4829301"]),
    ("conf # 8839201", ["8839201"]),
]
NOT_ORDERS = [
    "I placed the order, 2 items",
    "ordered 3 and 4 of them",
    "my order and 3 others",
    "order total was $129.99",
    "the order came on 12/03",
    "I ordered 2 items, only 1 arrived",
]

PARTIALS = [
    ("last four social 6780", ["6780"]),
    ("last 4 ssn: 6780", ["6780"]),
]
NOT_PARTIALS = ["last 2 years 2019", "the last 3 orders 1234"]


@pytest.mark.parametrize(("text", "expected"), PASSWORDS)
def test_passwords_in_chat_phrasings(text: str, expected: list[str]) -> None:
    assert found(PasswordRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_PASSWORDS)
def test_password_talk_without_a_secret_is_left_alone(text: str) -> None:
    assert found(PasswordRecognizer(), text) == []


@pytest.mark.parametrize(("text", "expected"), USERNAMES)
def test_usernames_after_sign_in_phrases(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_USERNAMES)
def test_sign_in_phrases_without_a_handle_are_left_alone(text: str) -> None:
    assert found(UsernameRecognizer(), text) == []


@pytest.mark.parametrize(("text", "expected"), SSNS)
def test_ssns_in_any_grouping_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(SsnCueRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_SSNS)
def test_nine_digits_not_named_an_ssn_are_left_alone(text: str) -> None:
    assert found(SsnCueRecognizer(), text) == []


@pytest.mark.parametrize(("text", "expected"), ORDERS)
def test_order_ids_in_lists_brackets_and_relative_clauses(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_ORDERS)
def test_order_talk_without_an_id_is_left_alone(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


def test_listed_account_numbers_are_account_ids() -> None:
    assert found(AccountIdRecognizer(), "accounts 00482911 and 00482912") == ["00482911", "00482912"]
    assert found(OrderIdRecognizer(), "accounts 00482911 and 00482912") == []


@pytest.mark.parametrize(("text", "expected"), PARTIALS)
def test_last_four_without_of(text: str, expected: list[str]) -> None:
    assert found(PartialIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_PARTIALS)
def test_last_n_of_something_else_is_left_alone(text: str) -> None:
    assert found(PartialIdRecognizer(), text) == []


# ---- conversation: who asked, and what the next turns answer -------------------------------------------------

SETTINGS = DetectionSettings()


def linked(conversation: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    turns = [Turn(text=t, conversation_id="c1", speaker=s, field="text") for s, t in conversation]
    out = link_conversation(turns, [[] for _ in turns], SETTINGS)
    return [sorted((t.text[f.start : f.end], f.entity_type) for f in fs) for t, fs in zip(turns, out, strict=True)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("To verify your account, please provide the last four of your social.", ["PARTIAL_ID", "US_SSN"]),
        ("For verification I need the last 4 of your SSN.", ["PARTIAL_ID", "US_SSN"]),
        ("Thanks, I have updated your account.", []),
        ("Ok, what is the username?", ["USERNAME"]),
    ],
)
def test_requests_after_a_lead_in_clause(question: str, expected: list[str]) -> None:
    assert asked_types(question) == expected


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        # The value comes in the turn after the customer's own cue.
        ([("customer", "my ssn is"), ("customer", "523-45-6780")], [[], [("523-45-6780", "US_SSN")]]),
        ([("customer", "my password is"), ("customer", "Fluffy2019!")], [[], [("Fluffy2019!", "PASSWORD")]]),
        ([("customer", "username:"), ("customer", "jdoe_88")], [[], [("jdoe_88", "USERNAME")]]),
        ([("customer", "my ssn is on file"), ("customer", "thanks")], [[], []]),
        # Two things asked, answered one per turn.
        (
            [("agent", "Can I get your username and password?"), ("customer", "jdoe88"), ("customer", "Fluffy2019!")],
            [[], [("jdoe88", "USERNAME")], [("Fluffy2019!", "PASSWORD")]],
        ),
        (
            [("agent", "What's the order number and zip code?"), ("customer", "W4829301 and 94107")],
            [[], [("94107", "ZIP_CODE"), ("W4829301", "ORDER_ID")]],
        ),
        # A code sent to the phone is answered; the phone number is not then waited for.
        (
            [
                ("agent", "I sent a code to your phone, can you read it to me?"),
                ("customer", "482913"),
                ("customer", "555 0100 is my other phone tho"),
            ],
            [[], [("482913", "PASSWORD")], []],
        ),
        # Replies that are not the secret asked for.
        ([("agent", "Can you confirm your password?"), ("customer", "Makes sense")], [[], []]),
        ([("agent", "We need to reset your password first."), ("customer", "Perfect")], [[], []]),
        (
            [("agent", "What is the password?"), ("customer", "it should be Fluffy2019!")],
            [[], [("Fluffy2019!", "PASSWORD")]],
        ),
    ],
)
def test_answers_across_turns(conversation: list[tuple[str, str]], expected: list[list[tuple[str, str]]]) -> None:
    assert linked(conversation) == expected


def test_a_password_tried_replaces_a_name_or_place_guess_on_it() -> None:
    text = "tried Maple!2019 and cobalt4762, neither works"
    turns = [Turn(text=t, conversation_id="c1", speaker="customer", field="text") for t in ("I can't log in", text)]
    guess = [Finding(6, 16, "LOCATION", 0.85, "SpacyRecognizer"), Finding(21, 31, "PERSON", 0.85, "SpacyRecognizer")]
    out = link_conversation(turns, [[], guess], SETTINGS)[1]
    assert sorted((text[f.start : f.end], f.entity_type) for f in out) == [
        ("Maple!2019", "PASSWORD"),
        ("cobalt4762", "PASSWORD"),
    ]


def test_gates_never_change_findings_on_these_examples(detector: Detector) -> None:
    tables = [PASSWORDS, USERNAMES, SSNS, ORDERS, PARTIALS]
    texts = [t for table in tables for t, _ in table]
    texts += NOT_PASSWORDS + NOT_USERNAMES + NOT_SSNS + NOT_ORDERS + NOT_PARTIALS
    gated = analyse(detector, texts)
    with ungated(detector):
        assert analyse(detector, texts) == gated


# ---- round two: values before their cue, carrier formats, hash references, codes inside an answer --------


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (PasswordRecognizer(), "Fluffy2019! is my password", ["Fluffy2019!"]),
        (PasswordRecognizer(), "482913 is the verification code", ["482913"]),
        (PasswordRecognizer(), "that is my password", []),
        (PasswordRecognizer(), "2019 was the year", []),
        (OrderIdRecognizer(), "where is my package? 112-4839201-5523901", ["112-4839201-5523901"]),
        (OrderIdRecognizer(), "tracking TBA123456789000", ["TBA123456789000"]),
        (OrderIdRecognizer(), "it shipped as EA123456789US", ["EA123456789US"]),
        (OrderIdRecognizer(), "I'm calling about #A12B34", ["A12B34"]),
        (OrderIdRecognizer(), "my apt #12345 buzzer is broken", []),
        (OrderIdRecognizer(), "#1 priority please", []),
        (OrderIdRecognizer(), "this is the 3rd time #frustrated", []),
        (OrderIdRecognizer(), "order 112 4839201 5523901 please", ["112 4839201 5523901"]),
        (OrderIdRecognizer(), "my order 12345 is for 100 dollars", ["12345"]),
        (OrderIdRecognizer(), "my refund RF-9928314 hasn't posted", ["RF-9928314"]),
        (SsnCueRecognizer(), "My SIN is 523 456 780", ["523 456 780"]),
        (SsnCueRecognizer(), "523-45-6780 - that's my social", ["523-45-6780"]),
        (SsnCueRecognizer(), "I sin 523456780 times", []),
        (UsernameRecognizer(), "the username on the account is jdoe", ["jdoe"]),
        (UsernameRecognizer(), "my user name's katie_r", ["katie_r"]),
        (UsernameRecognizer(), "it's under jdoe88", ["jdoe88"]),
        (UsernameRecognizer(), "it's under my husband's name", []),
        (UsernameRecognizer(), "the username on the box is printed wrong", []),
        (UsernameRecognizer(), "credentials are jdoe88 / Blue!River22", ["jdoe88"]),
        (UsernameRecognizer(), "I'm brittany1968 on thhere", ["brittany1968"]),
    ],
)
def test_values_before_cues_carrier_formats_and_references(
    recognizer: EntityRecognizer, text: str, expected: list[str]
) -> None:
    assert found(recognizer, text) == expected


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        ([("agent", "What's the code you received?"), ("customer", "I got 482913")], [[], [("482913", "PASSWORD")]]),
        (
            [("agent", "I've sent a verification code to your email."), ("customer", "ok i see it, 739104")],
            [[], [("739104", "PASSWORD")]],
        ),
        ([("agent", "What's the code?"), ("customer", "I tried 3 times already")], [[], []]),
        ([("agent", "What's the code?"), ("customer", "it costs 4999 dollars")], [[], []]),
        ([("agent", "What was the make of your first car?"), ("customer", "a Honda")], [[], [("Honda", "PASSWORD")]]),
        (
            [("agent", "What is your Social Security Number?"), ("customer", "523.45.6780")],
            [[], [("523.45.6780", "US_SSN")]],
        ),
    ],
)
def test_answers_inside_sentences_and_after_statements(
    conversation: list[tuple[str, str]], expected: list[list[tuple[str, str]]]
) -> None:
    assert linked(conversation) == expected


def test_an_ssn_in_any_grouping_after_its_cue() -> None:
    assert found(SsnCueRecognizer(), "social 5234 56780") == ["5234 56780"]
    assert found(SsnCueRecognizer(), "ssn 5234 567801 22") == []  # more than nine digits


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("kate.r or maybe kater", [("kate.r", "USERNAME"), ("kater", "USERNAME")]),
        ("jdoe88, or jdoe_88", [("jdoe88", "USERNAME"), ("jdoe_88", "USERNAME")]),
        ("yes or no", []),
    ],
)
def test_a_customer_unsure_of_a_login_gives_both_guesses(answer: str, expected: list[tuple[str, str]]) -> None:
    assert linked([("agent", "What's the username?"), ("customer", answer)]) == [[], expected]


@pytest.mark.parametrize(
    "recognizer_class", [PasswordRecognizer, UsernameRecognizer, OrderIdRecognizer, AccountIdRecognizer]
)
def test_prefilters_are_necessary_conditions(
    recognizer_class: type[PasswordRecognizer | UsernameRecognizer | OrderIdRecognizer | AccountIdRecognizer],
) -> None:
    from .test_fast_paths import sample_texts

    tables = [PASSWORDS, USERNAMES, SSNS, ORDERS, PARTIALS]
    texts = [t for table in tables for t, _ in table] + NOT_PASSWORDS + NOT_USERNAMES + NOT_ORDERS
    texts += sample_texts(1500)
    prefiltered = recognizer_class()
    plain = recognizer_class()
    plain.PREFILTERS = {}  # type: ignore[misc]  # the instance attribute shadows the class's for this test

    def spans(recognizer: EntityRecognizer, text: str) -> list[tuple[int, int, float]]:
        return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, recognizer.supported_entities, None))

    assert [spans(prefiltered, t) for t in texts] == [spans(plain, t) for t in texts]
