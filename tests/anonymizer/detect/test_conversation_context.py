"""Conversation context beyond question and answer: passwords reported in a sign-in conversation, what the
customer mentioned steering a cue-less follow-up, company-side links and bot personas."""

from __future__ import annotations

import pytest

from anonymizer.detect.conversation import Turn, link_conversation
from anonymizer.detect.findings import Finding
from anonymizer.policy import DetectionSettings

SETTINGS = DetectionSettings()


def turn(text: str, speaker: str | None) -> Turn:
    return Turn(text=text, conversation_id="c1", speaker=speaker, field="text")


def link(turns: list[Turn], findings: list[list[Finding]] | None = None) -> list[list[tuple[str, str]]]:
    linked = link_conversation(turns, findings or [[] for _ in turns], SETTINGS)
    return [sorted((t.text[f.start : f.end], f.entity_type) for f in fs) for t, fs in zip(turns, linked, strict=True)]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("tried summerwillow23 and ocean2098, neither works", ["ocean2098", "summerwillow23"]),
        ("i've been using maplerocket57 for years", ["maplerocket57"]),
        ("typed Willow!2026 twice", ["Willow!2026"]),
        ("tried fal775#X or winter5186", ["fal775#X", "winter5186"]),
    ],
)
def test_when_sign_in_conversation_then_tried_secrets_are_passwords(said: str, expected: list[str]) -> None:
    turns = [turn("I can't log into my account", "customer"), turn("Let me check.", "agent"), turn(said, "customer")]
    assert link(turns)[2] == [(value, "PASSWORD") for value in expected]


@pytest.mark.parametrize(
    "said",
    [
        "tried again and again, neither works",  # no digit or symbol: words
        "been using the app for years",
        "tried www.example.com and jane@example.com",  # addresses are left to their recognizers
        "using version 2.3.1 and 2024",
    ],
)
def test_when_tried_words_are_not_secret_shaped_then_no_password(said: str) -> None:
    turns = [turn("I can't log in", "customer"), turn(said, "customer")]
    assert link(turns)[1] == []


def test_when_conversation_is_not_about_signing_in_then_tried_codes_stay_unflagged() -> None:
    turns = [
        turn("my Orbit S2 watch won't charge", "customer"),
        turn("tried charger2 and cable3x, nothing", "customer"),
    ]
    assert link(turns)[1] == []


def test_when_agent_lists_codes_then_they_are_not_the_customers_passwords() -> None:
    turns = [turn("I can't log in", "customer"), turn("I tried resetting ticket ab12cd34 already", "agent")]
    assert link(turns)[1] == []


def test_when_customer_named_the_subject_then_cue_less_follow_up_types_the_answer() -> None:
    turns = [
        turn("Do you really need my social for the credit check", "customer"),
        turn("Go ahead and type the full 9 digits.", "agent"),
        turn("847418761, the old one had two digits swapped", "customer"),
    ]
    assert link(turns)[2] == [("847418761", "US_SSN")]


def test_when_company_side_gives_plain_link_then_it_is_not_pii_but_personal_links_stay() -> None:
    help_link = "Visit https://help.example.com/returns for our FAQ."
    reset = "Use https://example.com/reset?token=abc123 to reset."
    typed = "my site is https://janedoe.example.com"
    turns = [turn(help_link, "bot"), turn(reset, "agent"), turn(typed, "customer")]

    def url(text: str, value: str, recognizer: str) -> Finding:
        start = text.index(value)
        return Finding(start, start + len(value), "URL", 0.6, recognizer)

    findings = [
        [url(help_link, "https://help.example.com/returns", "UrlRecognizer")],
        [url(reset, "https://example.com/reset?token=abc123", "ChatPersonalUrlRecognizer")],
        [url(typed, "https://janedoe.example.com", "UrlRecognizer")],
    ]
    assert link(turns, findings) == [
        [],
        [("https://example.com/reset?token=abc123", "URL")],
        [("https://janedoe.example.com", "URL")],
    ]


def test_when_bot_says_you_are_chatting_with_its_persona_then_the_persona_is_not_a_person() -> None:
    text = "Thanks for contacting us. You're chatting with Max, our automated assistant."
    start = text.index("Max")
    turns = [turn(text, "bot")]
    assert link(turns, [[Finding(start, start + 3, "PERSON", 0.85, "SpacyRecognizer")]]) == [[]]
