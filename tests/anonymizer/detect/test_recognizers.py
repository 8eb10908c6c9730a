"""Behaviour of the chat recognizers, each run directly without an NLP engine."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    OrderIdRecognizer,
    PasswordRecognizer,
    StreetAddressRecognizer,
    UsernameRecognizer,
    ZipCodeRecognizer,
    chat_recognizers,
)


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The exact substrings a recognizer flags, in text order."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def check(recognizer: EntityRecognizer, text: str, expected: list[str]) -> None:
    assert found(recognizer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ping me @jsmith_99 on twitter", ["@jsmith_99"]),
        ("my username is cminh730", ["cminh730"]),
        ("user name: Kat.Lee", ["Kat.Lee"]),
        ("login jdoe42", ["jdoe42"]),
        ("my gamertag is xXSniperXx", ["xXSniperXx"]),
        ("my handle is @dark_knight.", ["@dark_knight"]),
        ("User ID: jsmith99", ["jsmith99"]),
        ("username='m.garcia_7'", ["m.garcia_7"]),
        ("@jdoe88\nthanks for the follow", ["@jdoe88"]),  # alone on its line, but no code after it
        ("my ig is\n@lena.k_photos", ["@lena.k_photos"]),
    ],
)
def test_when_handle_or_username_cue_then_username_found(text: str, expected: list[str]) -> None:
    check(UsernameRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "email john@example.com",
        "i can't login to my account",
        "login page is broken",
        "username is not working",
        "what is your username?",
        "@here please check",
        "meet @ 5pm",
        "see https://example.com/@news",
        "app = Flask(__name__)\n\n@app.route('/ping')\ndef ping():\n    return 'ok'",  # decorators
        "@dataclass\nclass Point:\n    x: int",
        "class Circle:\n    @property\n    def r(self):",
        "@Override\npublic String toString() {",  # a Java annotation
    ],
)
def test_when_no_username_then_nothing_found(text: str) -> None:
    check(UsernameRecognizer(), text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("account number 55012345", ["55012345"]),
        ("my acct # is 88812345", ["88812345"]),
        ("ACC-12345678 is mine", ["ACC-12345678"]),
        ("customer id: C-99812", ["C-99812"]),
        ("member #4821", ["4821"]),
    ],
)
def test_when_account_cue_then_account_id_found(text: str, expected: list[str]) -> None:
    check(AccountIdRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text",
    ["member since 2019", "my account was charged $49.99", "account 2 of 3", "my account is locked"],
)
def test_when_account_prose_then_no_account_id(text: str) -> None:
    check(AccountIdRecognizer(), text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order #A1B2C3D4 never arrived", ["A1B2C3D4"]),
        ("ref ORD-2026-004512", ["ORD-2026-004512"]),
        ("ticket 48213", ["48213"]),
        ("case number 00123456", ["00123456"]),
        ("booking ref: XK7P2Q", ["XK7P2Q"]),
        ("confirmation code ABC123", ["ABC123"]),
        ("it's 1Z999AA10123456784", ["1Z999AA10123456784"]),
        ("usps says 9400111899223344556677", ["9400111899223344556677"]),
        ("usps 9400 1118 9922 3344 5566 77", ["9400 1118 9922 3344 5566 77"]),
        ("fedex tracking number is 123456789012", ["123456789012"]),
    ],
)
def test_when_order_cue_or_tracking_format_then_order_id_found(text: str, expected: list[str]) -> None:
    check(OrderIdRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "order 2 items",
        "error 404",
        "version 3.2.1",
        "I paid $49.99 for order 2026",
        "the order was cancelled",
        "case closed",
        "call 123456789012",
    ],
)
def test_when_order_prose_then_no_order_id(text: str) -> None:
    check(OrderIdRecognizer(), text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 123 Main St, Springfield, IL 62704", ["123 Main St, Springfield, IL 62704"]),
        ("ship to 42 park lane apt 4b please", ["42 park lane apt 4b"]),
        ("221b baker street", ["221b baker street"]),
        (
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
            ["1600 Pennsylvania Ave NW, Washington, DC 20500"],
        ),
        ("send it to 350 5th Ave Suite 3300.", ["350 5th Ave Suite 3300"]),
        ("4 Privet Drive", ["4 Privet Drive"]),
        ("55 E. Monroe St. Apt #1203", ["55 E. Monroe St. Apt #1203"]),
        ("123 main street in LA", ["123 main street"]),
        ("mail it to PO Box 1234", ["PO Box 1234"]),
        ("p.o. box 99", ["p.o. box 99"]),
    ],
)
def test_when_street_address_then_found_whole(text: str, expected: list[str]) -> None:
    check(StreetAddressRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "I have 2 dogs on the way",
        "it's a 10 min drive",
        "version 3.2.1 is out",
        "it costs $49.99",
        "we have 3 more days",
        "I need 2 new cards",
        "order 2 items by Thursday",
    ],
)
def test_when_numbers_in_prose_then_no_street_address(text: str) -> None:
    check(StreetAddressRecognizer(), text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my zip is 94107", ["94107"]),
        ("zip code: 94107-1234", ["94107-1234"]),
        ("Springfield, IL 62704", ["62704"]),
        ("postcode SW1A 1AA", ["SW1A 1AA"]),
        ("my postal code is m5v 2t6", ["m5v 2t6"]),
        ("Toronto ON M5V 2T6", ["M5V 2T6"]),
        ("London EC1A 1BB", ["EC1A 1BB"]),
    ],
)
def test_when_postal_code_then_zip_code_found(text: str, expected: list[str]) -> None:
    check(ZipCodeRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text", ["I have 94107 points", "call at 5 PM", "MP3 4GB player", "error 40404", "zip it up 12345"]
)
def test_when_bare_number_without_cue_then_no_zip_code(text: str) -> None:
    check(ZipCodeRecognizer(), text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my password is hunter2.", ["hunter2"]),
        ("pwd: Summer2024!", ["Summer2024!"]),
        ("pin is 4821", ["4821"]),
        ("PIN: 4821", ["4821"]),
        ("security answer is fluffy", ["fluffy"]),
        ("mother's maiden name is Garcia", ["Garcia"]),
        ("the code is 482913", ["482913"]),
        ("OTP 4829", ["4829"]),
        ('password: "P@ss w0rd"', ["P@ss w0rd"]),
        ("the verification code is 482 913", ["482 913"]),
        ("maiden name is garcia and my pin is 1234", ["garcia", "1234"]),
    ],
)
def test_when_secret_after_cue_then_only_the_value_is_password(text: str, expected: list[str]) -> None:
    check(PasswordRecognizer(), text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "your password is case-sensitive",
        "my password is not working",
        "please reset your password",
        "what's your zip code 94107",
        "promo code SAVE2024",
        "i forgot my password, can you reset it",
        "pin the chat to top",
        "error code 4044",
    ],
)
def test_when_cue_without_secret_then_no_password(text: str) -> None:
    check(PasswordRecognizer(), text, [])


def test_when_id_patterns_given_then_defaults_still_apply_and_user_types_found() -> None:
    recognizers = chat_recognizers(
        {"ACCOUNT_ID": [r"\bZZ\d{6}\b"], "EMPLOYEE_ID": [r"\bemp(?:loyee)?\s*(?P<value>E\d{5})\b"]}
    )
    by_entity = {r.supported_entities[0]: r for r in recognizers}
    assert found(by_entity["ACCOUNT_ID"], "acct ZZ123456 and account number 55012345") == [
        "ZZ123456",
        "55012345",
    ]
    assert found(by_entity["EMPLOYEE_ID"], "employee E12345 here") == ["E12345"]
    assert by_entity["EMPLOYEE_ID"].name == "ChatConfiguredIdRecognizer[EMPLOYEE_ID]"


def test_when_id_pattern_is_bad_then_error_names_entity_not_regex() -> None:
    secret_regex = r"\bSECRET-4242(["
    with pytest.raises(ValueError, match="EMPLOYEE_ID") as info:
        chat_recognizers({"EMPLOYEE_ID": [secret_regex]})
    assert "SECRET-4242" not in str(info.value)


def test_when_id_pattern_matches_empty_string_then_refused() -> None:
    with pytest.raises(ValueError, match="ORDER_ID"):
        chat_recognizers({"ORDER_ID": [r"\d*"]})


def test_when_built_twice_then_instances_are_fresh_and_named() -> None:
    first, second = chat_recognizers(), chat_recognizers()
    assert all(a is not b for a, b in zip(first, second, strict=True))
    names = [r.name for r in first]
    assert len(names) == len(set(names))
    assert all(r.supported_language == "en" for r in first)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_spans_stay_in_bounds_and_no_recognizer_raises(text: str) -> None:
    for recognizer in chat_recognizers({"EMPLOYEE_ID": [r"E\d{5}"]}):
        for result in recognizer.analyze(text, recognizer.supported_entities, None):
            assert 0 <= result.start < result.end <= len(text)
            assert result.entity_type in recognizer.supported_entities
            assert 0 < result.score <= 1
