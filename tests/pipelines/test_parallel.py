"""Worker processes give the same output, in the same order, as the in-process path; in-flight work is bounded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.detect.engine import Detector
from pipelines import runner
from pipelines.parallel import WorkerPool

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "transcripts.jsonl"
POLICY = Policy.load(ROOT / "data" / "samples" / "policy.yaml")


@pytest.fixture(scope="module")
def anon(keys: KeyRing, detector: Detector) -> Anonymizer:
    return Anonymizer(POLICY, keys, detector=detector)


def test_run_with_two_workers_equals_one_worker(tmp_path: Path, anon: Anonymizer) -> None:
    options = runner.ReadOptions(batch_size=64)  # several batches, so work really is spread out
    one = runner.run([SAMPLE], tmp_path / "one", anon, options=options, workers=1)
    two = runner.run([SAMPLE], tmp_path / "two", anon, options=options, workers=2)
    a = pq.read_table(tmp_path / "one" / "transcripts.parquet")
    b = pq.read_table(tmp_path / "two" / "transcripts.parquet")
    # Fernet tokens differ on every encryption (random IV); everything else is identical, order included.
    assert a.drop(["user_name"]).equals(b.drop(["user_name"]))
    assert [anon.keys.decrypt(v) for v in a["user_name"].to_pylist()] == [
        anon.keys.decrypt(v) for v in b["user_name"].to_pylist()
    ]
    assert one.findings_by_entity == two.findings_by_entity and one.totals() == two.totals()
    assert two.workers == 2 and len(two.peak_rss_mb) == 3


def test_scan_with_two_workers_equals_one_worker(tmp_path: Path, anon: Anonymizer) -> None:
    options = runner.ReadOptions(batch_size=50)
    runner.scan([SAMPLE], tmp_path / "one.jsonl", anon, options=options, workers=1)
    runner.scan([SAMPLE], tmp_path / "two.jsonl", anon, options=options, workers=2)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert len((tmp_path / "one.jsonl").read_text().splitlines()) > 200


def test_pool_keeps_at_most_twice_the_workers_batches_in_flight(anon: Anonymizer) -> None:
    pulled = 0

    def batches() -> Iterator[list[dict[str, Any]]]:
        nonlocal pulled
        for i in range(20):
            pulled += 1
            yield [{"conversation_id": f"c{i}", "message_id": f"m{i}", "text": f"hello {i}"}]

    with WorkerPool(anon, 2) as pool:
        pool.start()
        seen = []
        for batch, results in pool.map(batches()):
            assert pulled - len(seen) <= pool.max_in_flight
            seen.append((batch[0]["message_id"], results[0].row["message_id"]))
    assert seen == [(f"m{i}", f"m{i}") for i in range(20)]


def test_auto_workers_uses_one_process_for_small_inputs(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"conversation_id": "c", "message_id": "m", "text": "hi"}) + "\n")
    assert runner.auto_workers([small], []) == 1
