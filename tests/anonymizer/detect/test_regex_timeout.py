"""A pattern that runs out of time fails the message closed: it is never analysed without that pattern."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from presidio_analyzer import Pattern

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.anonymize import UNANALYSED_PLACEHOLDER
from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import _base
from anonymizer.detect.recognizers._base import ChatPatternRecognizer
from anonymizer.errors import DetectionError


class Backtracking(ChatPatternRecognizer):
    """A pattern with catastrophic backtracking on a run of a's with no b after it."""

    ENTITY = "PASSWORD"
    NAME = "TestBacktracking"
    PATTERNS: ClassVar[list[Pattern]] = [Pattern("nested", r"(?:a|aa)+b", 0.9)]


def test_a_pattern_out_of_time_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_base, "REGEX_TIMEOUT_SECONDS", 0.05)
    recognizer = Backtracking()
    assert [r.start for r in recognizer.analyze("aab", ["PASSWORD"])] == [0]
    with pytest.raises(TimeoutError):
        recognizer.analyze("a" * 60 + "!", ["PASSWORD"])


def test_a_message_a_recognizer_cannot_finish_is_written_unanalysed(
    monkeypatch: pytest.MonkeyPatch, keys: KeyRing
) -> None:
    detector = Detector()
    recognizer = next(r for r, _ in detector._recognizers if getattr(r, "name", "") == "ChatPasswordRecognizer")
    original = recognizer.analyze

    def timing_out(text: str, *args: Any, **kwargs: Any) -> Any:
        if "slow" in text:
            raise TimeoutError("regex timed out")
        return original(text, *args, **kwargs)

    monkeypatch.setattr(recognizer, "analyze", timing_out)
    with pytest.raises(DetectionError):
        detector.detect_batch(["a slow message, my password is Hunter22"])
    anonymizer = Anonymizer(Policy.default(), keys, detector=detector)
    records = [
        {"conversation_id": "c", "message_id": "m1", "turn": 0, "speaker": "customer", "text": "all fine here"},
        {"conversation_id": "c", "message_id": "m2", "turn": 1, "speaker": "customer", "text": "slow: pw Hunter22"},
    ]
    rows = [r.row for r in anonymizer.anonymize_records(records)]
    assert rows[0]["text"] == "all fine here"
    assert rows[1]["text"] == UNANALYSED_PLACEHOLDER
