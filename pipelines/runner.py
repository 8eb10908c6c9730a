"""The streaming runner: read -> validate -> anonymize in conversation-whole batches -> write, per input file.

Memory is bounded by the batch size: records stream from the reader, a batch closes at a conversation
boundary once it holds `batch_size` records (or at `max_batch` records whatever the boundary, so one huge
conversation cannot exhaust memory), and output row groups are flushed as they fill.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anonymizer import Anonymizer
from anonymizer.anonymize import AnonymizedRecord
from anonymizer.records import InvalidRecord, output_schema, sensitive_columns, speaker_label, validate_record
from pipelines.parallel import WorkerPool, peak_rss_mb
from pipelines.quarantine import Quarantine
from pipelines.read import ReadError, SourceRecord, expand_inputs, read_records
from pipelines.report import FileReport, RunReport
from pipelines.write import FindingsSink, ParquetSink

log = logging.getLogger("chat_anonymizer")

QUARANTINE_DIR = "_quarantine"
SUMMARY_NAME = "run_summary.json"
ProgressFn = Callable[[int], None]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: format (None = detect per file), field mapping, and batching."""

    fmt: str | None = None
    mapping: Mapping[str, str] | None = None
    batch_size: int = 256
    max_batch: int = 4096


def _batches(
    records: Iterable[SourceRecord],
    anonymizer: Anonymizer,
    file_report: FileReport,
    quarantine: Quarantine,
    options: ReadOptions,
) -> Iterator[list[dict[str, Any]]]:
    """Valid records in conversation-whole batches; every other record goes to quarantine with a reason."""
    policy = anonymizer.policy
    batch: list[dict[str, Any]] = []
    current: str | None = None
    for source_record in records:
        file_report.rows_read += 1
        if source_record.record is None:
            reason = source_record.error or "unreadable"
            quarantine.add(source_record.source, source_record.location, reason, source_record.raw)
            file_report.quarantine(reason)
            continue
        try:
            record = validate_record(source_record.record, policy)
        except InvalidRecord as exc:
            raw = source_record.raw
            if raw is None:
                raw = json.dumps(source_record.record, default=str, ensure_ascii=False).encode("utf-8")
            quarantine.add(source_record.source, source_record.location, exc.reason, raw)
            file_report.quarantine(exc.reason)
            continue
        conversation = record["conversation_id"]
        if batch and (
            (len(batch) >= options.batch_size and conversation != current) or len(batch) >= options.max_batch
        ):
            yield batch
            batch = []
        batch.append(record)
        current = conversation
    if batch:
        yield batch


def _account(
    report: RunReport,
    file_report: FileReport,
    records: Sequence[Mapping[str, Any]],
    results: Sequence[AnonymizedRecord],
) -> None:
    for record, result in zip(records, results, strict=True):
        if not result.analysed:
            file_report.rows_unanalysed += 1
        counts = result.entity_counts
        if counts:
            report.findings_by_entity.update(counts)
            report.findings_by_speaker[speaker_label(record.get("speaker"))] += sum(counts.values())


def _output_name(path: Path, used: set[str]) -> str:
    name = path.name
    for suffix in (".gz", ".zst", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".transcript"):
        name = name.removesuffix(suffix)
    name = name or "input"
    candidate, n = name, 2
    while candidate in used:
        candidate = f"{name}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def _expand_each(inputs: Sequence[str | Path], exclude: Sequence[Path], report: RunReport) -> list[Path]:
    """Every input's files, in order; an input that matches nothing is a failed input, not a stopped run."""
    paths: list[Path] = []
    for item in inputs:
        try:
            found = expand_inputs([item], exclude=exclude)
        except ReadError as exc:
            report.files.append(FileReport(source=str(item), status="failed", error=str(exc)))
            log.error("failed: %s", exc)
            continue
        paths.extend(p for p in found if p not in paths)
    return paths


def _process_inputs(
    inputs: Sequence[str | Path],
    anonymizer: Anonymizer,
    report: RunReport,
    options: ReadOptions,
    exclude: Sequence[Path],
    open_sink: Callable[[Path, str], Any],
    write: Callable[[Any, Sequence[Mapping[str, Any]], Sequence[AnonymizedRecord]], int],
    quarantine_path: Callable[[str], Path],
    progress: ProgressFn | None,
    *,
    pool: WorkerPool | None = None,
) -> None:
    """Each input through read -> validate -> anonymize -> write; a failing input never stops the others.

    With a `pool`, batches are anonymized in worker processes (in order); without, in this process.
    """
    used: set[str] = set()
    output_fields = set(anonymizer.output_fields)
    for path in _expand_each(inputs, exclude, report):
        name = _output_name(path, used)
        file_report = FileReport(source=str(path))
        report.files.append(file_report)
        quarantine = Quarantine(quarantine_path(name), anonymizer.keys)
        try:
            with open_sink(path, name) as sink:
                batches = _batches(
                    read_records(path, options.fmt, options.mapping), anonymizer, file_report, quarantine, options
                )
                processed: Iterable[tuple[list[dict[str, Any]], list[AnonymizedRecord]]] = (
                    pool.map(batches) if pool is not None else ((b, anonymizer.anonymize_records(b)) for b in batches)
                )
                for batch, results in processed:
                    for record in batch:
                        report.dropped_fields.update(k for k in record if k not in output_fields)
                    file_report.rows_written += write(sink, batch, results)
                    _account(report, file_report, batch, results)
                    if progress is not None:
                        progress(len(batch))
                file_report.output = str(getattr(sink, "path", "")) or None
            quarantine.commit()
        except ReadError as exc:
            file_report.status, file_report.error = "failed", str(exc)
            quarantine.discard()
        except OSError as exc:
            file_report.status = "failed"
            file_report.error = f"cannot read {path}: {exc.strerror or type(exc).__name__}"
            quarantine.discard()
        except Exception as exc:  # never let one file's failure stop the others, never echo its message
            file_report.status = "failed"
            file_report.error = f"internal error while processing {path} ({type(exc).__name__})"
            log.error("internal error while processing %s (%s)", path, type(exc).__name__)
            quarantine.discard()
        if file_report.status == "failed":
            log.error("failed: %s", file_report.error)


