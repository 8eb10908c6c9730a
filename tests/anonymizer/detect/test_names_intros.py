"""Names from outside Faker's lists: agents introducing themselves, unusual words after a weak cue, JSON and
form fields; and the companies that stand where a name would."""

from __future__ import annotations

import pytest

from anonymizer.detect.engine import Detector


def people(detector: Detector, text: str) -> list[str]:
    return sorted(text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, I'm Priyanka from Wanderwise Travel Insurance. I hope you're feeling better!", ["Priyanka"]),
        ("Hello, I am Rohit. I can add the number to your family plan.", ["Rohit"]),
        ("Hi! Kenji from Burrito Bros delivery. What's the address on the order?", ["Kenji"]),
        ("ok thanks Seun", ["Seun"]),
        ('{"first_name": "Olumide", "last_name": "Bankole", "dob": "1991-08-30"}', ["Bankole", "Olumide"]),
        ("{'name': 'Priya Raman', 'email': 'x'}", ["Priya Raman"]),
        ("Name: Xochitl Ramirez", ["Xochitl Ramirez"]),  # no list knows "Xochitl", and English never uses it
    ],
)
def test_names_from_cues_and_fields(detector: Detector, text: str, expected: list[str]) -> None:
    assert people(detector, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for chatting with Northwind Mobile! Was this conversation helpful?",
        "Hi Brittney! Welcome back to Northwind Mobile.",
        "Hi! Support from Acme here",
        "I'm Bored",
        "Orders from Amazon arrive on Tuesdays",
        '"user_name": "jdoe88"',
        "interface Animal {\n    name: string;\n    speak(): string;\n}",  # code: a type, not a name
        "def greet(name: str) -> str:",
        "metadata:\n  name: my-app",  # an identifier of everyday words
        "steps:\n  - name: Install dependencies\n    run: npm ci",  # an English word no name list knows
    ],
)
def test_companies_and_words_after_cues_are_not_names(detector: Detector, text: str) -> None:
    assert [p for p in people(detector, text) if p != "Brittney"] == []
