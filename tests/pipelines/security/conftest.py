"""Fixtures for the security operations: a small anonymized dataset with encrypted fields and text tokens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.detect.engine import Detector
from pipelines import runner
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY

POLICY_YAML = """
version: 1
text_fields: [text]
fields:
  user_email: {operator: hash, entity_type: EMAIL_ADDRESS}
  user_name:  {operator: encrypt}
  user_phone: {operator: mask, keep_last: 4}
entities:
  EMAIL_ADDRESS: {operator: encrypt}
  PHONE_NUMBER:  {operator: mask, keep_last: 4}
  DEFAULT:       {operator: replace}
"""

MESSAGES = [
    {"conversation_id": "c1", "message_id": "c1-0", "turn": 0, "speaker": "customer",
     "timestamp": "2026-03-01T10:00:00Z", "text": "Please write to jane.doe@example.com about my order",
     "user_email": "jane.doe@example.com", "user_name": "Jane Doe", "user_phone": "+1 415 555 0123"},
    {"conversation_id": "c1", "message_id": "c1-1", "turn": 1, "speaker": "agent",
     "timestamp": "2026-03-01T10:00:05Z", "text": "Thanks, we will reply to that address today.",
     "user_email": None, "user_name": None, "user_phone": None},
    {"conversation_id": "c2", "message_id": "c2-0", "turn": 0, "speaker": "customer",
     "timestamp": "2026-03-02T09:00:00Z", "text": "You can also use bob.smith@example.org or call (415) 555-0199",
     "user_email": "bob.smith@example.org", "user_name": "Bob Smith", "user_phone": "(415) 555-0199"},
]


def ring(*fernet_keys: str, hash_key: str = TEST_HASH_KEY) -> KeyRing:
    return KeyRing.from_mapping(
        {"ANONYMIZER_HASH_KEY": hash_key, "ANONYMIZER_ENCRYPTION_KEYS": ",".join(fernet_keys)}, "test"
    )


OLD = ring(TEST_FERNET_KEY)
NEW_AND_OLD = ring(OTHER_FERNET_KEY, TEST_FERNET_KEY)
NEW_ONLY = ring(OTHER_FERNET_KEY)


@pytest.fixture(scope="session")
def security_policy() -> Policy:
    return Policy.from_yaml(POLICY_YAML)


@pytest.fixture(scope="session")
def dataset_template(tmp_path_factory: pytest.TempPathFactory, detector: Detector, security_policy: Policy) -> Path:
    """An output dataset written with the OLD key, partitioned like the scheduled job's (date=.../)."""
    import json

    base = tmp_path_factory.mktemp("dataset-src")
    anonymizer = Anonymizer(security_policy, OLD, detector=detector)
    for day, rows in (("2026-03-01", MESSAGES[:2]), ("2026-03-02", MESSAGES[2:])):
        src = base / f"in-{day}.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{not json\n", encoding="utf-8")
        report = runner.run([src], base / "out" / f"date={day}", anonymizer)
        assert report.ok
    return base / "out"


@pytest.fixture()
def dataset(tmp_path: Path, dataset_template: Path) -> Path:
    """A fresh copy per test (rotation rewrites files in place)."""
    target = tmp_path / "dataset"
    shutil.copytree(dataset_template, target)
    return target


@pytest.fixture()
def security_anonymizer(detector: Detector, security_policy: Policy) -> Anonymizer:
    return Anonymizer(security_policy, NEW_AND_OLD, detector=detector, require_keys=False)
