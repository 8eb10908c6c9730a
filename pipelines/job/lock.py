"""One job at a time: an exclusive `flock` on a lock file in the state folder, naming its holder.

The kernel releases a `flock` when its holder dies, SIGKILL included, so a lock can never be held by a dead
process. The file's *content* says who holds it (pid, host, start time, run id) and is cleared on a clean
release: finding content while acquiring the lock means the previous holder died without releasing it, and
the new holder says so (that run's leftovers are cleaned up by the job's recovery step).

The lock file is never deleted: deleting it while another process waits on the old inode would let two
holders lock two different files. For the same reason the holder checks, after locking, that the file at the
path is still the one it locked. The state folder must be on a filesystem with working `flock` (local disks;
NFSv4 maps it to POSIX locks).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Final

LOCK_NAME: Final = "job.lock"


@dataclass(frozen=True)
class LockInfo:
    """Who holds (or held) the lock."""

    pid: int
    host: str
    started_at: str
    run_id: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, run {self.run_id}, started {self.started_at}"

    @classmethod
    def parse(cls, text: str) -> LockInfo | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["started_at"]), str(data["run_id"]))
        except (ValueError, KeyError, TypeError):
            return None


class LockHeld(RuntimeError):
    """Another run holds the job lock and did not release it within the wait."""

    def __init__(self, path: Path, holder: LockInfo | None, waited: float) -> None:
        who = holder.describe() if holder else "an unknown process"
        super().__init__(f"another job run holds {path} ({who}); waited {waited:.0f}s")
        self.holder = holder
        self.waited = waited


class JobLock:
    """`with JobLock(state / "job.lock").acquire(wait, run_id):` ... or call acquire()/release()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stale: LockInfo | None = None
        self._fd: int | None = None

    def holder(self) -> LockInfo | None:
        try:
            return LockInfo.parse(self.path.read_text(encoding="utf-8"))
        except OSError:
            return None

    def acquire(self, wait: float, run_id: str, poll: float = 0.2) -> JobLock:
        """Take the lock, waiting up to `wait` seconds; raise LockHeld if it is still held then.

        Afterwards `self.stale` describes a previous holder that died holding it, if any.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                waited = time.monotonic() - started
                if waited >= wait:
                    raise LockHeld(self.path, self.holder(), waited) from None
                time.sleep(min(poll, wait - waited))
                continue
            if not self._same_file(fd):
                os.close(fd)  # the file was replaced while we waited: lock the one now at the path
                continue
            break
        previous = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        self.stale = LockInfo.parse(previous) if previous.strip() else None
        info = LockInfo(
            pid=os.getpid(),
            host=socket.gethostname(),
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            run_id=run_id,
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(asdict(info)) + "\n").encode("utf-8"), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def _same_file(self, fd: int) -> bool:
        try:
            current = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino)

    def release(self) -> None:
        """Clear the holder and unlock: empty content tells the next holder this run ended cleanly."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> JobLock:
        if self._fd is None:
            raise RuntimeError("acquire() the lock before entering it")
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
