"""Shared fixtures: one detector for the whole session (loading spaCy takes a second), fixed test keys."""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anonymizer import KeyRing
from anonymizer.detect.engine import Detector
from anonymizer.policy import DetectionSettings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"

from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY  # noqa: E402


@pytest.fixture(scope="session")
def keys() -> KeyRing:
    return KeyRing.from_mapping(
        {"ANONYMIZER_HASH_KEY": TEST_HASH_KEY, "ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}, source="test"
    )


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(DetectionSettings())


@pytest.fixture()
def key_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {"ANONYMIZER_HASH_KEY": TEST_HASH_KEY, "ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ANONYMIZER_MASTER_KEY", raising=False)
    return env
