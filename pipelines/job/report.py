"""The job's per-run report: `report.json`, a Prometheus textfile-collector `metrics.prom`, and `report.html`.

All three are renderings of one dictionary (`JobReport.to_dict`), itself built on the runner's RunReport:
counts, names, hashes and ids only, never a record value. The HTML shows nothing the JSON does not hold.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Final, Literal

from pipelines.job.lock import LockInfo
from pipelines.job.state import write_atomic
from pipelines.report import RunReport
from pipelines.write.dataset import NULL_PARTITION

REPORTS_DIR: Final = "_reports"
REPORT_JSON: Final = "report.json"
REPORT_PROM: Final = "metrics.prom"
REPORT_HTML: Final = "report.html"
UNKNOWN_DATE: Final = "unknown"
METRIC_PREFIX: Final = "chat_anonymizer_job"

Action = Literal["processed", "unchanged", "duplicate", "failed", "deferred"]
ACTIONS: Final[tuple[Action, ...]] = ("processed", "unchanged", "duplicate", "failed", "deferred")


@dataclass
class Outcome:
    """What the job did with one input this run (unchanged inputs are only counted)."""

    source: str
    action: Action
    outputs: list[str] = field(default_factory=list)
    quarantine: str | None = None
    duplicate_of: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [])}


def versions(model: str) -> dict[str, str]:
    """Versions of the tool, its detection stack and the spaCy pipeline named by the policy."""
    found: dict[str, str] = {}
    for name in ("chat-anonymizer", "presidio-analyzer", "spacy", model):
        try:
            found[name] = version(name)
        except (PackageNotFoundError, ValueError):
            # A model given as a path is not a package: its name is still in the metadata.
            found[name] = "unknown"
    return found


@dataclass
class JobReport:
    """One job run: the runner's RunReport plus what the job decided per input, per-date counts, retention."""

    run_id: str
    report: RunReport
    versions: dict[str, str]
    seen: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    rows_by_date: Counter[str] = field(default_factory=Counter)
    findings_by_date: Counter[str] = field(default_factory=Counter)
    keep_days: int | None = None
    deleted: list[str] = field(default_factory=list)
    stale_lock: LockInfo | None = None
    verify: dict[str, Any] | None = None
    finished_at: str = ""
    exit_code: int = 0

    def actions(self) -> dict[str, int]:
        counts = Counter(o.action for o in self.outcomes)
        counts["unchanged"] = self.seen - sum(counts[a] for a in ACTIONS if a != "unchanged")
        return {a: counts[a] for a in ACTIONS}

    @property
    def nothing_new(self) -> bool:
        return self.actions()["unchanged"] == self.seen

    def to_dict(self) -> dict[str, Any]:
        data = self.report.to_dict()
        data.update(
            {
                "run_id": self.run_id,
                "finished_at": self.finished_at,
                "exit_code": self.exit_code,
                "versions": self.versions,
                "inputs": {"seen": self.seen, **self.actions()},
                "outcomes": [o.to_dict() for o in self.outcomes if o.action != "unchanged"],
                "rows_by_date": _dated(self.rows_by_date),
                "findings_by_date": _dated(self.findings_by_date),
                "retention": {"keep_days": self.keep_days, "deleted": sorted(self.deleted)},
                "verify": self.verify,
                "stale_lock_taken_over": None if self.stale_lock is None else self.stale_lock.__dict__,
            }
        )
        return data

    def write(self, folder: Path) -> list[Path]:
        """Write report.json, metrics.prom and report.html into `folder`, each atomically."""
        import json

        from pipelines.job.html import render_html

        data = self.to_dict()
        written = []
        for name, text in (
            (REPORT_JSON, json.dumps(data, indent=2) + "\n"),
            (REPORT_PROM, prometheus_text(data)),
            (REPORT_HTML, render_html(data)),
        ):
            write_atomic(folder / name, text.encode("utf-8"), mode=0o644)
            written.append(folder / name)
        return written


