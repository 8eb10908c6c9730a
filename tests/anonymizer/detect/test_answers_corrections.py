"""Answers to secret and last-digit questions: corrections, codes in halves, codes read in groups, remarks after a
comma, dated years, platform handles; and the replies that stay unanswered."""

from __future__ import annotations

import pytest

from anonymizer.detect.conversation import Turn, answer_findings, asked_types, link_conversation
from anonymizer.policy import DetectionSettings

SETTINGS = DetectionSettings()


def link(lines: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    turns = [Turn(text=text, conversation_id="c1", speaker=speaker, field="text") for speaker, text in lines]
    linked = link_conversation(turns, [[] for _ in turns], SETTINGS)
    return [sorted((t.text[f.start : f.end], f.entity_type) for f in fs) for t, fs in zip(turns, linked, strict=True)]


def answers(question: str, answer: str) -> list[tuple[str, str]]:
    return [(answer[f.start : f.end], f.entity_type) for f in answer_findings(answer, asked_types(question))]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("3309", "wait no, 3390", ("3390", "PASSWORD")),
        ("4471", "no wait, 4417", ("4417", "PASSWORD")),
        ("jdoe_88", "actually it's jdoe88", ("jdoe88", "USERNAME")),
    ],
)
def test_a_corrected_answer_is_read_again(first: str, second: str, expected: tuple[str, str]) -> None:
    question = "What's your PIN?" if first[0].isdigit() else "What's your username?"
    result = link([("agent", question), ("customer", first), ("customer", second)])
    assert result[2] == [expected]


def test_corrected_last_four() -> None:
    result = link([("agent", "What's the last 4 of the card?"), ("customer", "5521"), ("customer", "sorry typo, 5512")])
    assert result[1:] == [[("5521", "PARTIAL_ID")], [("5512", "PARTIAL_ID")]]


@pytest.mark.parametrize(
    "second",
    ["ok thanks", "oh no", "wait what", "sorry also can you check my balance", "oh and my order number is 12345"],
)
def test_a_turn_after_an_answer_is_not_a_correction_unless_it_gives_the_value_again(second: str) -> None:
    result = link([("agent", "What's your PIN?"), ("customer", "4471"), ("customer", second)])
    assert result[1] == [("4471", "PASSWORD")]
    assert ("PASSWORD" not in {t for _, t in result[2]}) and ("PARTIAL_ID" not in {t for _, t in result[2]})


def test_the_agent_moving_on_ends_the_chance_to_correct() -> None:
    result = link(
        [
            ("agent", "What's your PIN?"),
            ("customer", "4471"),
            ("agent", "Thanks, that matches."),
            ("customer", "no, 4417 is my old card"),
        ]
    )
    assert result[3] == []


def test_a_code_sent_in_two_turns() -> None:
    result = link(
        [
            ("agent", "I can see the codes are bounced by your carrier. I'll send one by voice call instead."),
            ("customer", "ok got a call, the code is 58"),
            ("customer", "2914 sorry hit enter too early"),
        ]
    )
    assert result[1:] == [[("58", "PASSWORD")], [("2914", "PASSWORD")]]


def test_a_short_answer_waits_only_for_digits() -> None:
    result = link([("agent", "What's your PIN?"), ("customer", "44"), ("customer", "thanks")])
    assert result[2] == []


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("Please enter the one-time passcode we sent.", "88 31 09", [("88 31 09", "PASSWORD")]),
        ("Please provide the OTP sent to your email.", "sorry, 5512 77", [("5512 77", "PASSWORD")]),
        ("What's the lockbox code for the key?", "it's 2290, box is on the left of the door", [("2290", "PASSWORD")]),
        ("What's the CVV?", "412", [("412", "PASSWORD")]),
        (
            'Please answer the security question: "name of your first character?" And when did you buy the game?',
            "Thornbeard. bought it xmas 2021 on Steam",
            [("Thornbeard", "PASSWORD")],
        ),
        ("To confirm it's you, what's the answer to \"favourite band\"?", "the smiths", [("smiths", "PASSWORD")]),
        ("What's your discord?", "nightowl#4421", [("nightowl#4421", "USERNAME")]),
        ("What's your Instagram?", "@maya.draws", [("@maya.draws", "USERNAME")]),
        ("What name do you log in with?", "mpetrov92", [("mpetrov92", "USERNAME")]),
        ("What's the PIN?", "1234 \u2014 or maybe 4321", [("1234", "PASSWORD"), ("4321", "PASSWORD")]),
    ],
)
def test_answers(question: str, answer: str, expected: list[tuple[str, str]]) -> None:
    assert answers(question, answer) == expected


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("What's your PIN?", "$40"),
        ("What's your PIN?", "I don't know, it's been years"),
        ("What's your PIN?", "checking, hold on"),
        ("What's your PIN?", "ok, got it, thanks"),
        ("Can you confirm the last 4 of the card?", "sure, let me grab my wallet"),
        ("For your security, please change that password once you're back in.", "that's it, thank you james"),
        ("What's your Instagram account email?", "none"),
        ("What's your PIN?", "since 2019"),
    ],
)
def test_non_answers(question: str, answer: str) -> None:
    assert answers(question, answer) == []


def test_platform_names_ask_for_a_handle_only_after_your() -> None:
    assert "USERNAME" in asked_types("What's your twitter handle?")
    assert "USERNAME" in asked_types("What's your discord?")
    assert "USERNAME" not in asked_types("Did you see it on Instagram?")
    assert "USERNAME" not in asked_types("What's your Instagram account email?")


def test_last_four_is_not_read_inside_a_word() -> None:
    assert answers("What are the last 4 of the card?", "set it to Forge_2021 is that ok") == []


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("What's your PIN?", "four four seven one", [("four four seven one", "PASSWORD")]),
        ("Can you confirm the last 4 of your SSN?", "four three two one", [("four three two one", "PARTIAL_ID")]),
        ("What was the name of your first pet?", "a cat called Mittens", [("Mittens", "PASSWORD")]),
        ("What was the name of your first pet?", "Mittens, a tabby", [("Mittens", "PASSWORD")]),
        ("What was the name of your first pet?", "Rex, he was a lab", [("Rex", "PASSWORD")]),
    ],
)
def test_spoken_and_described_answers(question: str, answer: str, expected: list[tuple[str, str]]) -> None:
    assert answers(question, answer) == expected


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("What's your mother's maiden name?", "Checking, it's loading"),
        ("What was the name of your first pet?", "Sorry, the chat froze"),
        ("What's your PIN?", "one or two things first"),
        ("Can you confirm the last 4 of the card?", "Hang on, the card is in my car"),
        ("What was the name of your first pet?", "Hmm, that's a tough one"),
        ("What's the verification code?", "the code expired"),
    ],
)
def test_remarks_are_not_security_answers(question: str, answer: str) -> None:
    assert answers(question, answer) == []
