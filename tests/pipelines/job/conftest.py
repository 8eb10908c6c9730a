"""Fixtures for the job tests: an Anonymizer on the session detector, and small JSONL exports made on the fly."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.detect.engine import Detector


@pytest.fixture()
def anon(keys: KeyRing, detector: Detector) -> Anonymizer:
    """The built-in policy with the test keys; the detector is shared, so in-process runs cost no model load."""
    return Anonymizer(Policy.default(), keys, detector=detector)


@pytest.fixture()
def dirs(tmp_path: Path) -> dict[str, Path]:
    paths = {name: tmp_path / name for name in ("exports", "out", "state")}
    paths["exports"].mkdir()
    return paths


@pytest.fixture(autouse=True)
def job_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Job logs at INFO reach caplog, and whatever a CLI test configured (handlers on a captured stream, no
    propagation, warnings into logging) is undone afterwards, so later tests see logging as they expect."""
    loggers = [logging.getLogger(name) for name in ("chat_anonymizer", "py.warnings")]
    saved = [(lg.propagate, lg.level, list(lg.handlers)) for lg in loggers]
    loggers[0].propagate = True
    loggers[0].handlers = []
    caplog.set_level(logging.INFO, logger="chat_anonymizer")
    yield caplog
    logging.captureWarnings(False)
    for lg, (propagate, level, handlers) in zip(loggers, saved, strict=True):
        lg.propagate, lg.level, lg.handlers = propagate, level, handlers
