"""Helpers for the job tests: exports with known rows, reading the dataset back, running the job."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from anonymizer import Anonymizer
from pipelines.job import JobConfig, JobResult, load_job_config, run_job

# Canary values: planted in every export, they must appear in no log line, report, metric or Parquet cell.
CANARY_EMAIL = "zelda.quarantotti@example.org"
CANARY_PHONE = "(415) 555-0142"


def messages(prefix: str, count: int, days: Iterable[str] = ("2026-03-01",), undated: int = 0) -> list[dict[str, Any]]:
    """`count` messages over the given days (round robin), two per conversation, plus `undated` without a
    timestamp; message ids are unique per prefix, so rows can be counted exactly in the dataset."""
    day_list = list(days)
    rows: list[dict[str, Any]] = []
    for i in range(count + undated):
        record: dict[str, Any] = {
            "conversation_id": f"{prefix}-c{i // 2}",
            "message_id": f"{prefix}-m{i}",
            "turn": i % 2,
            "speaker": "customer" if i % 2 == 0 else "agent",
            "text": f"Hi, I'm Zelda Quarantotti, mail {CANARY_EMAIL} or call {CANARY_PHONE}" if i % 3 == 0
            else f"message {i} about order status",
        }
        if i < count:
            record["timestamp"] = f"{day_list[i % len(day_list)]}T{10 + i % 10:02d}:00:00Z"
        rows.append(record)
    return rows


def write_export(path: Path, records: Iterable[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def read_dataset(out: Path) -> pl.DataFrame:
    """The whole dataset as one table, the way an analyst reads it."""
    if not list(out.glob("date=*/*.parquet")):
        return pl.DataFrame()
    return pl.scan_parquet(str(out / "**" / "*.parquet"), hive_partitioning=True).collect()


def config(dirs: dict[str, Path], **overrides: Any) -> JobConfig:
    settings: dict[str, Any] = {"input": [str(dirs["exports"])], "out": dirs["out"], "state": dirs["state"]}
    settings.update(overrides)
    return load_job_config(None, settings)


def run(dirs: dict[str, Path], anon: Anonymizer, now: datetime | None = None, **overrides: Any) -> JobResult:
    return run_job(config(dirs, **overrides), anonymizer=anon, now=now or datetime.now(UTC))


def report_json(result: JobResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((result.report_dir / "report.json").read_text())
    return data
