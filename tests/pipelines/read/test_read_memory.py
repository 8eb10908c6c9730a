"""Readers stream: peak Python memory while reading does not grow with the number of records."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from pipelines.read import read_records

MESSAGE = "a synthetic message of moderate length, repeated to fill the file " * 2


def _jsonl(count: int) -> bytes:
    return b"".join(
        json.dumps({"conversation_id": f"c{i // 10}", "turn": i % 10, "text": MESSAGE}).encode() + b"\n"
        for i in range(count)
    )


def _csv(count: int) -> bytes:
    return b"conversation_id,turn,text\n" + b"".join(
        f'c{i // 10},{i % 10},"{MESSAGE}"\n'.encode() for i in range(count)
    )


def _conversations(count: int) -> bytes:
    conversations = [
        {"id": f"c{c}", "messages": [{"role": "user", "content": MESSAGE} for _ in range(10)]}
        for c in range(count // 10)
    ]
    return json.dumps(conversations).encode()


def _transcript(count: int) -> bytes:
    activities = [
        {"type": "message", "id": str(i), "from": {"role": "user"}, "conversation": {"id": "c"}, "text": MESSAGE}
        for i in range(count)
    ]
    return json.dumps(activities).encode()


def _peak(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_records(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 0
    return peak


@pytest.mark.parametrize(
    ("name", "make", "wrap"),
    [
        ("m.jsonl", _jsonl, None),
        ("m.jsonl.gz", _jsonl, gzip.compress),
        ("m.jsonl.zst", _jsonl, zstandard.ZstdCompressor().compress),
        ("m.csv", _csv, None),
        ("m.json", _conversations, None),
        ("m.transcript", _transcript, None),
    ],
)
def test_when_input_is_ten_times_larger_then_peak_memory_stays_flat(
    tmp_path: Path, name: str, make: Callable[[int], bytes], wrap: Callable[[bytes], bytes] | None
) -> None:
    small, large = tmp_path / f"small-{name}", tmp_path / f"large-{name}"
    for path, count in ((small, 2_000), (large, 20_000)):
        data = make(count)
        path.write_bytes(wrap(data) if wrap else data)

    small_peak, large_peak = _peak(small), _peak(large)

    # The large file holds ~3 MB more text; a reader that accumulated records would show it here.
    assert large_peak < small_peak + 1_000_000, (small_peak, large_peak)
