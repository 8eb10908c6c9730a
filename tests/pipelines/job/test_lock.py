"""The job lock: one holder at a time, waiting with a deadline, and a lock left by a killed process taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.job import JobLock, LockHeld
from pipelines.job import lock as lock_module

# A holder in a separate process: locks, says so by creating `ready`, then sleeps. It loads lock.py alone
# (standard library only), not the package, whose imports take seconds.
HOLDER = """
import importlib.util, sys, time
from pathlib import Path
spec = importlib.util.spec_from_file_location("job_lock", sys.argv[4])
module = sys.modules["job_lock"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
lock = module.JobLock(Path(sys.argv[1])).acquire(0, "holder-run")
Path(sys.argv[2]).touch()
time.sleep(float(sys.argv[3]))
lock.release()
"""


def start_holder(lock_path: Path, tmp_path: Path, seconds: float) -> subprocess.Popen[bytes]:
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path), str(ready), str(seconds), lock_module.__file__ or ""]
    )
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None, "lock holder exited early"
        assert time.monotonic() < deadline, "lock holder never took the lock"
        time.sleep(0.02)
    return process


def test_a_second_holder_gives_up_after_its_wait_naming_the_holder(tmp_path: Path) -> None:
    lock_path = tmp_path / "state" / "job.lock"
    holder = start_holder(lock_path, tmp_path, 30)
    try:
        started = time.monotonic()
        with pytest.raises(LockHeld) as caught:
            JobLock(lock_path).acquire(0.5, "second")
        assert 0.45 <= time.monotonic() - started < 5
        assert caught.value.holder is not None
        assert caught.value.holder.pid == holder.pid and caught.value.holder.run_id == "holder-run"
        assert f"pid {holder.pid}" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_waiting_run_gets_the_lock_as_soon_as_the_holder_finishes(tmp_path: Path) -> None:
    lock_path = tmp_path / "job.lock"
    holder = start_holder(lock_path, tmp_path, 1.0)
    try:
        lock = JobLock(lock_path).acquire(30, "waiter")
        assert holder.wait(timeout=10) == 0
        assert lock.stale is None  # the holder released cleanly
        assert json.loads(lock_path.read_text())["run_id"] == "waiter"
        lock.release()
        assert lock_path.read_text() == ""
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_is_taken_over_and_reported(tmp_path: Path) -> None:
    lock_path = tmp_path / "job.lock"
    holder = start_holder(lock_path, tmp_path, 30)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert json.loads(lock_path.read_text())["pid"] == holder.pid  # the dead holder's name is still there

    lock = JobLock(lock_path).acquire(0, "after-crash")

    assert lock.stale is not None and lock.stale.pid == holder.pid and lock.stale.run_id == "holder-run"
    lock.release()