AUTO_WORKERS_MIN_BYTES = 4_000_000


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def auto_workers(inputs: Sequence[str | Path], exclude: Sequence[Path]) -> int:
    """All cores, unless the inputs are too small to repay starting a process per core."""
    total = 0
    for item in inputs:
        try:
            paths = expand_inputs([item], exclude=exclude)
        except ReadError:
            continue
        for path in paths:
            files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            total += sum(p.stat().st_size for p in files)
    return cores() if total >= AUTO_WORKERS_MIN_BYTES else 1


@contextlib.contextmanager
def _workers(anonymizer: Anonymizer, workers: int, report: RunReport) -> Iterator[WorkerPool | None]:
    """A started worker pool for `workers` > 1 (start-up timed apart from the work), else None."""
    report.workers = max(1, workers)
    started = time.monotonic()
    if workers <= 1:
        anonymizer.detector  # noqa: B018 - load the model now, so start-up is not timed as work
        report.startup_seconds = time.monotonic() - started
        yield None
        report.peak_rss_mb = {"main": round(peak_rss_mb(), 1)}
        return
    with WorkerPool(anonymizer, workers) as pool:
        pool.start()
        report.startup_seconds = time.monotonic() - started
        yield pool
        report.peak_rss_mb = {"main": round(peak_rss_mb(), 1)} | {
            f"worker-{n}": round(rss, 1) for n, rss in enumerate(sorted(pool.peak_rss_mb.values()), start=1)
        }


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    anonymizer: Anonymizer,
    *,
    options: ReadOptions | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = 1,
) -> RunReport:
    """Anonymize every input into `out_dir/<name>.parquet`; quarantine in `out_dir/_quarantine/`;
    the run summary in `out_dir/run_summary.json`. `workers` > 1 anonymizes in that many processes;
    None picks all cores for inputs over 4 MB."""
    options = options or ReadOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = RunReport(command="run", metadata=anonymizer.metadata())
    schema = output_schema(anonymizer.policy)
    sensitive = sensitive_columns(anonymizer.policy)

    def open_sink(path: Path, name: str) -> ParquetSink:
        return ParquetSink(out / f"{name}.parquet", schema, metadata=anonymizer.metadata(), sensitive=sensitive)

    def write(sink: ParquetSink, records: Sequence[Mapping[str, Any]], results: Sequence[AnonymizedRecord]) -> int:
        sink.write([r.row for r in results])
        return len(results)

    if workers is None:
        workers = auto_workers(inputs, [out])
    with _workers(anonymizer, workers, report) as pool:
        started = time.monotonic()
        _process_inputs(
            inputs, anonymizer, report, options, [out], open_sink, write,
            lambda name: out / QUARANTINE_DIR / f"{name}.jsonl", progress, pool=pool,
        )
        report.seconds = time.monotonic() - started
    report.write_json(out / SUMMARY_NAME)
    return report


def scan(
    inputs: Sequence[str | Path],
    out_file: str | Path,
    anonymizer: Anonymizer,
    *,
    options: ReadOptions | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = 1,
) -> RunReport:
    """Write findings only (ids, positions, types, scores; no text) to `out_file` (.jsonl or .parquet),
    with the summary beside it as `<out_file>.summary.json`."""
    options = options or ReadOptions()
    out = Path(out_file)
    report = RunReport(command="scan", metadata=anonymizer.metadata())
    fields = anonymizer.policy.text_fields

    def write(sink: FindingsSink, records: Sequence[Mapping[str, Any]], results: Sequence[AnonymizedRecord]) -> int:
        rows = []
        for record, result in zip(records, results, strict=True):
            for name in fields:
                for f in result.findings.get(name, []):
                    rows.append(
                        {
                            "conversation_id": record["conversation_id"],
                            "message_id": record["message_id"],
                            "field": name,
                            **f.to_dict(),
                        }
                    )
        sink.write(rows)
        return len(results)

    class _Shared:
        """One findings file for all inputs: entered once, kept open across files."""

        def __init__(self) -> None:
            self.sink = FindingsSink(out)
            self.path = out

        def __enter__(self) -> FindingsSink:
            return self.sink

        def __exit__(self, *exc: object) -> None:
            return None

    shared = _Shared()
    if workers is None:
        workers = auto_workers(inputs, [out])
    with _workers(anonymizer, workers, report) as pool, shared.sink:
        started = time.monotonic()
        _process_inputs(
            inputs, anonymizer, report, options, [out], lambda path, name: shared, write,
            lambda name: out.with_name(f"{out.name}.quarantine") / f"{name}.jsonl", progress, pool=pool,
        )
        report.seconds = time.monotonic() - started
    report.write_json(out.with_name(f"{out.name}.summary.json"))
    return report
