"""The place-cue and MAC address gates: cheap, and never closed on a text their recognizer finds something in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer.predefined_recognizers import MacAddressRecognizer

from anonymizer.detect.gates import CHAT_GATES, PRESIDIO_GATES, TextFeatures
from anonymizer.detect.recognizers import PlaceCueRecognizer

PLACE_GATE = CHAT_GATES["ChatPlaceRecognizer"]()
MAC_GATE = PRESIDIO_GATES["MacAddressRecognizer"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm in Leeds now",
        "we are from kristastad, tx",
        "I AM OUT IN BOISE",
        "flight from Cluj to Lisbon",
        "Sumqay\u0131t is where I grew up",
        "we relocated to omaha",
        "do you deliver to Fresno?",
        "i'm currently in reno",
    ],
)
def test_the_place_gate_opens_where_a_place_cue_is(text: str) -> None:
    assert PlaceCueRecognizer().analyze(text, ["LOCATION"])
    assert PLACE_GATE(TextFeatures.of(text))


@pytest.mark.parametrize("text", ["my order is late", "can you reset my password?", "thanks, bye"])
def test_the_place_gate_stays_closed_without_a_cue(text: str) -> None:
    assert not PLACE_GATE(TextFeatures.of(text))


@pytest.mark.parametrize("text", ["mac 00:1A:2b:3C:4d:5E", "it's 00-1a-2b-3c-4d-5e", "cisco 001a.2b3c.4d5e ok"])
def test_the_mac_gate_opens_on_mac_addresses(text: str) -> None:
    assert MacAddressRecognizer().analyze(text, ["MAC_ADDRESS"])
    assert MAC_GATE(TextFeatures.of(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789abcdefABCDEF:-. x", min_size=10, max_size=40))
def test_the_mac_gate_is_never_closed_on_a_finding(text: str) -> None:
    if MacAddressRecognizer().analyze(text, ["MAC_ADDRESS"]):
        assert MAC_GATE(TextFeatures.of(text))


_WORDS = [
    *["I'm", "i am", "we're", "WE ARE", "in", "from", "out", "Boise", "leeds", "moved", "to", "the", "home"],
    *["town", "ok", "now", "still", "kristastad", ",", "tx", "where", "grew", "up", "is"],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8))
def test_the_place_gate_is_never_closed_on_a_finding(words: list[str]) -> None:
    text = " ".join(words)
    if PlaceCueRecognizer().analyze(text, ["LOCATION"]):
        assert PLACE_GATE(TextFeatures.of(text))
