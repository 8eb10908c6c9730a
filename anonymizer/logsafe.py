"""Log scrubbing: no log record leaves the process with an e-mail, a phone or card number, an IP address or a key.

The library's own messages never contain values; this is the second line of defence for everything else:
third-party loggers, exception messages raised deep inside a dependency, a notebook user's own
`log.info(record)`. It works at two levels:

- `ScrubbingFilter`, a `logging.Filter` that rewrites a record in place (message with its args, exception
  text and traceback, stack info, string `extra=` attributes). The CLI puts it on its handlers.
- `install_log_scrubbing()` puts that filter on every handler configured so far and wraps the log-record
  factory, so records created later by any logger, for any handler added later, are scrubbed too. Importing
  `anonymizer` calls it once; it is idempotent. Notebook users who configure logging after the import can
  call it again.

Known secrets (every key a `KeyRing` loads registers itself) are replaced by `<SECRET>`; PII-shaped text
by a typed placeholder. Presidio's decision-process logger, which logs the analysed text itself, is
switched off for good by `silence_decision_process()`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

SECRET_PLACEHOLDER = "<SECRET>"  # noqa: S105 - the placeholder, not a secret
DECISION_PROCESS_LOGGER = "decision_process"
_MIN_SECRET_CHARS = 8  # shorter strings would scrub ordinary words; real keys are 32+ characters

_EMAIL = re.compile(
    r"""
    [A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+     # local part
    @
    (?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}     # domain with a TLD
    """,
    re.VERBOSE,
)
_IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])")
_IPV6 = re.compile(
    r"""
    (?<![0-9A-Fa-f:])
    (?:
        (?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}            # full form
      | (?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6} # compressed with :: in the middle
      | (?:[0-9A-Fa-f]{1,4}:){1,7}:                          # trailing ::
      | ::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}         # leading ::
    )
    (?![0-9A-Fa-f:])
    """,
    re.VERBOSE,
)
# Phone and card numbers: a run of at least 7 digits, optionally grouped by spaces, dashes, dots or
# parentheses, optionally after a `+`. Grouped dates and times are let through by `_replace_number`.
_NUMBER = re.compile(
    r"""
    (?<![\w.-])          # not the tail of a word, a decimal or a dashed id such as conv-000001-003
    \+?\(?\d             # optional +, optional (, first digit
    (?:[\s().-]{0,2}\d){6,22}
    (?![\w:])           # not the head of a clock time ("2026-03-01 10:00")
    """,
    re.VERBOSE,
)
# Shapes the number pattern also matches that are not phone or card numbers: ISO dates, decimals.
_NOT_A_NUMBER = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d+\.\d+$")

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()


def register_secrets(values: Iterable[str]) -> None:
    """Remember secret values so that every log record is scrubbed of them (KeyRing calls this)."""
    global _secrets
    new = {v for v in values if v and len(v) >= _MIN_SECRET_CHARS}
    if not new - set(_secrets):
        return
    with _lock:
        # Longest first, so a key that contains another registered value is replaced whole.
        _secrets = tuple(sorted(set(_secrets) | new, key=len, reverse=True))


def known_secret_count() -> int:
    """How many secret values are registered (a count; the values themselves are never exposed)."""
    return len(_secrets)


def _replace_number(match: re.Match[str]) -> str:
    text = match.group(0)
    if _NOT_A_NUMBER.match(text.strip()):
        return text
    digits = sum(c.isdigit() for c in text)
    return "<CARD_NUMBER>" if digits >= 13 and not any(c in "()+" for c in text) else "<PHONE_NUMBER>"


def scrub(text: str) -> str:
    """`text` with registered secrets and PII-shaped substrings replaced by placeholders."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, SECRET_PLACEHOLDER)
    text = _EMAIL.sub("<EMAIL_ADDRESS>", text)
    text = _IPV4.sub("<IP_ADDRESS>", text)
    text = _IPV6.sub("<IP_ADDRESS>", text)
    return _NUMBER.sub(_replace_number, text)


def pii_pattern_types(text: str) -> set[str]:
    """Entity types of the PII-shaped substrings `scrub` would replace (secrets not included)."""
    found: set[str] = set()
    if _EMAIL.search(text):
        found.add("EMAIL_ADDRESS")
    if _IPV4.search(text) or _IPV6.search(text):
        found.add("IP_ADDRESS")
    for match in _NUMBER.finditer(text):
        replacement = _replace_number(match)
        if replacement != match.group(0):
            found.add(replacement.strip("<>"))
    return found


_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "_scrubbed"}


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Rewrite `record` in place so that no formatter or handler can see the unscrubbed text."""
    for name, value in list(record.__dict__.items()):
        if name not in _STANDARD_ATTRIBUTES and isinstance(value, str):
            setattr(record, name, scrub(value))
    # `extra=` attributes are attached after the record factory ran, so they are scrubbed above every
    # time; the message and traceback only once.
    if getattr(record, "_scrubbed", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what can be shown without the arguments
        message = f"{record.msg!s} (unformattable log arguments)"
    record.msg = scrub(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        # Formatters append `exc_text` when set and only format `exc_info` when it is not; dropping
        # exc_info keeps a handler with its own formatter from printing the raw traceback.
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    if record.exc_text:
        record.exc_text = scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    record._scrubbed = True
    return record


class ScrubbingFilter(logging.Filter):
    """A logging filter that scrubs every record it sees and never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


class _DropAll(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


def silence_decision_process() -> None:
    """Switch off Presidio's `decision_process` logger for good.

    With `log_decision_process=True` Presidio logs its NLP artifacts (every token of the analysed text)
    to a handler of its own; no scrubbing can make raw names safe, so the logger is disabled and given a
    filter that drops every record before any handler sees it, which survives a later `setLevel`, a
    re-enabling `disabled = False` or a new handler.
    """
    logger = logging.getLogger(DECISION_PROCESS_LOGGER)
    logger.disabled = True
    logger.propagate = False
    # On the logger, not its handlers: handlers can be shared (test runners attach theirs to every
    # non-propagating logger), and a drop-all filter on a shared handler would silence everything.
    if not any(isinstance(f, _DropAll) for f in logger.filters):
        logger.addFilter(_DropAll())


_factory_installed = False
_filter = ScrubbingFilter()


def _all_handlers() -> list[logging.Handler]:
    handlers = list(logging.getLogger().handlers)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            handlers.extend(logger.handlers)
    return handlers


def install_log_scrubbing(handlers: Iterable[logging.Handler] | None = None) -> ScrubbingFilter:
    """Scrub every log record from now on (idempotent); returns the filter.

    Adds the filter to `handlers` (default: every handler configured so far), wraps the log-record
    factory so records created by any logger are scrubbed at birth, and silences Presidio's
    decision-process logger.
    """
    global _factory_installed
    for handler in handlers if handlers is not None else _all_handlers():
        if not any(isinstance(f, ScrubbingFilter) for f in handler.filters):
            handler.addFilter(_filter)
    with _lock:
        if not _factory_installed:
            previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                return scrub_record(previous(*args, **kwargs))

            logging.setLogRecordFactory(factory)
            _factory_installed = True
    silence_decision_process()
    return _filter


__all__ = [
    "SECRET_PLACEHOLDER",
    "ScrubbingFilter",
    "install_log_scrubbing",
    "known_secret_count",
    "pii_pattern_types",
    "register_secrets",
    "scrub",
    "scrub_record",
    "silence_decision_process",
]
