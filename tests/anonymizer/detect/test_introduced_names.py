"""Names that introduce their speaker ("James from the Brightline team", "Dana here", "Tom speaking"), names
after a greeting with an emoji in between, handles given as introductions; with their look-alikes left alone."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import ContextNameRecognizer, IntroducedNameRecognizer, UsernameRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hey Jennifer 👋 James from the Brightline Home team here to help", ["James"]),
        ("Dana here, how can I help?", ["Dana"]),
        ("hi! marcus from acme support", ["marcus"]),
        ("Tom speaking, how can I help", ["Tom"]),
        ("Good morning — Aisha Khan with the returns department.", ["Aisha Khan"]),
        ("Hello, Oluwaseun at Northwind care, what can I do for you?", ["Oluwaseun"]),
        ("😊 Beatriz from the help desk again", ["Beatriz"]),
    ],
)
def test_names_that_introduce_the_speaker(text: str, expected: list[str]) -> None:
    assert found(IntroducedNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Click here to reset",
        "Thanks from the team",
        "Greetings from the Acme team",
        "Support from the Acme team",
        "Is anyone here?",
        "ok here is the link",
        "I got a reply from the team",
        "Everyone here loves it",
        "The agent from the billing team called",
    ],
)
def test_phrases_without_a_speaker_name(text: str) -> None:
    assert found(IntroducedNameRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi 👋 Jennifer, welcome back", ["Jennifer"]),
        ("Hey👋jennifer", ["jennifer"]),
        ("hello 🙂🙂 Marcus!", ["Marcus"]),
        ("Hi 👋 welcome to support", []),
    ],
)
def test_a_greeting_reaches_over_emoji_to_the_name(text: str, expected: list[str]) -> None:
    assert found(ContextNameRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm brittany1968 on there", ["brittany1968"]),
        ("my handle on the app is bluefox_7", ["bluefox_7"]),
        ("find me as @kat.r", ["@kat.r"]),
        ("it's under the name jsmith_99", ["jsmith_99"]),
        ("I go by m.jones88 online", ["m.jones88"]),
        ("my username for the portal is jdoe42", ["jdoe42"]),
        ("I go by mike", []),
        ("i'm 25 on monday", []),
        ("I'm in on it", []),
        ("it's v2.1 on the app", []),
        ("the handle on the box is broken", []),
    ],
)
def test_handles_given_as_introductions(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected
