"""How agents ask for codes, security answers, last digits and handles without the usual cue words, and the
questions that look alike but ask for none of them."""

from __future__ import annotations

import pytest

from anonymizer.detect.conversation import asked_types


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What's the 2FA code?", "PASSWORD"),
        ("Can you read out the code on your screen?", "PASSWORD"),
        ("And the code from the authenticator app?", "PASSWORD"),
        ("What is the code displayed in your app?", "PASSWORD"),
        ("Could you please verify the code?", "PASSWORD"),
        ("Please confirm the 4 digits we sent.", "PASSWORD"),
        ("What numbers did you receive?", "PASSWORD"),
        ("Read me the digits you got by text.", "PASSWORD"),
        ("What does the text message say?", "PASSWORD"),
        ("What's the key safe code?", "PASSWORD"),
        ("In what city did your parents meet?", "PASSWORD"),
        ("What's your favourite sports team?", "PASSWORD"),
        ("What's the answer you set for 'favourite film'?", "PASSWORD"),
        ("What card ending do you see?", "PARTIAL_ID"),
        ("What digits does the card end in?", "PARTIAL_ID"),
        ("What does the card end with?", "PARTIAL_ID"),
        ("What's your login?", "USERNAME"),
        ("What's your tag?", "USERNAME"),
    ],
)
def test_questions_ask_for(question: str, expected: str) -> None:
    assert expected in asked_types(question)


@pytest.mark.parametrize(
    "question",
    [
        "Did you get the code?",
        "Did the code work?",
        "What's your favourite part of the app?",
        "What's the discount code?",
        "Did you get my text?",
        "What does the error say?",
        "How many digits does a card have?",
        "When does the promo end?",
        "What's the login page showing?",
        "Can you check the login?",
        "Do you have your tag number?",
        "What number did you call?",
    ],
)
def test_look_alike_questions_ask_for_no_secret_digits_or_handle(question: str) -> None:
    assert not {"PASSWORD", "PARTIAL_ID", "USERNAME"} & set(asked_types(question))
