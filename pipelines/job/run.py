"""The scheduled job: anonymize every new or changed export exactly once into a date-partitioned dataset.

One run, under the job lock:

1. recover: delete leftovers of an interrupted run (staged and temporary files, outputs of a `pending`
   input, `trash`), so the dataset holds exactly what the manifest says;
2. plan: list the inputs and compare each with its manifest entry (size and mtime, then content hash;
   a changed policy makes every input due again, so the dataset never mixes policies);
3. per due input: record it as pending, anonymize it into staged files (the runner's `_process_inputs` with
   a PartitionedSink), publish them (fsync, rename), then save its entry, which is the commit point;
4. retention, then the run report (JSON, Prometheus, HTML) in `out/_reports/<run id>/`.

Output names are `part-<content hash>-<policy hash>-NNNN.parquet`: a rerun of an interrupted input writes
the same names again, so whatever the interrupted run had published is replaced, never duplicated.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.anonymize import AnonymizedRecord
from anonymizer.records import output_schema, sensitive_columns
from pipelines.job.config import JobConfig, JobConfigError
from pipelines.job.lock import LOCK_NAME, JobLock
from pipelines.job.logs import RUN_ID
from pipelines.job.report import REPORTS_DIR, JobReport, Outcome, versions
from pipelines.job.retention import QUARANTINE_DIR, apply_retention
from pipelines.job.state import (
    MANIFEST_NAME,
    Entry,
    Fingerprint,
    Manifest,
    Pending,
    fingerprint,
    stat_of,
    write_atomic,
)
from pipelines.parallel import WorkerPool
from pipelines.read import ReadError, expand_inputs
from pipelines.report import RunReport
from pipelines.runner import ReadOptions, _process_inputs, auto_workers
from pipelines.write.dataset import (
    PARTITION_KEY,
    PartitionedSink,
    clean_leftovers,
    part_files,
    partition_dirs,
    partition_value,
    publish,
    staged_name,
)

log = logging.getLogger("chat_anonymizer.job")

EXIT_OK: Final = 0  # success, including "nothing new"
EXIT_INPUT_FAILED: Final = 1  # some inputs failed (named in the log and the report); the others were committed
EXIT_CONFIG: Final = 2  # nothing could run: invalid job config or policy, missing key or model, unusable state
EXIT_LOCKED: Final = 3  # another run holds the lock (still, after --wait seconds); this run did nothing

# Test hook: pause at a named point (`POINT` or `POINT:N` for its N-th time) so a test can kill the process
# exactly there. Points: pending_saved, batch_written, before_publish, after_publish, after_commit.
TEST_PAUSE_ENV: Final = "ANONYMIZER_JOB_TEST_PAUSE"


@dataclass
class JobResult:
    """What a run did; `exit_code` is what the CLI exits with."""

    run_id: str
    report: JobReport
    report_dir: Path

    @property
    def exit_code(self) -> int:
        return self.report.exit_code

    @property
    def nothing_new(self) -> bool:
        return self.report.nothing_new


def build_anonymizer(config: JobConfig) -> Anonymizer:
    """The job's Anonymizer: policy and keys checked now (a missing key fails here), model loaded when needed."""
    policy = Policy.load(config.policy) if config.policy else Policy.default()
    keys = KeyRing.load(config.key_file)
    return Anonymizer(policy, keys, load_model=False)


def new_run_id(now: datetime) -> str:
    """Sortable and unique: UTC start time plus random hex (`20260301T020000Z-3fa9c2`)."""
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def run_job(config: JobConfig, *, anonymizer: Anonymizer | None = None, now: datetime | None = None) -> JobResult:
    """Run the job once. Raises (nothing done) on bad config, policy, keys or state, and LockHeld when
    another run holds the lock; otherwise returns the result, whose exit_code is 0 or 1."""
    started = now or datetime.now(UTC)
    run_id = new_run_id(started)
    token = RUN_ID.set(run_id)
    try:
        return _Job(config, run_id, started, anonymizer).run()
    finally:
        RUN_ID.reset(token)


