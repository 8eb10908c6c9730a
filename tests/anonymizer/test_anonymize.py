"""The orchestrator end to end on the real detector: text, records, frames; fail-closed behaviour."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymizer import Anonymizer, DetectionError, KeyRing, MissingKeyError, Policy
from anonymizer.anonymize import UNANALYSED, UNANALYSED_PLACEHOLDER
from anonymizer.detect.engine import Detector
from anonymizer.detect.findings import Finding

POLICY = Policy.from_yaml(
    """
version: 1
fields:
  user_email: {operator: hash}
  user_name: {operator: encrypt}
  user_phone: {operator: mask, keep_last: 4}
entities:
  EMAIL_ADDRESS: {operator: hash}
  PHONE_NUMBER: {operator: mask, keep_last: 4}
  CREDIT_CARD: {operator: redact}
  DEFAULT: {operator: replace}
"""
)


@pytest.fixture(scope="module")
def anon(keys: KeyRing, detector: Detector) -> Anonymizer:
    return Anonymizer(POLICY, keys, detector=detector)


def record(**extra: Any) -> dict[str, Any]:
    base = {
        "conversation_id": "c1",
        "message_id": "m1",
        "turn": 0,
        "speaker": "customer",
        "timestamp": "2026-03-01T10:00:00Z",
        "text": "hello",
    }
    return {**base, **extra}


def test_text_pii_is_transformed_by_entity(anon: Anonymizer) -> None:
    text = "I'm John Smith, mail John.Smith@example.com or call (415) 555-0123, card 4111 1111 1111 1111"
    out = anon.anonymize_text(text)
    for raw in ["John", "Smith@example", "555-0123", "4111"]:
        assert raw not in out
    assert "<PERSON>" in out
    assert "<EMAIL_ADDRESS:" in out
    assert "***-0123" in out


def test_same_email_gets_the_same_token_in_text_and_field(anon: Anonymizer) -> None:
    row = anon.anonymize_record(record(text="mail me at jane.doe@example.com", user_email="Jane.Doe@Example.com"))
    assert f"<EMAIL_ADDRESS:{row['user_email']}>" in row["text"]
    assert row["pii_count"] == 1 and row["pii_types"] == ["EMAIL_ADDRESS"]


def test_record_fields_follow_the_policy_and_unlisted_fields_are_not_written(anon: Anonymizer, keys: KeyRing) -> None:
    row = anon.anonymize_record(
        record(user_name="Jane Doe", user_phone="415 555 0123", ip_address="10.0.0.1", user_email=None)
    )
    assert keys.decrypt(row["user_name"]) == "Jane Doe"
    assert row["user_phone"] == "*** *** 0123"
    assert row["user_email"] is None
    assert "ip_address" not in row
    assert row["conversation_id"] == "c1" and row["speaker"] == "customer"


def test_frame_in_frame_out(anon: Anonymizer) -> None:
    frame = pl.DataFrame([record(text="call 415-555-0123"), record(message_id="m2", text="thanks")])
    out = anon.anonymize_frame(frame)
    assert out.columns[:6] == ["conversation_id", "message_id", "turn", "speaker", "timestamp", "text"]
    assert out["pii_count"].to_list() == [1, 0]
    assert "555-0123" not in out["text"][0]
    assert out.schema["timestamp"] == pl.Datetime("us", "UTC")


def test_when_policy_needs_a_missing_key_then_construction_refuses(detector: Detector) -> None:
    with pytest.raises(MissingKeyError, match="ANONYMIZER_HASH_KEY"):
        Anonymizer(POLICY, KeyRing(), detector=detector)


class BrokenDetector:
    """Fails on any text containing 'boom', like a detector timing out on one message."""

    def detect_batch(self, texts: list[str]) -> list[list[Finding]]:
        if any("boom" in t for t in texts):
            raise DetectionError("failed")
        return [[] for _ in texts]


def test_when_detection_fails_then_only_that_record_is_fully_redacted(keys: KeyRing) -> None:
    anon = Anonymizer(POLICY, keys, detector=BrokenDetector())  # type: ignore[arg-type]
    results = anon.anonymize_records([record(text="fine"), record(message_id="m2", text="boom John Smith")])
    assert results[0].row["text"] == "fine" and results[0].analysed
    assert results[1].row["text"] == UNANALYSED_PLACEHOLDER
    assert results[1].row["pii_types"] == [UNANALYSED] and not results[1].analysed


def test_kept_entity_does_not_shield_an_overlapping_transformed_one(keys: KeyRing, detector: Detector) -> None:
    policy = Policy.from_yaml("version: 1\nentities:\n  PERSON: {operator: keep}\n  DEFAULT: {operator: replace}")
    anon = Anonymizer(policy, keys, detector=detector)
    assert anon.anonymize_text("I am John Smith") == "I am John Smith"
    out = anon.anonymize_text("write to john.smith@example.com")
    assert "john.smith@example.com" not in out


EMAILS = st.from_regex(r"[a-z]{2,8}\.[a-z]{2,8}@(example|mail|corp)\.(com|org|net)", fullmatch=True)
PHONES = st.from_regex(r"\(4[0-9]{2}\) 5[0-9]{2}-[0-9]{4}", fullmatch=True)
CARDS = st.sampled_from(["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 000000 00009"])
FILLER = st.sampled_from(
    ["hi there", "my email is", "you can reach me on", "thanks!", "ok", "lol", "pls help", "card is", "\n"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(FILLER, EMAILS, PHONES, CARDS), min_size=1, max_size=6))
def test_property_no_detected_pii_value_survives_in_the_output(anon: Anonymizer, parts: list[str]) -> None:
    text = " ".join(parts)
    findings = anon.detect(text)
    out = anon.anonymize_text(text)
    for finding in findings:
        value = text[finding.start : finding.end]
        assert 0 <= finding.start < finding.end <= len(text)
        if len(value.strip()) >= 4 and anon._entity_op(finding.entity_type).operator_name != "keep":
            assert value not in out
