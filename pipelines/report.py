"""The run report: rows in, rows written, rows quarantined by reason, findings by type, per input file.

Holds counts, names and ids only: never a record value.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class FileReport:
    """What happened to one input file."""

    source: str
    status: str = "ok"  # "ok" or "failed"
    rows_read: int = 0
    rows_written: int = 0
    rows_quarantined: int = 0
    rows_unanalysed: int = 0
    quarantined_by_reason: Counter[str] = field(default_factory=Counter)
    output: str | None = None
    error: str | None = None

    def quarantine(self, reason: str) -> None:
        self.rows_quarantined += 1
        # "wrong_type:turn" and "missing_field:text" are counted under their full code: both parts are ours.
        self.quarantined_by_reason[reason] += 1

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_written + self.rows_quarantined

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "rows_read": self.rows_read,
            "rows_written": self.rows_written,
            "rows_quarantined": self.rows_quarantined,
            "rows_unanalysed": self.rows_unanalysed,
            "quarantined_by_reason": dict(sorted(self.quarantined_by_reason.items())),
            "output": self.output,
            "error": self.error,
        }


@dataclass
class RunReport:
    """The whole run: every input's FileReport plus totals and provenance."""

    command: str
    metadata: dict[str, str]
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    seconds: float = 0.0
    files: list[FileReport] = field(default_factory=list)
    findings_by_entity: Counter[str] = field(default_factory=Counter)
    findings_by_speaker: Counter[str] = field(default_factory=Counter)
    dropped_fields: set[str] = field(default_factory=set)
    workers: int = 1
    startup_seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def totals(self) -> dict[str, Any]:
        done = [f for f in self.files if f.status == "ok"]
        reasons: Counter[str] = Counter()
        for f in done:
            reasons.update(f.quarantined_by_reason)
        return {
            "files": len(self.files),
            "files_failed": len(self.failed),
            "rows_read": sum(f.rows_read for f in done),
            "rows_written": sum(f.rows_written for f in done),
            "rows_quarantined": sum(f.rows_quarantined for f in done),
            "rows_unanalysed": sum(f.rows_unanalysed for f in done),
            "quarantined_by_reason": dict(sorted(reasons.items())),
            "findings": sum(self.findings_by_entity.values()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "started_at": self.started_at,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "startup_seconds": round(self.startup_seconds, 3),
            "peak_rss_mb": self.peak_rss_mb,
            **self.metadata,
            "totals": self.totals(),
            "findings_by_entity": dict(sorted(self.findings_by_entity.items())),
            "findings_by_speaker": dict(sorted(self.findings_by_speaker.items())),
            "dropped_fields": sorted(self.dropped_fields),
            "files": [f.to_dict() for f in self.files],
        }

    def write_json(self, path: Path) -> None:
        """Atomically, with the output file mode (owner-only by default) like every other output file."""
        from pipelines.write import atomic_output

        with atomic_output(path) as tmp:
            tmp.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    def summary_lines(self) -> list[str]:
        t = self.totals()
        lines = [
            f"{self.command}: {t['files']} file(s), {t['rows_read']} rows read, {t['rows_written']} written, "
            f"{t['rows_quarantined']} quarantined, {t['findings']} findings in {self.seconds:.1f}s",
        ]
        if t["quarantined_by_reason"]:
            lines.append(
                "  quarantined: " + ", ".join(f"{k}={v}" for k, v in t["quarantined_by_reason"].items())
            )
        if t["rows_unanalysed"]:
            lines.append(f"  {t['rows_unanalysed']} rows could not be analysed and were fully redacted")
        if self.findings_by_entity:
            lines.append(
                "  findings: " + ", ".join(f"{k}={v}" for k, v in self.findings_by_entity.most_common())
            )
        if self.dropped_fields:
            lines.append("  fields not in the policy (not written): " + ", ".join(sorted(self.dropped_fields)))
        for f in self.failed:
            lines.append(f"  FAILED {f.source}: {f.error}")
        return lines
