"""Log scrubbing: PII patterns and loaded keys never reach a handler, whatever logger or exception carries them."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from anonymizer import KeyRing, logsafe
from anonymizer.detect.engine import Detector
from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY

CANARY_EMAIL = "canary.person@leakcheck-example.com"
CANARY_PHONE = "(212) 555-0187"
CANARY_CARD = "4539 1488 0343 6467"
CANARY_IP = "203.0.113.77"


@pytest.fixture()
def captured() -> Iterator[io.StringIO]:
    """A stream handler on the root logger with a plain formatter, like a notebook's basicConfig."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logsafe.install_log_scrubbing([handler])
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        (f"mail {CANARY_EMAIL} now", "<EMAIL_ADDRESS>"),
        (f"call {CANARY_PHONE}", "<PHONE_NUMBER>"),
        ("or +1 415 555 0123 or 415.555.0123", "<PHONE_NUMBER>"),
        (f"card {CANARY_CARD}", "<CARD_NUMBER>"),
        (f"from {CANARY_IP}", "<IP_ADDRESS>"),
        ("from 2001:db8::1", "<IP_ADDRESS>"),
    ],
)
def test_scrub_replaces_pii_shaped_text(text: str, placeholder: str) -> None:
    assert placeholder in logsafe.scrub(text)


@pytest.mark.parametrize(
    "text",
    ["at 2026-03-01 10:00:05 wrote 12345 rows in 3.14159265 s", "message conv-000001-003", "version 3.8.18",
     "key id 3f9a0b1c2d3e"],
)
def test_scrub_leaves_dates_counts_ids_and_versions(text: str) -> None:
    assert logsafe.scrub(text) == text


def test_formatted_args_of_any_logger_are_scrubbed(captured: io.StringIO) -> None:
    logging.getLogger("some.third.party").warning("user %s called from %s", CANARY_EMAIL, CANARY_IP)
    logging.getLogger("chat_anonymizer").info("phone=%(p)s", {"p": CANARY_PHONE})
    out = captured.getvalue()
    assert CANARY_EMAIL not in out and CANARY_IP not in out and "555-0187" not in out
    assert "<EMAIL_ADDRESS>" in out and "<PHONE_NUMBER>" in out


def test_exception_text_and_traceback_are_scrubbed(captured: io.StringIO) -> None:
    try:
        raise ValueError(f"bad card {CANARY_CARD} for {CANARY_EMAIL}")
    except ValueError:
        logging.getLogger("x").exception("failed")
    out = captured.getvalue()
    assert "Traceback" in out and "ValueError" in out
    assert "4539" not in out and CANARY_EMAIL not in out


def test_extra_attributes_are_scrubbed() -> None:
    record = logging.getLogger("x").makeRecord("x", logging.INFO, __file__, 1, "m", None, None,
                                               extra={"user": CANARY_EMAIL})
    logsafe.ScrubbingFilter().filter(record)
    assert record.user == "<EMAIL_ADDRESS>"  # type: ignore[attr-defined]


def test_loaded_keys_are_scrubbed_from_every_record(captured: io.StringIO) -> None:
    KeyRing.from_mapping({"ANONYMIZER_HASH_KEY": TEST_HASH_KEY, "ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}, "t")
    logging.getLogger("careless").error("env dump: %s", {"k": TEST_HASH_KEY, "f": TEST_FERNET_KEY})
    out = captured.getvalue()
    assert TEST_HASH_KEY not in out and TEST_FERNET_KEY not in out
    assert out.count(logsafe.SECRET_PLACEHOLDER) == 2


def test_a_handler_added_later_still_gets_scrubbed_records() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # no filter: the record factory scrubbed the record already
    logger = logging.getLogger("late.handler")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("to %s", CANARY_EMAIL)
    finally:
        logger.removeHandler(handler)
    assert CANARY_EMAIL not in stream.getvalue()


def test_presidio_decision_process_never_logs_text(detector: Detector, capfd: pytest.CaptureFixture[str]) -> None:
    from presidio_analyzer import AnalyzerEngine

    logsafe.install_log_scrubbing()
    # Even a later attempt to switch it back on stays silent.
    logging.getLogger("decision_process").setLevel(logging.DEBUG)
    engine = AnalyzerEngine(
        nlp_engine=detector._nlp_engine, supported_languages=["en"], log_decision_process=True
    )
    engine.analyze(text="Zebulon Quaxworth lives at 12 Quaxworth Lane", language="en")
    out, err = capfd.readouterr()
    assert "Quaxworth" not in out + err
