"""Worker processes for the anonymize step: each loads the model once, batches stream through in order.

The main process reads, validates, batches (whole conversations) and writes; workers run
`Anonymizer.anonymize_records`, the same function the single-process path calls. At most
`2 x workers` batches are in flight, so a slow writer or a huge input never queues unbounded work.
Workers start from a fork server (a clean process, not a fork of a process that may hold threads) and
build their own Anonymizer from the policy and keys, which reach them through the pool's pipe, never
through files, the environment or logs.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.anonymize import AnonymizedRecord

Batch = list[dict[str, Any]]

_worker: Anonymizer | None = None


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _init(policy: Policy, keys: KeyRing) -> None:
    global _worker
    _worker = Anonymizer(policy, keys)


def _ready() -> int:
    # Long enough that one worker cannot answer every probe while another is still loading its model.
    time.sleep(0.05)
    return os.getpid()


def _work(batch: Batch) -> tuple[list[AnonymizedRecord], int, float]:
    assert _worker is not None, "worker not initialised"
    return _worker.anonymize_records(batch), os.getpid(), peak_rss_mb()


class WorkerPool:
    """`workers` processes applying one Anonymizer's policy and keys. Use as a context manager."""

    def __init__(self, anonymizer: Anonymizer, workers: int) -> None:
        if workers < 2:
            raise ValueError("a worker pool needs at least 2 workers; use the in-process path for 1")
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.workers = workers
        self.max_in_flight = 2 * workers
        self.peak_rss_mb: dict[int, float] = {}
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init, initargs=(anonymizer.policy, anonymizer.keys)
        )

    def start(self, timeout: float = 300.0) -> None:
        """Start every worker and wait until each has loaded the model (so start-up is not timed as work)."""
        ready: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(ready) < self.workers and time.monotonic() < deadline:
            futures = [self._executor.submit(_ready) for _ in range(self.workers)]
            ready.update(future.result() for future in futures)

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[AnonymizedRecord]]]:
        """(batch, results) pairs in input order, with at most `max_in_flight` batches submitted."""
        pending: deque[tuple[Batch, Future[tuple[list[AnonymizedRecord], int, float]]]] = deque()
        for batch in batches:
            pending.append((batch, self._executor.submit(_work, batch)))
            if len(pending) >= self.max_in_flight:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    def _collect(
        self, batch: Batch, future: Future[tuple[list[AnonymizedRecord], int, float]]
    ) -> tuple[Batch, list[AnonymizedRecord]]:
        results, pid, rss = future.result()
        self.peak_rss_mb[pid] = max(rss, self.peak_rss_mb.get(pid, 0.0))
        return batch, results

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
