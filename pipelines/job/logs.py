"""Job logging: human text by default, JSON lines for log shippers; every line carries the run id.

Messages come only from this project's code, which logs names, counts and ids, never record values; the
JSON formatter adds no exception text either (a library's exception message may quote the data it choked
on), only the exception's type.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any, Final, Literal

LOGGER_NAME: Final = "chat_anonymizer"
log = logging.getLogger(f"{LOGGER_NAME}.job")

# Set by run_job for the duration of a run, so every logger of the project tags its lines with it.
RUN_ID: ContextVar[str | None] = ContextVar("chat_anonymizer_run_id", default=None)

LogFormat = Literal["text", "json"]
_HANDLER_NAME: Final = "chat_anonymizer.job"


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, run_id, plus the record's `job` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "run_id": RUN_ID.get(),
        }
        fields = getattr(record, "job", None)
        if isinstance(fields, dict):
            entry.update({k: v for k, v in fields.items() if k not in entry})
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`2026-03-01T02:00:00Z INFO run 20260301T020000Z-ab12cd: message` for people and journald."""

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        run_id = RUN_ID.get()
        prefix = f"run {run_id}: " if run_id else ""
        return f"{ts} {record.levelname} {prefix}{record.getMessage()}"


def configure_logging(fmt: LogFormat = "text", *, level: int = logging.INFO, stream: IO[str] | None = None) -> None:
    """Send the project's logs (and Python warnings) to `stream` (stderr) in `fmt`; idempotent."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonLinesFormatter() if fmt == "json" else TextFormatter())
    logging.captureWarnings(True)
    for name in (LOGGER_NAME, "py.warnings"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(level)
        # Not also through the root logger: a shipper must see each event once, in one format.
        logger.propagate = False
