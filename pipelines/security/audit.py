"""The reveal audit log: one JSON line per reveal attempt, append-only, fsynced, hash-chained.

Each record says who (OS user and the `--operator` they named), when, which file and columns, how many
rows and values, which key ids, and the outcome; never a value. Records are appended with `O_APPEND`
under an exclusive lock and fsynced before the revealed file is moved into place, so no reveal happens
without its record. Each record carries the SHA-256 of the line before it (`prev_sha256`), so editing or
deleting a past line is detectable with `check_audit_chain`.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import socket
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: O_APPEND alone, no cross-process lock
    fcntl = None  # type: ignore[assignment]

AUDIT_LOG_ENV = "ANONYMIZER_AUDIT_LOG"
GENESIS = "0" * 64


def default_audit_log() -> Path:
    """$ANONYMIZER_AUDIT_LOG, else $XDG_STATE_HOME/chat-anonymizer/audit.jsonl, else
    ~/.local/state/chat-anonymizer/audit.jsonl."""
    explicit = os.environ.get(AUDIT_LOG_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state) if state else Path.home() / ".local" / "state"
    return base / "chat-anonymizer" / "audit.jsonl"


def current_user() -> str:
    """The OS account running the process (what the audit trail can vouch for)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): fall back to the numeric id
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


@contextlib.contextmanager
def _locked_append(path: Path) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # also releases the lock


def _last_line(fd: int) -> bytes | None:
    size = os.lseek(fd, 0, os.SEEK_END)
    if size == 0:
        return None
    chunk = 4096
    end = size
    data = b""
    while end > 0:
        start = max(0, end - chunk)
        data = os.pread(fd, end - start, start) + data
        end = start
        stripped = data.rstrip(b"\n")
        if b"\n" in stripped or end == 0:
            return stripped.rsplit(b"\n", 1)[-1]
    return None


class AuditLog:
    """An append-only JSONL audit log at `path` (created mode 600, its folder 700)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_audit_log()

    def __repr__(self) -> str:
        return f"AuditLog({str(self.path)!r})"

    def append(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """Append one record (adding time, user, host and the chain hash); returns what was written.

        Raises OSError when the record cannot be made durable; callers treat that as "do not reveal".
        """
        with _locked_append(self.path) as fd:
            last = _last_line(fd)
            record: dict[str, Any] = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "os_user": current_user(),
                "host": socket.gethostname(),
                "pid": os.getpid(),
                **event,
                "prev_sha256": hashlib.sha256(last).hexdigest() if last else GENESIS,
            }
            line = (json.dumps(record, sort_keys=True, separators=(",", ":"), default=str) + "\n").encode()
            written = 0
            while written < len(line):
                written += os.write(fd, line[written:])
            os.fsync(fd)
        return record


def read_audit_log(path: str | Path) -> list[dict[str, Any]]:
    """Every record of an audit log, oldest first."""
    lines = Path(path).read_bytes().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def check_audit_chain(path: str | Path) -> list[int]:
    """Line numbers (1-based) whose `prev_sha256` does not match the line before: edits or deletions."""
    broken = []
    previous: bytes | None = None
    for number, line in enumerate(Path(path).read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            claimed = json.loads(line).get("prev_sha256")
        except (ValueError, AttributeError):
            broken.append(number)
            previous = line
            continue
        expected = hashlib.sha256(previous).hexdigest() if previous is not None else GENESIS
        if claimed != expected:
            broken.append(number)
        previous = line
    return broken
