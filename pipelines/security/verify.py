"""`verify`: re-scan an output dataset for residual PII and for leaks of known secrets.

For every Parquet file under the folder:
- every value of a text or transformed column (operator tokens and masked runs blanked out first, so
  `<PERSON>`, hashes, Fernet tokens and `(***) ***-0123` are not findings) goes through the detector
  again: anything it finds is residual PII; the structural columns that pass through unchanged (ids,
  speaker) are checked with the e-mail/phone/card/IP patterns instead (NER on ids is noise);
- every value, every file-metadata entry and every column statistic is searched for the configured keys;
- file metadata and statistics are also searched for PII-shaped text (e-mail, phone, card, IP patterns),
  and sensitive columns must carry no min/max statistics at all.
Other files (run summaries, quarantine) are searched for the keys. The report names file, column, row
and entity type, never the value; `ok` is False if anything was found or a file could not be read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow.parquet as pq

from anonymizer import logsafe
from anonymizer.detect.findings import Finding
from anonymizer.keys import KeyRing
from anonymizer.policy import CANONICAL_FIELDS, Policy
from anonymizer.records import sensitive_columns
from anonymizer.tokens import strip_tokens
from pipelines.security.dataset import dataset_files, iter_string_values, string_columns

# Columns the writer is allowed to give statistics: not derived from PII.
NOT_SENSITIVE = frozenset({*(f for f in CANONICAL_FIELDS if f != "text"), "pii_count", "pii_types"})
_TEXT_SUFFIXES = (".json", ".jsonl", ".txt", ".csv", ".log", ".html", ".prom", ".yaml", ".yml")


class SupportsDetectBatch(Protocol):
    """An `Anonymizer` or a `Detector`: anything with `detect_batch(texts) -> findings per text`."""

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]: ...


@dataclass(frozen=True)
class VerifyFinding:
    """One problem: where it is and what kind, never the value.

    kind: `residual_pii` | `secret_leak` | `statistics` | `metadata_pii` | `unreadable`.
    """

    file: str
    kind: str
    column: str | None = None
    row: int | None = None
    entity_type: str | None = None
    start: int | None = None
    end: int | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class VerifyReport:
    """Files and values checked, and every finding."""

    root: str
    files_checked: int = 0
    values_scanned: int = 0
    secrets_checked: int = 0
    findings: list[VerifyFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind for f in self.findings).items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": "verify",
            "root": self.root,
            "ok": self.ok,
            "files_checked": self.files_checked,
            "values_scanned": self.values_scanned,
            "secrets_checked": self.secrets_checked,
            "findings_by_kind": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def summary_lines(self, limit: int = 20) -> list[str]:
        status = "clean" if self.ok else f"{len(self.findings)} finding(s)"
        lines = [
            f"verify: {self.files_checked} file(s), {self.values_scanned} values scanned, "
            f"{self.secrets_checked} secret(s) checked: {status}"
        ]
        if not self.ok:
            lines.append("  by kind: " + ", ".join(f"{k}={v}" for k, v in self.counts().items()))
        for f in self.findings[:limit]:
            where = ", ".join(
                part for part in (
                    f.column and f"column {f.column}", f.row is not None and f"row {f.row}",
                    f.entity_type, f.detail,
                ) if part
            )
            lines.append(f"  {f.kind}: {f.file}: {where}")
        if len(self.findings) > limit:
            lines.append(f"  ... {len(self.findings) - limit} more in the report")
        return lines


def _labelled_secrets(keys: KeyRing | None) -> list[tuple[str, str]]:
    """(label, value) for each key; labels use key ids so a report can say which key leaked."""
    if keys is None:
        return []
    out: list[tuple[str, str]] = []
    if keys.hash_key:
        out.append((f"hash key {keys.hash_key_id}", keys.hash_key.decode("utf-8", "replace")))
    for kid, key in zip(keys.encryption_key_ids, keys.encryption_keys, strict=True):
        out.append((f"encryption key {kid}", key.decode("utf-8", "replace")))
    if keys.master_key:
        out.append(("master key", keys.master_key.decode("utf-8", "replace")))
    return out


def _leaks(text: str, secrets: Iterable[tuple[str, str]]) -> list[str]:
    return [label for label, value in secrets if value and value in text]


def _pattern_types(text: str) -> list[str]:
    """Entity types of PII-shaped substrings (the log scrubber's patterns), for metadata and statistics."""
    return sorted(logsafe.pii_pattern_types(text)) if text else []


def _check_parquet(
    path: Path,
    detector: SupportsDetectBatch,
    secrets: list[tuple[str, str]],
    sensitive: set[str] | None,
    report: VerifyReport,
    batch_size: int,
) -> None:
    name = str(path)
    pf = pq.ParquetFile(path)
    meta = pf.metadata
    # File metadata: ours lives in the schema metadata; the raw key-value footer also holds ARROW:schema.
    entries: dict[str, str] = {}
    for k, v in (pf.schema_arrow.metadata or {}).items():
        entries[k.decode("utf-8", "replace")] = v.decode("utf-8", "replace")
    for k, v in (meta.metadata or {}).items():
        key = k.decode("utf-8", "replace")
        if key != "ARROW:schema":
            entries.setdefault(key, v.decode("utf-8", "replace"))
    for key, value in entries.items():
        for label in _leaks(key + "=" + value, secrets):
            report.findings.append(VerifyFinding(name, "secret_leak", detail=f"{label} in file metadata '{key}'"))
        for entity in _pattern_types(value):
            report.findings.append(VerifyFinding(name, "metadata_pii", entity_type=entity,
                                                 detail=f"file metadata '{key}'"))
    # Statistics: none on sensitive columns; none holding a secret or PII-shaped text anywhere.
    schema_names = set(pf.schema_arrow.names)
    protected = sensitive if sensitive is not None else schema_names - NOT_SENSITIVE
    flagged: set[str] = set()
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        for c in range(rg.num_columns):
            chunk = rg.column(c)
            stats = chunk.statistics if chunk.is_stats_set else None
            if stats is None or not stats.has_min_max:
                continue
            column = chunk.path_in_schema.split(".", 1)[0]
            if column in protected and column not in flagged:
                flagged.add(column)
                report.findings.append(VerifyFinding(name, "statistics", column=column,
                                                     detail="min/max statistics on a sensitive column"))
            for bound in (stats.min, stats.max):
                text = bound.decode("utf-8", "replace") if isinstance(bound, bytes) else str(bound)
                for label in _leaks(text, secrets):
                    report.findings.append(VerifyFinding(name, "secret_leak", column=column,
                                                         detail=f"{label} in column statistics"))
                for entity in _pattern_types(text):
                    report.findings.append(VerifyFinding(name, "metadata_pii", column=column, entity_type=entity,
                                                         detail="column statistics"))
    # Values: secrets anywhere; residual PII after blanking the operator tokens.
    pending: list[tuple[int, str, str]] = []

    def flush() -> None:
        results = detector.detect_batch([text for _, _, text in pending])
        for (row, column, _), findings in zip(pending, results, strict=True):
            for f in findings:
                report.findings.append(VerifyFinding(name, "residual_pii", column=column, row=row,
                                                     entity_type=f.entity_type, start=f.start, end=f.end))
        pending.clear()

    for row, column, value in iter_string_values(pf, string_columns(pf.schema_arrow)):
        report.values_scanned += 1
        for label in _leaks(value, secrets):
            report.findings.append(VerifyFinding(name, "secret_leak", column=column, row=row, detail=label))
        if column in NOT_SENSITIVE:
            # Ids and speaker roles pass through untransformed; NER on "conv-000025" is noise, but an
            # e-mail or phone number used as an id is exactly the kind of leak to catch.
            for entity in _pattern_types(value):
                report.findings.append(VerifyFinding(name, "residual_pii", column=column, row=row,
                                                     entity_type=entity, detail="pattern"))
            continue
        stripped = strip_tokens(value)
        if stripped.strip():
            pending.append((row, column, stripped))
            if len(pending) >= batch_size:
                flush()
    if pending:
        flush()


def verify_dataset(
    path: str | Path,
    anonymizer_or_detector: SupportsDetectBatch,
    keys: KeyRing | None = None,
    *,
    policy: Policy | None = None,
    batch_size: int = 256,
) -> VerifyReport:
    """Re-scan the dataset at `path` (a Parquet file or a folder of them, recursively) for residual PII
    and leaked keys; see the module docstring for what is checked.

    `anonymizer_or_detector` is an `Anonymizer` (its policy then says which columns are sensitive) or a
    `Detector`; `keys` are the keys to look for (none: the secret search is skipped).
    """
    root = Path(path)
    if not root.exists():
        raise ValueError(f"{root} does not exist")
    policy = policy or getattr(anonymizer_or_detector, "policy", None)
    sensitive = set(sensitive_columns(policy)) if isinstance(policy, Policy) else None
    secrets = _labelled_secrets(keys)
    report = VerifyReport(root=str(root), secrets_checked=len(secrets))
    for file in dataset_files(root):
        report.files_checked += 1
        try:
            _check_parquet(file, anonymizer_or_detector, secrets, sensitive, report, batch_size)
        except Exception as exc:  # a file that cannot be read (or scanned) is not verified: report it
            report.findings.append(VerifyFinding(str(file), "unreadable", detail=type(exc).__name__))
    if root.is_dir() and secrets:
        for other in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _TEXT_SUFFIXES):
            report.files_checked += 1
            try:
                text = other.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                report.findings.append(VerifyFinding(str(other), "unreadable", detail=exc.strerror))
                continue
            for label in _leaks(text, secrets):
                report.findings.append(VerifyFinding(str(other), "secret_leak", detail=label))
    return report


__all__ = ["SupportsDetectBatch", "VerifyFinding", "VerifyReport", "verify_dataset"]
