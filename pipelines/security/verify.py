"""`verify`: re-scan an output dataset for residual PII and for leaks of known secrets.

For every Parquet file under the folder:
- the text fields are re-scanned the way the run scanned them: rows are grouped by `conversation_id`
  (hashed ids group the same), ordered by `turn`, and each conversation's turns (with their `speaker`) go
  through the detector and the conversation step together, with the policy's detection settings, so what
  the run keeps on purpose (a bot's persona name, a help link an agent gives, allow-listed names) is not
  reported. Operator tokens and masked runs are blanked out first (`<PERSON_1>`, hashes, `enc:v1:` tokens
  and `(***) ***-0123` are not findings), and a finding counts only if the policy would have transformed
  it (its operator is not `keep`). Without a `conversation_id` column (or with encrypted ids, which
  cannot be grouped) each cell is scanned on its own, and the report says so;
- the other transformed columns go through the detector cell by cell; the structural columns that pass
  through unchanged (ids, speaker) and fields the policy keeps are checked with the
  e-mail/phone/card/IP patterns instead (NER on ids is noise);
- every value, every file-metadata entry and every column statistic is searched for the configured keys;
- file metadata and statistics are also searched for PII-shaped text (e-mail, phone, card, IP patterns),
  and sensitive columns must carry no min/max statistics at all.
Other files (run summaries, quarantine) are searched for the keys. The report names file, column, row,
entity type and recognizer, never the value; `ok` is False if anything was found or a file could not be
read. Memory stays bounded: files are read row group by row group and scanned in batches that close at a
conversation boundary (as the run's batches do), or at `max_batch` rows whatever the boundary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import pyarrow.parquet as pq

from anonymizer import logsafe
from anonymizer.detect.conversation import (
    ANSWER_RECOGNIZER,
    Turn,
    asked_types,
    is_follow_up,
    link_conversation,
    speaker_role,
)
from anonymizer.detect.findings import Finding, resolve_overlaps
from anonymizer.keys import ENCRYPTED_VALUE, KeyRing
from anonymizer.policy import CANONICAL_FIELDS, DetectionSettings, Policy
from anonymizer.records import sensitive_columns
from anonymizer.tokens import strip_tokens
from pipelines.security.dataset import dataset_files, string_columns

# Columns the writer is allowed to give statistics: not derived from PII.
NOT_SENSITIVE = frozenset({*(f for f in CANONICAL_FIELDS if f != "text"), "pii_count", "pii_types"})
_TEXT_SUFFIXES = (".json", ".jsonl", ".txt", ".csv", ".log", ".html", ".prom", ".yaml", ".yml")

# How a file's text fields were re-scanned (VerifyReport.files_by_context).
CONVERSATION = "conversation"
PER_CELL = "per_cell"


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
    recognizer: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class VerifyReport:
    """Files and values checked, how text was re-scanned, and every finding."""

    root: str
    files_checked: int = 0
    values_scanned: int = 0
    secrets_checked: int = 0
    findings: list[VerifyFinding] = field(default_factory=list)
    # Parquet files by how their text fields were re-scanned: `conversation` or `per_cell`.
    files_by_context: Counter[str] = field(default_factory=Counter)
    # Why a file was scanned cell by cell (file and column names only).
    notes: list[str] = field(default_factory=list)

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
            "files_by_context": dict(sorted(self.files_by_context.items())),
            "notes": list(self.notes),
            "findings_by_kind": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def summary_lines(self, limit: int = 20) -> list[str]:
        status = "clean" if self.ok else f"{len(self.findings)} finding(s)"
        lines = [
            f"verify: {self.files_checked} file(s), {self.values_scanned} values scanned, "
            f"{self.secrets_checked} secret(s) checked: {status}"
        ]
        if self.files_by_context:
            lines.append(
                "  text re-scanned: "
                + ", ".join(f"{k.replace('_', '-')}={v}" for k, v in sorted(self.files_by_context.items()))
            )
        lines.extend(f"  note: {note}" for note in self.notes[:limit])
        if len(self.notes) > limit:
            lines.append(f"  ... {len(self.notes) - limit} more note(s) in the report")
        if not self.ok:
            lines.append("  by kind: " + ", ".join(f"{k}={v}" for k, v in self.counts().items()))
        for f in self.findings[:limit]:
            where = ", ".join(
                part for part in (
                    f.column and f"column {f.column}", f.row is not None and f"row {f.row}",
                    f.entity_type, f.recognizer and f"by {f.recognizer}", f.detail,
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


# ---- detection as the run did it -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Detection:
    """What the run's policy says about detection: the detector, its settings, which types are kept, which
    columns are free text and which columns hold values the policy keeps as they are."""

    detector: SupportsDetectBatch
    settings: DetectionSettings
    is_kept: Callable[[str], bool]
    text_fields: frozenset[str]
    kept_fields: frozenset[str]

    @classmethod
    def of(cls, anonymizer_or_detector: SupportsDetectBatch, policy: Policy | None) -> _Detection:
        # An Anonymizer's own detect_batch reads each text alone; the conversation step is applied here,
        # so the raw detector underneath is the one to call.
        detector = anonymizer_or_detector
        inner: object = getattr(anonymizer_or_detector, "detector", None)
        if callable(getattr(inner, "detect_batch", None)):
            detector = cast(SupportsDetectBatch, inner)
        if policy is not None:
            kept: dict[str, bool] = {}

            def is_kept(entity_type: str) -> bool:
                if entity_type not in kept:
                    kept[entity_type] = policy.entity_operator(entity_type).operator == "keep"
                return kept[entity_type]

            return cls(
                detector, policy.detection, is_kept, frozenset(policy.text_fields),
                frozenset(name for name, spec in policy.fields.items() if spec.operator == "keep"),
            )
        settings = getattr(detector, "settings", None)
        return cls(
            detector, settings if isinstance(settings, DetectionSettings) else DetectionSettings(),
            lambda _entity: False, frozenset({"text"}), frozenset(),
        )

    def findings(self, turns: Sequence[Turn]) -> list[list[Finding]]:
        """Findings the run would have transformed, per turn: detector, conversation step, overlaps merged
        (kept types dropped where they overlap a transformed one), kept types left out."""
        wanted = [i for i, t in enumerate(turns) if t.text.strip()]
        raw: list[list[Finding]] = [[] for _ in turns]
        if wanted:
            for i, found in zip(wanted, self.detector.detect_batch([turns[i].text for i in wanted]), strict=True):
                raw[i] = list(found)
        linked = link_conversation(turns, raw, self.settings)
        return [[f for f in resolve_overlaps(fs, self.is_kept) if not self.is_kept(f.entity_type)] for fs in linked]


@dataclass
class _Row:
    row: int
    conversation: str | None
    speaker: str | None
    turn: int | None
    cells: list[tuple[str, str]]  # (column, text with the operator tokens blanked out)
    types: frozenset[str] = frozenset()  # the run's `pii_types` for the row


class _TextScan:
    """Text cells in conversation-whole batches, as the run's batches are cut (pipelines/runner.py)."""

    def __init__(self, name: str, detection: _Detection, report: VerifyReport, batch_size: int, max_batch: int) -> None:
        self.name = name
        self.detection = detection
        self.report = report
        self.batch_size = max(1, batch_size)
        self.max_batch = max(self.batch_size, max_batch)
        self.batch: list[_Row] = []
        self.current: str | None = None

    def add(self, row: _Row) -> None:
        if self.batch and (
            (len(self.batch) >= self.batch_size and row.conversation != self.current)
            or len(self.batch) >= self.max_batch
        ):
            self.flush()
        self.batch.append(row)
        self.current = row.conversation

    def flush(self) -> None:
        if not self.batch:
            return
        rows = _in_conversation_order(self.batch)
        self.batch = []
        turns: list[Turn] = []
        slots: list[tuple[int, str]] = []
        for row in rows:
            for column, text in row.cells:
                turns.append(Turn(text=text, conversation_id=row.conversation, speaker=row.speaker, field=column))
                slots.append((row.row, column))
        found = self.detection.findings(turns)
        _drop_answered(turns, [r.types for r in rows for _ in r.cells], found)
        for (row_index, column), findings in zip(slots, found, strict=True):
            for f in findings:
                self.report.findings.append(VerifyFinding(
                    self.name, "residual_pii", column=column, row=row_index, entity_type=f.entity_type,
                    start=f.start, end=f.end, recognizer=f.recognizer,
                ))


