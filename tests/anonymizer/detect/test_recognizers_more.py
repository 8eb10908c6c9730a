"""Chat recognizers for obfuscated contact details, partial ids, cards, birth dates, URLs and names."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import (
    ChatEventNameRecognizer,
    ContextNameRecognizer,
    CreditCardGapRecognizer,
    DateOfBirthRecognizer,
    NameListRecognizer,
    ObfuscatedPhoneRecognizer,
    PartialIdRecognizer,
    PasswordRecognizer,
    PersonalUrlRecognizer,
    SpelledEmailRecognizer,
    VocativeNameRecognizer,
)
from anonymizer.detect.recognizers._base import luhn_valid, typo_tolerant
from anonymizer.detect.recognizers.cards import card_scheme_ok


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The exact substrings a recognizer flags, in text order."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("john dot smith at gmail dot com", ["john dot smith at gmail dot com"]),
        ("mail john.smith [at] gmail [dot] com!", ["john.smith [at] gmail [dot] com"]),
        ("jsmith(at)example(dot)org", ["jsmith(at)example(dot)org"]),
        ("email me at jsmith at gmail.com", ["jsmith at gmail.com"]),
        ("it's k_lee @ yahoo.co.uk", ["k_lee @ yahoo.co.uk"]),
        ("its blake underscore mann at aol dot com", ["blake underscore mann at aol dot com"]),
    ],
)
def test_when_email_is_spelled_out_then_found_whole(text: str, expected: list[str]) -> None:
    assert found(SpelledEmailRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text", ["I shop at amazon.com", "reach me at gmail dot com", "john@example.com", "meet at noon dot"]
)
def test_when_no_spelled_email_then_nothing(text: str) -> None:
    assert found(SpelledEmailRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my number is four one five five five five zero one two three",
            ["four one five five five five zero one two three"],
        ),
        ("call me at 555-0123", ["555-0123"]),
        ("cell: 555 0123.", ["555 0123"]),
        ("phone: 415-555-O123", ["415-555-O123"]),
    ],
)
def test_when_phone_is_obfuscated_then_found(text: str, expected: list[str]) -> None:
    assert found(ObfuscatedPhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my account number 555-0123",
        "one two three four five six seven",
        "I have 3 4 5 kids",
        "meet at five",
        "error 404 then 555-0123",
    ],
)
def test_when_no_obfuscated_phone_then_nothing(text: str) -> None:
    assert found(ObfuscatedPhoneRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last 4 is 1234", ["1234"]),
        ("card ending in 4242", ["4242"]),
        ("last four digits 9876", ["9876"]),
        ("the last 4 of my ssn: 5678", ["5678"]),
        ("ending with 4242.", ["4242"]),
        ("xxxx-xxxx-xxxx-4242", ["4242"]),
        ("**** 1111", ["1111"]),
        ("card endnig in 7211", ["7211"]),
    ],
)
def test_when_trailing_digits_with_context_then_partial_id(text: str, expected: list[str]) -> None:
    assert found(PartialIdRecognizer(), text) == expected


@pytest.mark.parametrize("text", ["last 3 days", "pending 1234", "sending 1234", "the last one was 1234"])
def test_when_no_partial_id_context_then_nothing(text: str) -> None:
    assert found(PartialIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("visa 4111111111111111003", ["4111111111111111003"]),
        ("mc 2223 0031 2200 3222", ["2223 0031 2200 3222"]),
        ("maestro 6759 6498 2648", ["6759 6498 2648"]),
        ("4111-1111-1111-1111", ["4111-1111-1111-1111"]),
    ],
)
def test_when_card_is_luhn_valid_with_known_issuer_then_found(text: str, expected: list[str]) -> None:
    results = CreditCardGapRecognizer().analyze(text, ["CREDIT_CARD"], None)
    assert [text[r.start : r.end] for r in results] == expected
    assert all(r.score == 1.0 for r in results)


@pytest.mark.parametrize(
    "text",
    ["4111111111111112", "call 415 555 0123 now", "order 123456789012", "9400111899223344556677", "1.2345678901"],
)
def test_when_not_a_valid_card_then_nothing(text: str) -> None:
    assert found(CreditCardGapRecognizer(), text) == []


def test_luhn_and_issuer_known_answers() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("41111x")
    assert card_scheme_ok("2223003122003222")
    assert not card_scheme_ok("9400111899223344")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dob 03/14/1985", ["03/14/1985"]),
        ("my date of birth is March 14th, 1985", ["March 14th, 1985"]),
        ("born on 14 march 1985", ["14 march 1985"]),
        ("birthday: 1985-03-14", ["1985-03-14"]),
        ("D.O.B. 3/8/62", ["3/8/62"]),
        ("born in 1985", ["1985"]),
        ("my dob: 14.03.85.", ["14.03.85"]),
    ],
)
def test_when_date_after_birth_cue_then_date_of_birth(text: str, expected: list[str]) -> None:
    assert found(DateOfBirthRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text", ["I was born in Texas", "see you on 03/14/2025", "delivered Thursday", "today at 5", "it's my birthday!"]
)
def test_when_date_without_birth_cue_then_nothing(text: str) -> None:
    assert found(DateOfBirthRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "see https://example.com/reset?token=abc123&email=john@x.com ok",
            ["https://example.com/reset?token=abc123&email=john@x.com"],
        ),
        ("go to example.com/users/jsmith", ["example.com/users/jsmith"]),
        ("http://x.io/u/bob_99.", ["http://x.io/u/bob_99"]),
        ("www.foo.com/profile/jane.doe?sid=9f8", ["www.foo.com/profile/jane.doe?sid=9f8"]),
        ("linkedin.com/in/jane-doe", ["linkedin.com/in/jane-doe"]),
    ],
)
def test_when_url_carries_token_or_person_then_found_whole(text: str, expected: list[str]) -> None:
    assert found(PersonalUrlRecognizer(), text) == expected


@pytest.mark.parametrize("text", ["https://example.com/help/faq", "see example.com", "version 3.2.1"])
def test_when_url_is_impersonal_then_nothing(text: str) -> None:
    assert found(PersonalUrlRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my name is john smith and i need help", ["john smith"]),
        ("hi, this is kevin from billing", ["kevin"]),
        ("im sarah jones", ["sarah jones"]),
        ("thanks, maria!", ["maria"]),
        ("My name is Will Turner", ["Will Turner"]),
        ("name: priya patel", ["priya patel"]),
        ("speaking with david", ["david"]),
        ("my name's xochitl quispe, calling about my bill", ["xochitl quispe"]),
        ("Hi there, Christina here.", ["Christina"]),
        ("that's it, thnak you timothy!", ["timothy"]),
        ("Good morning Annette! I'm Teresa.", ["Annette", "Teresa"]),
        ("Hi Mary, my name is April and I'll help", ["Mary", "April"]),
        # a short form of a name that is also a word, alone at the end after thanks (was a negative case)
        ("Thanks Will", ["Will"]),
    ],
)
def test_when_name_after_chat_phrase_then_person(text: str, expected: list[str]) -> None:
    assert found(ContextNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm fine thanks",
        "i'm looking for my order",
        "this is great",
        "i'm not sure",
        "hello there",
        "thanks for your help",
        "Thanks, will do",
        "thanks will be in touch",
        "i am so sorry",
        "hey team",
        "i'm happy to help",
        "it's Thursday today",
        "its jill484@btinternet.com",
        "it's lisa1982",
        "its kayla.rodriguez@bigpond.com",
    ],
)
def test_when_chat_phrase_without_name_then_no_person(text: str) -> None:
    assert found(ContextNameRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I talked to emily brown yesterday", ["emily brown"]),
        ("can you mark the price down", []),
        ("the order will ship today", []),
    ],
)
def test_name_list_pairs(text: str, expected: list[str]) -> None:
    assert found(NameListRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Darrell has joined the chat.", ["Darrell"]),
        ("Maria Lopez left the conversation", ["Maria Lopez"]),
        ("Agent April joined the conversation.", ["April"]),
        ("The agent has left the chat", []),
    ],
)
def test_chat_event_names(text: str, expected: list[str]) -> None:
    assert found(ChatEventNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tried Banjo-Lemon1 and it failed", ["Banjo-Lemon1"]),
        ("I've been using Ocean!2018 for years", ["Ocean!2018"]),
        ("ORD-2026-785915 and ACC-12345678", []),
        ("Covid-19, iPhone-12 and v2.3.1-Beta", []),
        ("John.Smith1@gmail.com", []),
    ],
)
def test_password_shaped_tokens(text: str, expected: list[str]) -> None:
    assert found(PasswordRecognizer(), text) == expected


def test_typo_tolerant_cue_accepts_one_slip_but_keeps_first_letter() -> None:
    import regex

    pattern = regex.compile(rf"\b{typo_tolerant('ending')}\b", regex.IGNORECASE)
    assert all(pattern.search(w) for w in ["ending", "endnig", "ening", "endiing", "Ending"])
    assert not any(pattern.search(w) for w in ["pending", "sending", "end"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks for contacting us, Rebecca. Have a great day!", ["Rebecca"]),
        ("Have a great day, Gregory!", ["Gregory"]),
        ("See you in April, Will.", []),
        ("Shipped to Austin, Texas.", []),
        ("We sell shoes, Hats.", []),
    ],
)
def test_vocative_names(text: str, expected: list[str]) -> None:
    assert found(VocativeNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/verify?uid=u_81772&code=154672",
        "https://example.com/reset?token=gRr5y6G_DXpckBb4iB4k4behGRn4zJ4C",
    ],
)
def test_when_secret_is_inside_a_url_then_the_url_recognizer_owns_it(text: str) -> None:
    assert found(PasswordRecognizer(), text) == []
    assert found(PersonalUrlRecognizer(), text) == [text]
