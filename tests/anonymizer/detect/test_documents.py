"""Identity-document and wallet numbers known by their format: UK National Insurance numbers, Ethereum wallet
addresses, and a driving licence's whole number after the word "licence"."""

from __future__ import annotations

import pytest

from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import DocumentNumberRecognizer, DrivingLicenceRecognizer


def found(recognizer: DocumentNumberRecognizer | DrivingLicenceRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("National Insurance number JG 12 34 56 C", ["JG 12 34 56 C"]),
        ("ni: JG123456C", ["JG123456C"]),
        (
            "my wallet is 0x4f3a9c1e2b7d8e6f5a4c3b2a1908f7e6d5c4b3a2, pls check",
            ["0x4f3a9c1e2b7d8e6f5a4c3b2a1908f7e6d5c4b3a2"],
        ),
        ("QQ 12 34 56 C is the example", []),  # QQ is not an issued prefix
        ("GB123456A", []),  # nor GB
        ("jg123456c", []),  # typed in lower case: not the format
        ("the hash is 0x5a3f", []),
        ("0x4f3a…b3a2 is masked", []),
    ],
)
def test_document_numbers(text: str, expected: list[str]) -> None:
    assert found(DocumentNumberRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the licence number is SMITH701234AB9CD", ["SMITH701234AB9CD"]),
        ("my driving licence no. is D1234-56789-01234", ["D1234-56789-01234"]),
        ("driver's license: 123456789", ["123456789"]),
        ("my license key is ABCD-1234-EFGH", []),  # a software key, after "key"
        ("my licence expired in 2024", []),
        ("license plate ABC1234", []),
        ("licence 2024", []),  # too short, digits only
    ],
)
def test_driving_licences(text: str, expected: list[str]) -> None:
    assert found(DrivingLicenceRecognizer(), text) == expected


def test_the_whole_licence_number_is_covered(detector: Detector) -> None:
    text = "my driving licence no. is D1234-56789-01234"
    covered = {i for f in detector.detect(text) for i in range(f.start, f.end)}
    assert all(i in covered for i in range(text.index("D1234"), len(text)))