def _drop_answered(turns: Sequence[Turn], types: Sequence[frozenset[str]], found: list[list[Finding]]) -> None:
    """Drop answers the conversation step reads into a customer turn when the run already had the answer.

    The run reads the customer's next turn after a question as the answer ("zip code?" -> "94107") and
    stops looking once it has one. In the output that answer is a placeholder, so the re-scan would keep
    looking and read a later, unrelated turn as the answer. A turn whose `pii_types` (the run's findings)
    hold an asked type closes the question, as it did in the run.
    """
    asked: dict[tuple[str | None, str], tuple[list[str], str | None, bool]] = {}
    for index, turn in enumerate(turns):
        key = (turn.conversation_id if turn.conversation_id is not None else f"\x00{index}", turn.field)
        role = speaker_role(turn.speaker)
        if role == "none":
            continue
        if role in ("agent", "unknown"):
            wanted = asked_types(turn.text)
            if wanted:
                asked[key] = (wanted, turn.speaker, False)
                continue
            if role == "agent":
                if key in asked and is_follow_up(turn.text):
                    asked[key] = (asked[key][0], turn.speaker, False)
                continue
        question = asked.get(key)
        if question is None or turn.speaker == question[1]:
            continue
        wanted, asker, answered = question
        if answered:
            found[index] = [f for f in found[index] if f.recognizer != ANSWER_RECOGNIZER]
        elif types[index] & set(wanted):
            asked[key] = (wanted, asker, True)


