"""Conversation awareness: questions type the answers that follow, values propagate within a conversation only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.detect.conversation import (
    ANSWER_RECOGNIZER,
    PROPAGATED_RECOGNIZER,
    Turn,
    answer_findings,
    asked_types,
    link_conversation,
    speaker_role,
)
from anonymizer.detect.engine import Detector
from anonymizer.detect.findings import Finding
from anonymizer.policy import ConversationSettings, DetectionSettings

SETTINGS = DetectionSettings()


def turn(text: str, speaker: str | None, conversation: str | None = "c1") -> Turn:
    return Turn(text=text, conversation_id=conversation, speaker=speaker, field="text")


def found(text: str, value: str, entity_type: str, score: float = 0.85) -> Finding:
    start = text.index(value)
    return Finding(start, start + len(value), entity_type, score, "test")


def values(turns: list[Turn], findings: list[list[Finding]]) -> list[list[tuple[str, str]]]:
    return [sorted((t.text[f.start : f.end], f.entity_type) for f in fs) for t, fs in zip(turns, findings, strict=True)]


def link(
    turns: list[Turn], findings: list[list[Finding]] | None = None, settings: DetectionSettings = SETTINGS
) -> list[list[tuple[str, str]]]:
    return values(turns, link_conversation(turns, findings or [[] for _ in turns], settings))


# ---- question -> answer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What's your zip code?", ["ZIP_CODE"]),
        ("Can I have your username?", ["USERNAME"]),
        ("Please type your order number. You can find it in your confirmation email.", ["ORDER_ID"]),
        ("What's the email address on the account?", ["EMAIL_ADDRESS"]),
        ("Who am I speaking with today?", ["PERSON"]),
        ("What's the username on the account?", ["USERNAME"]),
        ("Can you verify the last four digits of your social security number?", ["PARTIAL_ID", "US_SSN"]),
        ("I just sent a 6-digit code to your phone. Can you read it back to me?", ["PASSWORD", "PHONE_NUMBER"]),
        ("What is your mother's maiden name?", ["PASSWORD"]),
        ("Could you confirm your date of birth?", ["DATE_OF_BIRTH"]),
        ("Please don't share your password in chat.", []),
        ("Just the last four digits please.", ["PARTIAL_ID"]),
        ("your zip code pls", ["ZIP_CODE"]),
        ("Thanks, I've updated your address. Is there anything else?", []),
        ("Your order has shipped.", []),
    ],
)
def test_agent_requests_name_the_types_they_ask_for(question: str, expected: list[str]) -> None:
    assert asked_types(question) == expected


@pytest.mark.parametrize(
    ("answer", "asked", "expected"),
    [
        ("94107", ["ZIP_CODE"], [("94107", "ZIP_CODE")]),
        ("it's cminh730 lol", ["USERNAME"], [("cminh730", "USERNAME")]),
        ("sure, Jane Doe", ["PERSON"], [("Jane Doe", "PERSON")]),
        ("hello?\nsure, it's 9/13/96 😅", ["DATE_OF_BIRTH"], [("9/13/96", "DATE_OF_BIRTH")]),
        ("pin: 7508", ["PASSWORD"], [("7508", "PASSWORD")]),
        ("#ORD-2026-785915", ["ORDER_ID"], [("ORD-2026-785915", "ORDER_ID")]),
        ("here's the whole thing 633033336", ["PARTIAL_ID", "US_SSN"], [("633033336", "US_SSN")]),
        ("jsmith / hunter2", ["USERNAME", "PASSWORD"], [("hunter2", "PASSWORD"), ("jsmith", "USERNAME")]),
        (
            "Jane Doe, 03/04/1985",
            ["PERSON", "DATE_OF_BIRTH"],
            [("03/04/1985", "DATE_OF_BIRTH"), ("Jane Doe", "PERSON")],
        ),
        ("jane dot doe at gmail dot com", ["EMAIL_ADDRESS"], [("jane dot doe at gmail dot com", "EMAIL_ADDRESS")]),
        ("12 Main St apt 4, Springfield", ["STREET_ADDRESS"], [("12 Main St apt 4, Springfield", "STREET_ADDRESS")]),
    ],
)
def test_bare_answers_get_the_asked_type(answer: str, asked: list[str], expected: list[tuple[str, str]]) -> None:
    findings = answer_findings(answer, asked)
    assert sorted((answer[f.start : f.end], f.entity_type) for f in findings) == expected
    assert all(f.recognizer == ANSWER_RECOGNIZER for f in findings)


@pytest.mark.parametrize(
    ("answer", "asked"),
    [
        ("one sec", ["PERSON"]),
        ("ok", ["USERNAME"]),
        ("why do you need that", ["PERSON"]),
        ("the box was damaged and one of the 2 items is missing", ["PASSWORD"]),
        ("I moved last week", ["STREET_ADDRESS"]),
        ("thanks", ["ORDER_ID"]),
        ("not sure", ["ZIP_CODE"]),
    ],
)
def test_chatter_is_not_an_answer(answer: str, asked: list[str]) -> None:
    assert answer_findings(answer, asked) == []


def test_customer_answer_after_agent_question_is_typed_in_the_same_conversation_only() -> None:
    turns = [
        turn("What's your zip code?", "agent"),
        turn("one sec", "customer"),
        turn("94107", "customer"),
        turn("94110", "customer", conversation="c2"),  # another conversation: no question there
    ]
    assert link(turns) == [[], [], [("94107", "ZIP_CODE")], []]


def test_a_question_is_answered_once_and_expires_after_three_customer_turns() -> None:
    turns = [
        turn("Can I have your username?", "bot"),
        turn("cminh730", "customer"),
        turn("bluebird", "customer"),  # already answered: not a username
    ]
    assert link(turns) == [[], [("cminh730", "USERNAME")], []]
    turns = [turn("Can I have your username?", "agent"), *[turn("hmm", "customer")] * 3, turn("cminh730", "customer")]
    assert link(turns)[-1] == []


def test_agents_own_lines_are_never_read_as_answers() -> None:
    turns = [turn("What's your zip code?", "agent"), turn("Take your time.", "agent"), turn("94107", "agent")]
    assert link(turns) == [[], [], []]


def test_speakers_with_unknown_roles_answer_each_other() -> None:
    turns = [turn("what's your username?", "alice"), turn("cminh730", "bob")]
    assert link(turns) == [[], [("cminh730", "USERNAME")]]


def test_without_speakers_nothing_is_typed_by_position() -> None:
    turns = [turn("What's your zip code?", None), turn("94107", None)]
    assert link(turns) == [[], []]


def test_speaker_roles() -> None:
    assert [speaker_role(s) for s in ("agent", "Support_Agent", "bot", "system", "customer", "U123", None)] == [
        "agent",
        "agent",
        "agent",
        "agent",
        "customer",
        "unknown",
        "none",
    ]


# ---- propagation -------------------------------------------------------------------------------------


def test_a_value_found_once_is_found_in_every_turn_of_its_conversation_including_agent_and_system_lines() -> None:
    turns = [
        turn("hi, I'm Jane Doe, order ORD-2026-785915", "customer"),
        turn("Thanks jane! Looking up ord-2026-785915 now.", "agent"),
        turn("Jane Doe left the chat.", "system"),
        turn("Hi Jane, how can I help?", "agent", conversation="c2"),  # same name, other conversation
    ]
    first = turns[0].text
    findings = [[found(first, "Jane Doe", "PERSON"), found(first, "ORD-2026-785915", "ORDER_ID")], [], [], []]
    linked = link_conversation(turns, findings, SETTINGS)
    assert values(turns, linked) == [
        [("Jane Doe", "PERSON"), ("ORD-2026-785915", "ORDER_ID")],
        [("jane", "PERSON"), ("ord-2026-785915", "ORDER_ID")],
        [("Jane Doe", "PERSON")],
        [],
    ]
    assert {f.recognizer for f in linked[1]} == {PROPAGATED_RECOGNIZER}


def test_identifiers_propagate_whatever_their_separators_and_cards_reveal_their_last_four() -> None:
    turns = [
        turn("card 4111 1111 1111 1111", "customer"),
        turn("Charged 4111-1111-1111-1111, the card ending 1111", "agent"),
    ]
    findings = [[found(turns[0].text, "4111 1111 1111 1111", "CREDIT_CARD")], []]
    assert sorted(link(turns, findings)[1]) == [("1111", "PARTIAL_ID"), ("4111-1111-1111-1111", "CREDIT_CARD")]


def test_phone_numbers_propagate_in_national_and_international_forms() -> None:
    turns = [turn("call me on (415) 555-0123", "customer"), turn("I'll call +1 415 555 0123 now", "agent")]
    findings = [[found(turns[0].text, "(415) 555-0123", "PHONE_NUMBER")], []]
    assert link(turns, findings)[1] == [("+1 415 555 0123", "PHONE_NUMBER")]


def test_propagation_is_whole_word_and_keeps_the_case_of_names_that_are_also_words() -> None:
    turns = [
        turn("This is Will", "customer"),
        turn("Thanks Will, I will check your bill.", "agent"),
        turn("willow", "customer"),
    ]
    findings = [[found(turns[0].text, "Will", "PERSON")], [], []]
    assert link(turns, findings) == [[("Will", "PERSON")], [("Will", "PERSON")], []]


def test_a_domain_is_not_propagated_into_a_longer_host_or_link() -> None:
    turns = [
        turn("my site is example.com", "customer"),
        turn("See https://help.example.com/returns or example.com/faq; your site example.com is noted", "agent"),
    ]
    findings = [[found(turns[0].text, "example.com", "URL")], []]
    assert link(turns, findings)[1] == [("example.com", "URL")]


def test_a_name_part_that_is_an_everyday_word_propagates_only_as_capitalized() -> None:
    turns = [turn("Signed, Data Holm", "customer"), turn("please delete my data, Holm", "customer")]
    findings = [[found(turns[0].text, "Data Holm", "PERSON")], []]
    assert link(turns, findings)[1] == [("Holm", "PERSON")]


def test_types_that_are_unsafe_to_propagate_stay_where_they_were_found() -> None:
    turns = [turn("I live in Paris", "customer"), turn("Paris is lovely", "agent")]
    findings = [[found(turns[0].text, "Paris", "LOCATION")], []]
    assert link(turns, findings)[1] == []


def test_policy_switches_and_ignored_types_are_respected() -> None:
    turns = [turn("What's your zip code?", "agent"), turn("94107", "customer"), turn("Zip 94107 noted", "agent")]
    off = DetectionSettings(conversation=ConversationSettings(answers=False, propagate=False, bot_names=False))
    assert link(turns, settings=off) == [[], [], []]
    no_zip = DetectionSettings(ignore_entities=["DATE_TIME", "ZIP_CODE"])
    assert link(turns, settings=no_zip) == [[], [], []]
    assert link(turns) == [[], [("94107", "ZIP_CODE")], [("94107", "ZIP_CODE")]]


def test_allow_listed_values_are_neither_answers_nor_propagated() -> None:
    turns = [turn("Who am I speaking with?", "agent"), turn("Acme Support", "customer")]
    settings = DetectionSettings(allow_list=["Acme Support"])
    assert link(turns, settings=settings) == [[], []]


def test_a_bots_own_name_is_dropped_across_its_conversation_but_a_human_agents_is_kept() -> None:
    turns = [
        turn("Hi there! I'm Max, the Acme virtual assistant.", "bot"),
        turn("thanks Max", "customer"),
        turn("Hi, I'm Laura from Acme.", "agent"),
        turn("I'm Max too", "customer", conversation="c2"),
    ]
    findings = [[found(t.text, name, "PERSON")] for t, name in zip(turns, ["Max", "Max", "Laura", "Max"], strict=True)]
    assert link(turns, findings) == [[], [], [("Laura", "PERSON")], [("Max", "PERSON")]]
    keep = DetectionSettings(conversation=ConversationSettings(bot_names=False, propagate=False))
    assert link(turns, findings, settings=keep)[0] == [("Max", "PERSON")]


def test_an_assistant_writing_its_users_name_is_not_a_persona() -> None:
    turns = [
        turn("write a speech for me. I'm Dale Huckabee, running for school board", "customer"),
        turn("Good evening, everyone. My name is Dale Huckabee, and I'm running", "bot"),
        turn("draft an intro for me, I'm Priya", "customer", conversation="c2"),
        turn("Hi all, I'm Priya and I lead the data team", "bot", conversation="c2"),
    ]
    names = ["Dale Huckabee", "Dale Huckabee", "Priya", "Priya"]
    findings = [[found(t.text, name, "PERSON")] for t, name in zip(turns, names, strict=True)]
    assert [len(f) for f in link(turns, findings)] == [1, 1, 1, 1]


# ---- numbered placeholders ---------------------------------------------------------------------------


@pytest.fixture()
def numbered(detector: Detector, keys: KeyRing) -> Anonymizer:
    policy = Policy.from_yaml("version: 1\nentities:\n  DEFAULT: {operator: replace, numbered: true}\n")
    return Anonymizer(policy, keys, detector=detector)


def test_numbered_placeholders_link_mentions_within_a_conversation_and_restart_in_the_next(
    numbered: Anonymizer,
) -> None:
    records = [
        {
            "conversation_id": "c1",
            "message_id": "1",
            "speaker": "agent",
            "text": "Hi, this is Laura. What's your name?",
        },
        {"conversation_id": "c1", "message_id": "2", "speaker": "customer", "text": "jane doe"},
        {
            "conversation_id": "c1",
            "message_id": "3",
            "speaker": "agent",
            "text": "Thanks Jane! Laura again: mail me at a@b.com",
        },
        {"conversation_id": "c2", "message_id": "4", "speaker": "agent", "text": "Hi Jane, this is Laura."},
    ]
    texts = [r.row["text"] for r in numbered.anonymize_records(records)]
    assert texts == [
        "Hi, this is <PERSON_1>. What's your name?",
        "<PERSON_2>",
        "Thanks <PERSON_2>! <PERSON_1> again: mail me at <EMAIL_ADDRESS_1>",
        "Hi <PERSON_1>, this is <PERSON_2>.",
    ]


def test_a_fixed_replacement_value_cannot_be_numbered() -> None:
    from anonymizer import PolicyError

    with pytest.raises(PolicyError, match="numbered"):
        Policy.from_yaml("version: 1\nentities:\n  PERSON: {operator: replace, value: X, numbered: true}\n")
    with pytest.raises(PolicyError, match="numbered"):
        Policy.from_yaml("version: 1\nfields:\n  user_name: {operator: replace, numbered: true}\n")


# ---- properties --------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "What's your zip code?",
        "94107",
        "Can I have your username?",
        "cminh730",
        "it's Jane Doe",
        "ok",
        "Jane",
        "card 4111 1111 1111 1111",
        "ending 1111",
        "thanks!",
        "\n",
        "sure, ",
        "ORD-2026-785915",
        "ord 2026 785915",
    ]
)
TURNS = st.lists(
    st.tuples(
        st.lists(PIECES, min_size=1, max_size=4).map(" ".join),
        st.sampled_from(["agent", "customer", "bot", None]),
        st.sampled_from(["c1", "c2", None]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(TURNS)
def test_property_findings_stay_in_bounds_and_context_never_crosses_conversations(
    rows: list[tuple[str, str | None, str | None]],
) -> None:
    turns = [turn(text, speaker, conversation) for text, speaker, conversation in rows]
    # Seed findings only in conversation c1: c2 and conversation-less turns must gain nothing from them.
    findings = [
        [found(t.text, "Jane", "PERSON")] if t.conversation_id == "c1" and "Jane" in t.text else [] for t in turns
    ]
    no_answers = DetectionSettings(conversation=ConversationSettings(answers=False))
    linked = link_conversation(turns, findings, no_answers)
    for t, fs in zip(turns, linked, strict=True):
        for f in fs:
            assert 0 <= f.start < f.end <= len(t.text)
            assert t.conversation_id == "c1"
            assert t.text[f.start : f.end].lower() == "jane"
