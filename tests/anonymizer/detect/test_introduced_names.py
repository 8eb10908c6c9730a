"""Names that introduce their speaker ("James from the Brightline team", "Dana here", "Tom speaking") and
names after a greeting with an emoji in between; with the phrases that look like them left alone."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import ContextNameRecognizer, IntroducedNameRecognizer


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
