"""IP addresses Presidio's validator drops: zero-padded octets, and quads typed with commas or spaces after an
IP cue; and the dotted numbers that are not addresses."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import LooseIpRecognizer, chat_recognizers


def found(text: str) -> list[str]:
    recognizer = LooseIpRecognizer()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IP: 203.0.113.045", ["203.0.113.045"]),
        ("my ip is 192.168.001.010", ["192.168.001.010"]),
        ("ip 73,162,48,219", ["73,162,48,219"]),
        ("my ip address is 198 51 100 7", ["198 51 100 7"]),
    ],
)
def test_loose_ip_addresses_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "73.162.48.219",  # Presidio's own recognizer finds it
        "version 1.02.03.04",
        "v 01.2.3.4",
        "192.168.001.256",  # no such octet
        "1.2.3.4.05",  # five parts
        "scores 73,162,48,219",  # no IP cue
        "ip 73 162 48",
    ],
)
def test_dotted_numbers_that_are_not_loose_ips(text: str) -> None:
    assert found(text) == []


def test_loose_ip_recognizer_is_registered() -> None:
    assert any(isinstance(r, LooseIpRecognizer) for r in chat_recognizers())


def test_loose_ip_gate_lets_every_found_address_through() -> None:
    from anonymizer.detect.gates import CHAT_GATES, TextFeatures

    gate = CHAT_GATES["ChatLooseIpRecognizer"]()
    for text in ("IP: 203.0.113.045", "ip 73,162,48,219", "my ip address is 198 51 100 7"):
        assert found(text)
        assert gate(TextFeatures.of(text))