@dataclass
class _Due:
    path: Path
    key: str
    fp: Fingerprint
    why: str


@dataclass
class _Job:
    config: JobConfig
    run_id: str
    now: datetime
    anonymizer: Anonymizer | None
    pauses: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.out = self.config.out
        self.state = self.config.state
        self.reports = self.out / REPORTS_DIR
        self.manifest_path = self.state / MANIFEST_NAME

    # ---- the run -------------------------------------------------------------------------------------
    def run(self) -> JobResult:
        clock = time.monotonic()
        anonymizer = self.anonymizer or build_anonymizer(self.config)
        policy = anonymizer.policy
        schema = output_schema(policy)
        if PARTITION_KEY in schema.names:
            raise JobConfigError(
                f"the policy writes a column named '{PARTITION_KEY}', which is the dataset's partition key; "
                "rename that field with input.mapping"
            )
        self.state.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.out.mkdir(parents=True, exist_ok=True)
        lock = JobLock(self.state / LOCK_NAME).acquire(self.config.wait, self.run_id)
        with lock:
            if lock.stale is not None:
                log.warning(
                    "took over the lock of a run that did not finish (%s); cleaning up after it",
                    lock.stale.describe(),
                    extra={"job": {"event": "stale_lock", "previous_run_id": lock.stale.run_id}},
                )
            manifest = Manifest.load(self.manifest_path, new_job_id=secrets.token_hex(8))
            self._recover(manifest)
            report = JobReport(
                run_id=self.run_id,
                report=RunReport(command="job", metadata=anonymizer.metadata()),
                versions=versions(policy.detection.model),
                keep_days=self.config.keep_days,
                stale_lock=lock.stale,
            )
            report.report.started_at = self.now.isoformat(timespec="seconds")
            seen, due = self._plan(manifest, policy.sha256(), report)
            report.seen = seen
            if due:
                workers = self.config.workers or auto_workers([d.path for d in due], [])
                log.info(
                    "%d input(s) found, %d to process (%s)", seen, len(due),
                    ", ".join(f"{n} {why}" for why, n in sorted(Counter(d.why for d in due).items())),
                    extra={"job": {"event": "plan", "inputs": seen, "due": len(due)}},
                )
                with contextlib.ExitStack() as stack:
                    pool: WorkerPool | None = None
                    if workers > 1:
                        pool = stack.enter_context(WorkerPool(anonymizer, workers))
                        pool.start()  # every worker loads the model before the first input
                    else:
                        anonymizer.detector  # noqa: B018 - load the model (a broken one stops the run here)
                    for item in due:
                        self._process(item, anonymizer, schema, sensitive_columns(policy), manifest, report, pool)
            else:
                log.info(
                    "nothing new: %d input(s), all already processed", seen,
                    extra={"job": {"event": "nothing_new", "inputs": seen}},
                )
            if self.config.keep_days is not None:
                deleted = apply_retention(self.out, self.reports, self.config.keep_days, self.now, self.run_id)
                report.deleted = deleted.names
                manifest.drop_outputs(deleted.outputs)
                if not deleted.names:
                    log.info("retention: nothing older than %d days", self.config.keep_days)
            if self.config.verify:
                report.verify = self._verify(anonymizer, report)
            self._forget_gone_inputs(manifest)
            manifest.save(self.manifest_path)
            report.report.seconds = time.monotonic() - clock
            report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            failed = any(o.action == "failed" for o in report.outcomes)
            leaked = bool(report.verify and report.verify["findings"])
            report.exit_code = EXIT_INPUT_FAILED if failed or leaked else EXIT_OK
            report_dir = self.reports / self.run_id
            written = report.write(report_dir)
            if self.config.metrics_file is not None:
                write_atomic(self.config.metrics_file, written[1].read_bytes(), mode=0o644)
            for line in report.report.summary_lines():
                log.info("%s", line.strip())
            log.info(
                "report: %s", report_dir / "report.html",
                extra={"job": {"event": "finished", "exit_code": report.exit_code, "inputs": report.actions()}},
            )
        return JobResult(run_id=self.run_id, report=report, report_dir=report_dir)

    def _verify(self, anonymizer: Anonymizer, report: JobReport) -> dict[str, Any]:
        """`anonymizer verify` over the files this run published (earlier runs' files were checked then)."""
        from pipelines.security.verify import verify_dataset

        files = [self.out / name for o in report.outcomes if o.action == "processed" for name in o.outputs]
        findings: list[dict[str, Any]] = []
        by_kind: Counter[str] = Counter()
        for file in files:
            result = verify_dataset(file, anonymizer, anonymizer.keys)
            findings += [f.to_dict() for f in result.findings]
            by_kind.update(result.counts())
        if findings:
            log.warning(
                "verify: %d residual finding(s) in this run's output (%s); see the report",
                len(findings), ", ".join(f"{k}={v}" for k, v in sorted(by_kind.items())),
                extra={"job": {"event": "verify", "findings": len(findings)}},
            )
        else:
            log.info("verify: %d new file(s) re-scanned, nothing found", len(files))
        return {"files": len(files), "findings_by_kind": dict(sorted(by_kind.items())), "findings": findings}

    # ---- recovery ------------------------------------------------------------------------------------
    def _recover(self, manifest: Manifest) -> None:
        """Undo what an interrupted run left: the manifest names its pending input and its trash."""
        folders = [self.state, self.out / QUARANTINE_DIR, *partition_dirs(self.out)]
        if self.reports.is_dir():
            folders.extend(p for p in self.reports.iterdir() if p.is_dir())
        leftovers = clean_leftovers(folders)
        referenced = manifest.referenced()
        doomed: list[Path] = []
        for pending in manifest.pending:
            doomed.extend(part_files(self.out, pending.stem))
            doomed.append(self._quarantine_file(pending.stem))
            log.warning(
                "input %s was interrupted by run %s; its unpublished outputs are removed and it is processed again",
                pending.source, pending.run_id,
                extra={"job": {"event": "recover_pending", "previous_run_id": pending.run_id}},
            )
        doomed.extend(self.out / name for name in manifest.trash)
        removed = 0
        for path in doomed:
            if path.relative_to(self.out).as_posix() not in referenced and path.exists():
                path.unlink()
                removed += 1
        self._prune_empty_partitions()
        if leftovers or removed:
            log.info(
                "recovered from an interrupted run: removed %d temporary and %d orphaned file(s)",
                len(leftovers), removed,
            )
        if manifest.pending or manifest.trash:
            manifest.pending, manifest.trash = [], []
            manifest.save(self.manifest_path)

    def _prune_empty_partitions(self) -> None:
        for folder in partition_dirs(self.out):
            if not any(folder.iterdir()):
                folder.rmdir()

    # ---- planning ------------------------------------------------------------------------------------
    def _discover(self) -> list[Path]:
        """The inputs: an empty landing folder or a glob matching nothing is "nothing new", not an error; a
        path that does not exist at all is (the mount is probably missing)."""
        found: list[Path] = []
        exclude = [self.out, self.state]
        for item in self.config.input:
            try:
                found.extend(expand_inputs([item], exclude=exclude))
            except ReadError:
                if Path(item).is_dir() or any(c in item for c in "*?["):
                    continue
                raise
        unique: dict[str, Path] = {}
        for path in found:
            unique.setdefault(str(path.resolve()), path)
        return list(unique.values())

    def _plan(self, manifest: Manifest, policy_sha256: str, report: JobReport) -> tuple[int, list[_Due]]:
        inputs = self._discover()
        due: list[_Due] = []
        for path in inputs:
            key = str(path.resolve())
            entry = manifest.entries.get(key)
            same_policy = entry is not None and entry.policy_sha256 == policy_sha256
            try:
                if entry is not None and same_policy and not self.config.rehash:
                    size, mtime = stat_of(path)
                    if entry.fingerprint.same_stat(size, mtime):
                        continue
                fp = fingerprint(path)
            except OSError as exc:
                report.outcomes.append(Outcome(str(path), "deferred", note=f"cannot read now ({exc.strerror})"))
                continue
            if entry is not None and same_policy and entry.sha256 == fp.sha256:
                # Touched or copied over with identical bytes: nothing to redo, remember the new stat.
                entry.size, entry.mtime_ns = fp.size, fp.mtime_ns
                continue
            why = "new" if entry is None else ("changed" if same_policy else "due to a policy change")
            due.append(_Due(path, key, fp, why))
        return len(inputs), due

    # ---- one input -----------------------------------------------------------------------------------
    def _quarantine_file(self, stem: str) -> Path:
        return self.out / QUARANTINE_DIR / f"q-{stem}.jsonl"

    def _process(
        self,
        item: _Due,
        anonymizer: Anonymizer,
        schema: Any,
        sensitive: Sequence[str],
        manifest: Manifest,
        report: JobReport,
        pool: WorkerPool | None = None,
    ) -> None:
        policy_sha256 = anonymizer.policy.sha256()
        owner = manifest.owner_of_content(item.fp.sha256, policy_sha256)
        if owner is not None and owner != item.key:
            self._commit_duplicate(item, owner, policy_sha256, manifest, report)
            return
        stem = f"{item.fp.sha256[:16]}-{policy_sha256[:12]}"
        manifest.pending = [Pending(source=item.key, stem=stem, run_id=self.run_id)]
        manifest.save(self.manifest_path)
        self._pause("pending_saved")
        log.info("processing %s (%s)", item.path, item.why, extra={"job": {"event": "input_started"}})

        sinks: list[PartitionedSink] = []
        rows_by_date: Counter[str] = Counter()
        findings_by_date: Counter[str] = Counter()
        run_report = report.report
        before = (Counter(run_report.findings_by_entity), Counter(run_report.findings_by_speaker))

        def open_sink(path: Path, name: str) -> PartitionedSink:
            sink = PartitionedSink(self.out, stem, schema, metadata=anonymizer.metadata(), sensitive=sensitive)
            sinks.append(sink)
            return sink

        def write(
            sink: PartitionedSink, records: Sequence[Mapping[str, Any]], results: Sequence[AnonymizedRecord]
        ) -> int:
            partitions = [partition_value(record.get("timestamp")) for record in records]
            sink.write([result.row for result in results], partitions)
            for partition, result in zip(partitions, results, strict=True):
                rows_by_date[partition] += 1
                findings_by_date[partition] += sum(result.entity_counts.values())
            self._pause("batch_written")
            return len(results)

        q_final = self._quarantine_file(stem)
        q_staged = staged_name(q_final)
        options = ReadOptions(
            fmt=self.config.format,
            mapping={**anonymizer.policy.input.mapping, **self.config.mapping} or None,
            batch_size=self.config.batch_size,
        )
        files_before = len(run_report.files)
        try:
            _process_inputs(
                [item.path], anonymizer, run_report, options, [self.out, self.state], open_sink, write,
                lambda name: q_staged, None, pool=pool,
            )
        except ReadError as exc:  # the input vanished between planning and reading
            self._discard(sinks, q_staged)
            report.outcomes.append(Outcome(str(item.path), "deferred", note=exc.problem))
            return
        file_report = run_report.files[files_before]
        pairs = [pair for sink in sinks for pair in sink.staged]
        if q_staged.exists():
            pairs.append((q_staged, q_final))

        def undo_counts() -> None:
            run_report.findings_by_entity, run_report.findings_by_speaker = before

        if file_report.status != "ok":
            self._discard(sinks, q_staged)
            undo_counts()
            manifest.pending = []
            report.outcomes.append(Outcome(str(item.path), "failed", note=file_report.error))
            return
        if stat_of(item.path) != (item.fp.size, item.fp.mtime_ns):
            # Still being written by the exporter: what was read may be partial. Next run takes it whole.
            self._discard(sinks, q_staged)
            undo_counts()
            run_report.files.pop(files_before)
            manifest.pending = []
            log.warning("input %s changed while it was read; it is processed again by the next run", item.path)
            report.outcomes.append(Outcome(str(item.path), "deferred", note="changed while being read"))
            return

        self._pause("before_publish")
        finals = publish(pairs)
        self._pause("after_publish")
        names = [p.relative_to(self.out).as_posix() for p in finals]
        quarantine_name = q_final.relative_to(self.out).as_posix()
        previous = manifest.entries.get(item.key)
        manifest.entries[item.key] = Entry(
            size=item.fp.size,
            mtime_ns=item.fp.mtime_ns,
            sha256=item.fp.sha256,
            policy_sha256=policy_sha256,
            outputs=[n for n in names if n != quarantine_name],
            quarantine=quarantine_name if quarantine_name in names else None,
            rows_read=file_report.rows_read,
            rows_written=file_report.rows_written,
            rows_quarantined=file_report.rows_quarantined,
            run_id=self.run_id,
            processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        manifest.pending = []
        if previous is not None:
            # The previous version's files go in the same write that stops referencing them.
            still_used = manifest.referenced()
            manifest.trash.extend(n for n in previous.owned() if n not in still_used)
        manifest.save(self.manifest_path)  # the commit point
        self._pause("after_commit")
        self._empty_trash(manifest)
        report.rows_by_date.update(rows_by_date)
        report.findings_by_date.update(findings_by_date)
        entry = manifest.entries[item.key]
        report.outcomes.append(Outcome(str(item.path), "processed", outputs=entry.outputs, quarantine=entry.quarantine))
        log.info(
            "done %s: %d rows read, %d written to %d partition(s), %d quarantined",
            item.path, file_report.rows_read, file_report.rows_written, len(rows_by_date), file_report.rows_quarantined,
            extra={"job": {
                "event": "input_done", "rows_read": file_report.rows_read, "rows_written": file_report.rows_written,
                "rows_quarantined": file_report.rows_quarantined,
            }},
        )

    def _commit_duplicate(
        self, item: _Due, owner: str, policy_sha256: str, manifest: Manifest, report: JobReport
    ) -> None:
        """A byte-identical copy of an input already processed: its rows are in the dataset once already."""
        source = manifest.entries[owner]
        previous = manifest.entries.get(item.key)
        manifest.entries[item.key] = Entry(
            size=item.fp.size, mtime_ns=item.fp.mtime_ns, sha256=item.fp.sha256, policy_sha256=policy_sha256,
            outputs=list(source.outputs), quarantine=source.quarantine, run_id=self.run_id,
            processed_at=datetime.now(UTC).isoformat(timespec="seconds"), duplicate_of=owner,
        )
        if previous is not None:
            still_used = manifest.referenced()
            manifest.trash.extend(n for n in previous.owned() if n not in still_used)
        manifest.save(self.manifest_path)
        self._empty_trash(manifest)
        log.info("%s has the same content as %s; its rows are not written again", item.path, owner)
        report.outcomes.append(Outcome(str(item.path), "duplicate", duplicate_of=owner))

    def _empty_trash(self, manifest: Manifest) -> None:
        for name in manifest.trash:
            (self.out / name).unlink(missing_ok=True)
        manifest.trash = []
        self._prune_empty_partitions()

    @staticmethod
    def _discard(sinks: Sequence[PartitionedSink], q_staged: Path) -> None:
        for sink in sinks:
            sink.discard()
        q_staged.unlink(missing_ok=True)

    def _forget_gone_inputs(self, manifest: Manifest) -> None:
        """Entries of inputs that no longer exist and own no file any more are history: drop them."""
        for key in [k for k, e in manifest.entries.items() if not Path(k).exists() and not e.owned()]:
            del manifest.entries[key]

    # ---- test hook -----------------------------------------------------------------------------------
    def _pause(self, point: str) -> None:
        spec = os.environ.get(TEST_PAUSE_ENV)
        if not spec:
            return
        name, _, nth = spec.partition(":")
        if name != point:
            return
        self.pauses[point] += 1
        if self.pauses[point] != int(nth or 1):
            return
        marker = os.environ.get(f"{TEST_PAUSE_ENV}_FILE")
        log.warning("test hook: paused at %s", point)
        if marker:
            Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(float(os.environ.get(f"{TEST_PAUSE_ENV}_SECONDS", "600")))
