"""Retention: delete output partitions, quarantine files and run reports older than N days.

A dated partition `date=YYYY-MM-DD` is older than N days when its date is before today (UTC) minus N days;
its files go, and so does the folder when nothing else is in it. Files of the null partition (messages
without a timestamp), quarantine files and run reports have no message date: they are aged by the time they
were written. Only files the job names itself are deleted (`part-*.parquet`, `q-*.jsonl`, report folders).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from pipelines.write.dataset import files_in_partition, partition_date, partition_dirs

log = logging.getLogger("chat_anonymizer.job")

QUARANTINE_DIR: Final = "_quarantine"
_QUARANTINE_RE: Final = re.compile(r"^q-[0-9a-z-]+\.jsonl$")
_RUN_ID_RE: Final = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]+$")


@dataclass
class Deleted:
    """What retention removed: display names for the log and report, output paths (relative to out) to forget."""

    names: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)


def _old_by_mtime(path: Path, cutoff: datetime) -> bool:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC) < cutoff


def apply_retention(out: Path, reports: Path, keep_days: int, now: datetime, current_run: str) -> Deleted:
    """Delete what is older than `keep_days` under the dataset `out` and the report folder `reports`."""
    deleted = Deleted()
    cutoff_time = now - timedelta(days=keep_days)
    cutoff_date = cutoff_time.date()
    for folder in partition_dirs(out):
        day = partition_date(folder.name)
        files = files_in_partition(folder)
        if day is not None:
            if day >= cutoff_date:
                continue
            doomed = files
        else:
            doomed = [f for f in files if _old_by_mtime(f, cutoff_time)]
        for file in doomed:
            file.unlink(missing_ok=True)
            deleted.outputs.append(file.relative_to(out).as_posix())
        if day is not None and doomed:
            if not any(folder.iterdir()):
                folder.rmdir()
            deleted.names.append(f"{folder.name}/ ({len(doomed)} file(s))")
        else:
            deleted.names.extend(f.relative_to(out).as_posix() for f in doomed)
    quarantine = out / QUARANTINE_DIR
    if quarantine.is_dir():
        for file in sorted(quarantine.iterdir()):
            if _QUARANTINE_RE.match(file.name) and _old_by_mtime(file, cutoff_time):
                file.unlink(missing_ok=True)
                name = file.relative_to(out).as_posix()
                deleted.outputs.append(name)
                deleted.names.append(name)
    if reports.is_dir():
        for folder in sorted(reports.iterdir()):
            match = _RUN_ID_RE.match(folder.name)
            if not match or folder.name == current_run or not folder.is_dir():
                continue
            started = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            if started < cutoff_time:
                shutil.rmtree(folder)
                deleted.names.append(f"{reports.name}/{folder.name}/")
    for name in deleted.names:
        log.info("retention: deleted %s", name, extra={"job": {"event": "retention_deleted", "name": name}})
    return deleted