def _dated(counts: Counter[str]) -> dict[str, int]:
    # Dates sort as text; messages without a timestamp are listed last, under a readable name.
    items = sorted((k, v) for k, v in counts.items() if k != NULL_PARTITION)
    if NULL_PARTITION in counts:
        items.append((UNKNOWN_DATE, counts[NULL_PARTITION]))
    return dict(items)


# ---- Prometheus ----------------------------------------------------------------------------------------
_LABEL_ESCAPES: Final = str.maketrans({"\\": r"\\", '"': r"\"", "\n": r"\n"})
_NAME_RE: Final = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")


def _number(value: float) -> str:
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class _Metrics:
    """Text exposition format 0.0.4: per metric one HELP and one TYPE line, then its samples together."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def gauge(self, name: str, help_text: str, samples: Iterable[tuple[dict[str, str], float]]) -> None:
        full = f"{METRIC_PREFIX}_{name}"
        assert _NAME_RE.match(full), full
        self.lines.append(f"# HELP {full} {help_text}")
        self.lines.append(f"# TYPE {full} gauge")
        for labels, value in samples:
            rendered = ",".join(f'{k}="{str(v).translate(_LABEL_ESCAPES)}"' for k, v in sorted(labels.items()))
            number = _number(value)
            self.lines.append(f"{full}{{{rendered}}} {number}" if rendered else f"{full} {number}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def prometheus_text(data: dict[str, Any]) -> str:
    """The report's counters as gauges of the last run, for node_exporter's textfile collector."""
    totals = data["totals"]
    m = _Metrics()
    finished = data.get("finished_at") or datetime.now(UTC).isoformat()
    m.gauge(
        "last_run_timestamp_seconds",
        "Unix time at which the last job run finished.",
        [({}, datetime.fromisoformat(finished).timestamp())],
    )
    m.gauge("last_run_duration_seconds", "Wall-clock seconds the last job run took.", [({}, float(data["seconds"]))])
    m.gauge(
        "last_run_exit_code",
        "Exit code of the last job run (0 ok, 1 some inputs failed).",
        [({}, data["exit_code"])],
    )
    m.gauge(
        "last_run_info",
        "Provenance of the last job run; the value is always 1.",
        [
            (
                {
                    "run_id": data["run_id"],
                    "version": data.get("chat_anonymizer.version", ""),
                    "policy_sha256": data.get("chat_anonymizer.policy_sha256", ""),
                    "model": data.get("chat_anonymizer.model", ""),
                    "hash_key_id": data.get("chat_anonymizer.hash_key_id", ""),
                },
                1,
            )
        ],
    )
    m.gauge(
        "inputs",
        "Inputs seen by the last run, by what the run did with them.",
        [({"action": action}, count) for action, count in data["inputs"].items() if action != "seen"],
    )
    for key, help_text in (
        ("rows_read", "Rows read by the last run from the inputs it processed."),
        ("rows_written", "Rows written to the dataset by the last run."),
        ("rows_quarantined", "Rows quarantined by the last run."),
        ("rows_unanalysed", "Rows the last run could not analyse and wrote fully redacted."),
    ):
        m.gauge(key, help_text, [({}, totals[key])])
    m.gauge(
        "rows_quarantined_by_reason",
        "Rows quarantined by the last run, by reason code.",
        [({"reason": reason}, count) for reason, count in totals["quarantined_by_reason"].items()],
    )
    m.gauge(
        "findings",
        "PII findings in the last run, by entity type.",
        [({"entity_type": k}, v) for k, v in data["findings_by_entity"].items()],
    )
    m.gauge(
        "findings_by_speaker",
        "PII findings in the last run, by speaker role.",
        [({"speaker": k}, v) for k, v in data["findings_by_speaker"].items()],
    )
    m.gauge(
        "retention_deleted",
        "Files and partitions deleted by retention in the last run.",
        [({}, len(data["retention"]["deleted"]))],
    )
    return m.text()