def _in_conversation_order(rows: list[_Row]) -> list[_Row]:
    """Conversations in order of first appearance; each one's rows by `turn` when every row has one
    (ties and missing turns keep file order)."""
    groups: dict[str | None, list[_Row]] = {}
    for index, row in enumerate(rows):
        key = row.conversation if row.conversation is not None else f"\x00{index}"
        groups.setdefault(key, []).append(row)
    ordered: list[_Row] = []
    for group in groups.values():
        if len(group) > 1 and all(r.turn is not None for r in group):
            group = sorted(group, key=lambda r: (r.turn, r.row))
        ordered.extend(group)
    return ordered


def _text_context(name: str, columns: Sequence[str], first_ids: Sequence[object], report: VerifyReport) -> str:
    """`conversation` if the file's rows can be grouped into conversations, else `per_cell` with a note."""
    missing = [c for c in ("conversation_id", "turn", "speaker") if c not in columns]
    if "conversation_id" in missing:
        report.notes.append(f"{name}: no conversation_id column; text scanned cell by cell, without "
                            "conversation context (bot names and help links may be reported)")
        return PER_CELL
    if any(isinstance(v, str) and ENCRYPTED_VALUE.match(v) for v in first_ids):
        report.notes.append(f"{name}: conversation_id is encrypted and cannot group rows; text scanned cell "
                            "by cell, without conversation context")
        return PER_CELL
    if missing:
        report.notes.append(f"{name}: no {' or '.join(missing)} column; conversations read in file order"
                            + (" without speakers" if "speaker" in missing else ""))
    return CONVERSATION


def _check_parquet(
    path: Path,
    detection: _Detection,
    secrets: list[tuple[str, str]],
    sensitive: set[str] | None,
    report: VerifyReport,
    batch_size: int,
    max_batch: int,
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
    strings = string_columns(pf.schema_arrow)
    text_columns = [c for c in strings if c in detection.text_fields and c not in NOT_SENSITIVE]
    read = list(dict.fromkeys([*strings, *(c for c in ("turn", "pii_types") if c in schema_names)]))
    text_scan = _TextScan(name, detection, report, batch_size, max_batch)
    cell_scan = _TextScan(name, detection, report, batch_size, batch_size)  # no context: each cell alone
    context: str | None = None
    offset = 0
    for g in range(pf.num_row_groups):
        table = pf.read_row_group(g, columns=read)
        values = {c: table.column(c).to_pylist() for c in read}
        if context is None:
            context = PER_CELL
            if text_columns:
                context = _text_context(name, read, values.get("conversation_id", [])[:64], report)
                report.files_by_context[context] += 1
        conversations = values.get("conversation_id") if context == CONVERSATION else None
        speakers = values.get("speaker")
        turns = values.get("turn")
        pii_types = values.get("pii_types")
        for i in range(table.num_rows):
            row = offset + i
            cells: list[tuple[str, str]] = []
            for column in strings:
                value = values[column][i]
                if value is None:
                    continue
                report.values_scanned += 1
                for label in _leaks(value, secrets):
                    report.findings.append(VerifyFinding(name, "secret_leak", column=column, row=row, detail=label))
                if column in NOT_SENSITIVE or column in detection.kept_fields:
                    # Ids and speaker roles pass through untransformed, and so do fields the policy keeps;
                    # NER on "conv-000025" is noise, but an e-mail or phone number there is a leak to catch.
                    for entity in _pattern_types(value):
                        report.findings.append(VerifyFinding(name, "residual_pii", column=column, row=row,
                                                             entity_type=entity, detail="pattern"))
                    continue
                stripped = strip_tokens(value)
                if column in text_columns:
                    cells.append((column, stripped))
                elif stripped.strip():
                    cell_scan.add(_Row(row, None, None, None, [(column, stripped)]))
            if cells:
                speaker = speakers[i] if speakers is not None else None
                turn = turns[i] if turns is not None else None
                run_types = pii_types[i] if pii_types is not None else None
                conversation = conversations[i] if conversations is not None else None
                text_scan.add(_Row(
                    row,
                    conversation if isinstance(conversation, str) else None,
                    speaker if isinstance(speaker, str) else None,
                    turn if isinstance(turn, int) else None,
                    cells,
                    frozenset(t for t in run_types if isinstance(t, str))
                    if isinstance(run_types, list) else frozenset(),
                ))
        offset += table.num_rows
    text_scan.flush()
    cell_scan.flush()


def verify_dataset(
    path: str | Path,
    anonymizer_or_detector: SupportsDetectBatch,
    keys: KeyRing | None = None,
    *,
    policy: Policy | None = None,
    batch_size: int = 256,
    max_batch: int = 4096,
) -> VerifyReport:
    """Re-scan the dataset at `path` (a Parquet file or a folder of them, recursively) for residual PII
    and leaked keys; see the module docstring for what is checked.

    `anonymizer_or_detector` is an `Anonymizer` (its policy then gives the detection settings, the text
    fields, which entity types are kept and which columns are sensitive) or a `Detector` (its settings;
    every type counts; `text` is the text field); `policy` overrides the Anonymizer's. `keys` are the keys
    to look for (none: the secret search is skipped). Text is read in batches of about `batch_size` rows
    that end at a conversation boundary, never more than `max_batch` rows.
    """
    root = Path(path)
    if not root.exists():
        raise ValueError(f"{root} does not exist")
    found_policy = policy or getattr(anonymizer_or_detector, "policy", None)
    policy = found_policy if isinstance(found_policy, Policy) else None
    sensitive = set(sensitive_columns(policy)) if policy is not None else None
    detection = _Detection.of(anonymizer_or_detector, policy)
    secrets = _labelled_secrets(keys)
    report = VerifyReport(root=str(root), secrets_checked=len(secrets))
    for file in dataset_files(root):
        report.files_checked += 1
        try:
            _check_parquet(file, detection, secrets, sensitive, report, batch_size, max_batch)
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
