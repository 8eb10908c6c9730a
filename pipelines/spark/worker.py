"""What runs inside Spark's Python workers: read inputs, anonymize conversation-whole batches, write Parquet.

Every function here is a picklable callable (a frozen dataclass) that `mapInArrow` ships to the executors. Its
state is the policy, a key-source *reference* (`KeySourceConfig`: "env", a key file path, a Vault path; never
a key) and the key *ids* the driver expects. The worker process loads the keys itself and builds one
Anonymizer per (policy, key source, key ids), cached at module level: PySpark reuses Python workers across
tasks (`spark.python.worker.reuse`, on by default), so the spaCy model is loaded once per worker process,
neither broadcast from the driver nor rebuilt per task.

Anonymizing goes through the local runner's own `_batches` (validation, quarantine reasons, conversation-whole
batches) and `Anonymizer.anonymize_records`, so detection and transformation have exactly one code path.
Exceptions leave a worker as `SparkWorkerError` carrying an id-and-reason message only: Spark logs a failed
task's Python traceback on the driver and the executor, and an exception message may quote a value.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import pyarrow as pa

from anonymizer import Anonymizer, AnonymizerError, KeyRing, Policy
from anonymizer.anonymize import AnonymizedRecord
from anonymizer.records import InvalidRecord, output_schema, sensitive_columns, speaker_label, validate_record
from anonymizer.secrets import KeySourceConfig
from pipelines.quarantine import Quarantine
from pipelines.read import CANONICAL_FIELDS, ReadError, SourceRecord, read_records
from pipelines.report import FileReport
from pipelines.runner import ReadOptions, _batches
from pipelines.write.dataset import PartitionedSink, partition_value, staged_name
from pipelines.write.files import atomic_output

META_COLUMN: Final = "_anonymizer"
"""The bookkeeping column of an anonymized DataFrame: null `reason` = a written row, else a quarantined one."""

META_TYPE: Final = pa.struct(
    [
        pa.field("source", pa.string()),  # input file (or the DataFrame's label)
        pa.field("location", pa.string()),  # quarantined rows: "line 12", "message_id m-7", ...
        pa.field("reason", pa.string()),  # quarantined rows: the reason code; null for written rows
        pa.field("raw_encrypted", pa.string()),  # quarantined rows: Fernet-encrypted raw record, if a key exists
        pa.field("findings", pa.map_(pa.string(), pa.int32())),  # written rows: findings per entity type
        pa.field("speaker", pa.string()),  # written rows: the speaker's role word for reports (never a name)
    ]
)

QUARANTINE_DIR: Final = "_quarantine"

# The read stage's rows: one per physical record, plus one marker row per input saying how it ended.
READ_COLUMNS: Final = ("_file", "_index", "_source", "_location", "_error", "_raw", "_record", "conversation_id")
READ_SCHEMA: Final = pa.schema(
    [
        pa.field("_file", pa.int32()),  # position of the input in the run's list
        pa.field("_index", pa.int64()),  # position of the record in its input (the local runner's order)
        pa.field("_source", pa.string()),  # the input as the user named it
        pa.field("_location", pa.string()),  # "line 12"; for a marker row its JSON summary or error
        pa.field("_error", pa.string()),  # the reader's reason code, or a marker kind
        pa.field("_raw", pa.binary()),  # raw bytes, kept only for records that will be quarantined
        pa.field("_record", pa.binary()),  # the mapped record (its used fields), pickled
        pa.field("conversation_id", pa.string()),  # the canonical conversation id, for partitioning
    ]
)
FILE_DONE: Final = "__file_done__"
FILE_FAILED: Final = "__file_failed__"
MARKERS: Final = (FILE_DONE, FILE_FAILED)

WRITE_RESULT_SCHEMA: Final = pa.schema([pa.field("staged", pa.string()), pa.field("counts", pa.string())])

_ROWS_PER_READ_BATCH: Final = 1024


class SparkWorkerError(RuntimeError):
    """A failure inside a Spark task; the message holds ids, counts and reason codes only, never a value."""


@contextlib.contextmanager
def worker_errors(stage: str) -> Iterator[None]:
    """Re-raise any failure with a message that is safe for Spark to log (our errors name ids, not values)."""
    try:
        yield
    except SparkWorkerError:
        raise
    except (AnonymizerError, ReadError) as exc:
        # The project's errors are written to name fields, files and key ids, never a value or a key.
        raise SparkWorkerError(f"{stage}: {type(exc).__name__}: {exc}") from None
    except Exception as exc:
        raise SparkWorkerError(f"{stage}: internal error ({type(exc).__name__})") from None


# ---- the per-process Anonymizer ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkerConfig:
    """All an executor needs to rebuild the driver's Anonymizer: no key, only where the keys are and their ids."""

    policy: dict[str, Any]
    policy_sha256: str
    keys_source: KeySourceConfig
    hash_key_id: str | None
    encryption_key_ids: tuple[str, ...]
    version: str

    @classmethod
    def from_anonymizer(cls, anonymizer: Anonymizer, keys_source: KeySourceConfig) -> WorkerConfig:
        from anonymizer import __version__

        return cls(
            policy=anonymizer.policy.model_dump(mode="json"),
            policy_sha256=anonymizer.policy.sha256(),
            keys_source=keys_source,
            hash_key_id=anonymizer.keys.hash_key_id,
            encryption_key_ids=tuple(anonymizer.keys.encryption_key_ids),
            version=__version__,
        )

    @property
    def cache_key(self) -> tuple[str, str, str | None, tuple[str, ...]]:
        return (self.policy_sha256, self.keys_source.model_dump_json(), self.hash_key_id, self.encryption_key_ids)

    def load_policy(self) -> Policy:
        policy = Policy.from_dict(self.policy, source="policy from the Spark driver")
        if policy.sha256() != self.policy_sha256:
            raise SparkWorkerError(
                "the policy rebuilt on this executor has another SHA-256 than on the driver: install the same "
                "chat-anonymizer version on the driver and the executors"
            )
        return policy


_ANONYMIZERS: dict[tuple[str, str, str | None, tuple[str, ...]], Anonymizer] = {}
_LOCK = threading.Lock()


def worker_anonymizer(config: WorkerConfig) -> Anonymizer:
    """This process's Anonymizer for `config`, built (keys loaded here, model loaded) on first use only."""
    cached = _ANONYMIZERS.get(config.cache_key)
    if cached is not None:
        return cached
    with _LOCK:
        cached = _ANONYMIZERS.get(config.cache_key)
        if cached is not None:
            return cached
        from anonymizer import __version__

        if __version__ != config.version:
            raise SparkWorkerError(
                f"chat-anonymizer {__version__} on this executor, {config.version} on the driver: "
                "install the same version everywhere (outputs would differ)"
            )
        policy = config.load_policy()
        keys = KeyRing.from_source(config.keys_source.build())
        if keys.hash_key_id != config.hash_key_id or tuple(keys.encryption_key_ids) != config.encryption_key_ids:
            raise SparkWorkerError(
                f"the keys this executor loaded from {keys.source} (hash key id {keys.hash_key_id}, encryption "
                f"key ids {keys.encryption_key_ids}) are not the driver's (hash key id {config.hash_key_id}, "
                f"encryption key ids {list(config.encryption_key_ids)}); give the executors the same key source"
            )
        anonymizer = Anonymizer(policy, keys)
        _ANONYMIZERS[config.cache_key] = anonymizer
        return anonymizer


def loaded_anonymizers() -> int:
    """How many Anonymizers this process holds (for tests: one per policy and key set, whatever the tasks)."""
    return len(_ANONYMIZERS)


@dataclass(frozen=True)
class WarmUpFn:
    """Build the worker's Anonymizer (keys and model) before any data arrives, so start-up is timed apart."""

    config: WorkerConfig

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        with worker_errors("warm-up"):
            worker_anonymizer(self.config)
            rows = sum(batch.num_rows for batch in batches)
            yield pa.RecordBatch.from_pydict(
                {"pid": [os.getpid()] * rows, "anonymizers": [loaded_anonymizers()] * rows},
                schema=pa.schema([("pid", pa.int64()), ("anonymizers", pa.int64())]),
            )


# ---- schemas -------------------------------------------------------------------------------------------------
def anonymized_schema(policy: Policy) -> pa.Schema:
    """The output schema of the policy plus the bookkeeping column."""
    return output_schema(policy).append(pa.field(META_COLUMN, META_TYPE))


def needed_fields(policy: Policy) -> frozenset[str]:
    """Fields validation and output can look at; the others are dropped before the shuffle."""
    return frozenset([*CANONICAL_FIELDS, *policy.output_fields(), *policy.text_fields])


def canonical_id(value: Any) -> str | None:
    """The conversation id as validation makes it (text or integer, as text); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


# ---- read stage ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadFn:
    """Read inputs with the project's own readers: one Spark row per physical record, in file order.

    Its input is `spark.range(len(paths))`: each id names one input, so files are read where the task runs
    (executors must see the paths) and only paths travel in the plan. A valid record keeps only the fields
    the policy can use; the raw bytes are kept only for records that will be quarantined (to encrypt them).
    """

    paths: tuple[str, ...]  # absolute, for executors whatever their working folder
    sources: tuple[str, ...]  # as the user named them, for reports and quarantine (as the local runner does)
    policy: dict[str, Any]
    fmt: str | None
    mapping: dict[str, str] | None

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        with worker_errors("read"):
            policy = Policy.from_dict(self.policy, source="policy from the Spark driver")
            for batch in batches:
                for file_index in batch.column(0).to_pylist():
                    yield from self._read(int(file_index), policy)

    def _read(self, file_index: int, policy: Policy) -> Iterator[pa.RecordBatch]:
        source = self.sources[file_index]
        needed = needed_fields(policy)
        output_fields = set(policy.output_fields())
        dropped: set[str] = set()
        rows: list[dict[str, Any]] = []
        index = 0
        marker: tuple[str, str]
        try:
            for record in read_records(Path(self.paths[file_index]), self.fmt, self.mapping):
                rows.append(self._row(file_index, index, source, record, policy, needed, output_fields, dropped))
                index += 1
                if len(rows) >= _ROWS_PER_READ_BATCH:
                    yield pa.RecordBatch.from_pylist(rows, schema=READ_SCHEMA)
                    rows = []
            marker = (FILE_DONE, json.dumps({"rows": index, "dropped_fields": sorted(dropped)}))
        except ReadError as exc:
            marker = (FILE_FAILED, f"{source}: {exc.problem}")
        except OSError as exc:
            marker = (FILE_FAILED, f"cannot read {source}: {exc.strerror or type(exc).__name__}")
        except Exception as exc:  # one input's failure never stops the others, and never echoes its message
            marker = (FILE_FAILED, f"internal error while processing {source} ({type(exc).__name__})")
        rows.append(
            {"_file": file_index, "_index": index, "_source": source, "_location": marker[1], "_error": marker[0]}
        )
        yield pa.RecordBatch.from_pylist(rows, schema=READ_SCHEMA)

    @staticmethod
    def _row(
        file_index: int,
        index: int,
        source: str,
        record: SourceRecord,
        policy: Policy,
        needed: frozenset[str],
        output_fields: set[str],
        dropped: set[str],
    ) -> dict[str, Any]:
        row: dict[str, Any] = {"_file": file_index, "_index": index, "_source": source, "_location": record.location}
        if record.record is None:
            row.update(_error=record.error or "unreadable", _raw=record.raw)
            return row
        raw: bytes | None = None
        try:
            validate_record(record.record, policy)
            dropped.update(k for k in record.record if k not in output_fields)
        except InvalidRecord:
            # The same bytes the local runner would encrypt into its quarantine.
            raw = record.raw
            if raw is None:
                raw = json.dumps(record.record, default=str, ensure_ascii=False).encode("utf-8")
        used = {k: v for k, v in record.record.items() if k in needed}
        # Pickle keeps the reader's Python types (datetimes, Decimals from Parquet) exactly, so validation on
        # the other side of the shuffle sees what the local runner sees. It only ever carries rows this job's
        # own read stage produced, between two stages of the same application.
        row.update(
            _raw=raw,
            _record=pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL),
            conversation_id=canonical_id(record.record.get("conversation_id")),
        )
        return row


# ---- anonymize stage -----------------------------------------------------------------------------------------
class _Collected(Quarantine):
    """Quarantine entries kept as rows of the output DataFrame instead of a file; the raw record is encrypted
    here, in the task, so it is never in clear past this point (and dropped when no encryption key exists)."""

    def __init__(self, keys: KeyRing) -> None:
        super().__init__(Path(os.devnull), keys)  # add() is overridden: no file is ever opened
        self.entries: list[dict[str, Any]] = []

    def add(self, source: str, location: str, reason: str, raw: bytes | None = None) -> None:
        encrypted = self.keys.encrypt_bytes(raw) if raw is not None and self.keys.has_encryption_key else None
        self.entries.append({"source": source, "location": location, "reason": reason, "raw_encrypted": encrypted})
        self.count += 1

    def drain(self) -> list[dict[str, Any]]:
        entries, self.entries = self.entries, []
        return entries


@dataclass(frozen=True)
class AnonymizeFn:
    """Arrow batches in (sorted so each conversation's rows are contiguous), anonymized batches out, 1:1.

    Rows are regrouped across Spark's Arrow batches: `_batches` closes a batch only at a conversation
    boundary (or at `max_batch` records, as the local runner does), so a conversation cut by
    `spark.sql.execution.arrow.maxRecordsPerBatch` is still anonymized whole. In "raw" mode the rows come
    from `ReadFn` and are regrouped per input too, since the local runner never mixes files in a batch.
    """

    config: WorkerConfig
    mode: Literal["raw", "columns"]
    batch_size: int = 256
    max_batch: int = 4096
    source_label: str = "dataframe"

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        with worker_errors("anonymize"):
            anonymizer = worker_anonymizer(self.config)
            schema = anonymized_schema(anonymizer.policy)
            options = ReadOptions(batch_size=self.batch_size, max_batch=self.max_batch)
            records = self._raw_records(batches) if self.mode == "raw" else self._column_records(batches)
            for source, group in itertools.groupby(records, key=lambda r: r.source):
                yield from _anonymize_group(source, group, anonymizer, options, schema)

    @staticmethod
    def _raw_records(batches: Iterable[pa.RecordBatch]) -> Iterator[SourceRecord]:
        for batch in batches:
            for row in batch.to_pylist():
                if row["_error"] is not None:
                    yield SourceRecord(row["_source"], row["_location"], None, row["_error"], row["_raw"])
                else:
                    record = pickle.loads(row["_record"])  # noqa: S301 - produced by ReadFn of this same job
                    yield SourceRecord(row["_source"], row["_location"], record, None, row["_raw"])

    def _column_records(self, batches: Iterable[pa.RecordBatch]) -> Iterator[SourceRecord]:
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                yield SourceRecord(self.source_label, _row_location(row, number), row, None, None)


def _row_location(row: Mapping[str, Any], number: int) -> str:
    """Where a DataFrame row is: its message id when it has a usable one (ids are written in clear anyway)."""
    message_id = canonical_id(row.get("message_id"))
    if message_id is not None and message_id.strip() and len(message_id) <= 200:
        return f"message_id {message_id}"
    try:
        from pyspark import TaskContext
    except ImportError:  # called outside Spark (tests, a local check of the function)
        return f"partition 0 row {number}"
    context = TaskContext.get()
    partition = context.partitionId() if context is not None else 0
    return f"partition {partition} row {number}"


def _anonymize_group(
    source: str,
    records: Iterable[SourceRecord],
    anonymizer: Anonymizer,
    options: ReadOptions,
    schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    """One input's records through the local runner's batching and the batch function; one row out per row in."""
    file_report = FileReport(source=source)
    collected = _Collected(anonymizer.keys)
    empty = dict.fromkeys(schema.names)
    rows_out = 0
    for batch in _batches(records, anonymizer, file_report, collected, options):
        results = anonymizer.anonymize_records(batch)
        rows = [_quarantine_row(empty, entry) for entry in collected.drain()]
        rows.extend(_written_row(source, record, result) for record, result in zip(batch, results, strict=True))
        rows_out += len(rows)
        yield pa.RecordBatch.from_pylist(rows, schema=schema)
    rest = [_quarantine_row(empty, entry) for entry in collected.drain()]
    if rest:
        rows_out += len(rest)
        yield pa.RecordBatch.from_pylist(rest, schema=schema)
    if rows_out != file_report.rows_read:
        raise SparkWorkerError(f"row accounting failed for {source}: {file_report.rows_read} in, {rows_out} out")


def _written_row(source: str, record: Mapping[str, Any], result: AnonymizedRecord) -> dict[str, Any]:
    meta = {
        "source": source,
        "findings": sorted(result.entity_counts.items()),
        "speaker": speaker_label(record.get("speaker")),
    }
    return {**result.row, META_COLUMN: meta}


def _quarantine_row(empty: Mapping[str, Any], entry: Mapping[str, Any]) -> dict[str, Any]:
    return {**empty, META_COLUMN: dict(entry)}


# ---- write stage ---------------------------------------------------------------------------------------------
@dataclass
class _Counts:
    """What one task wrote, per input: the pieces of the run report."""

    written: Counter[str] = field(default_factory=Counter)
    quarantined: dict[str, Counter[str]] = field(default_factory=dict)
    unanalysed: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    speakers: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> str:
        return json.dumps(
            {
                "written": dict(self.written),
                "quarantined": {source: dict(reasons) for source, reasons in self.quarantined.items()},
                "unanalysed": dict(self.unanalysed),
                "findings": dict(self.findings),
                "speakers": dict(self.speakers),
            }
        )


class _QuarantineFile:
    """One task's quarantine lines (the local runner's format), staged beside the dataset until published."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.staged = staged_name(final)
        self._atomic: contextlib.AbstractContextManager[Path] | None = None
        self._fh: Any = None

    def add(self, entry: Mapping[str, Any]) -> None:
        if self._fh is None:
            # Created on the first entry only, owner-only like the local runner's quarantine.
            self._atomic = atomic_output(self.staged, mode=0o600)
            self._fh = open(self._atomic.__enter__(), "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        line = {k: entry[k] for k in ("source", "location", "reason")}
        if entry.get("raw_encrypted") is not None:
            line["raw_encrypted"] = entry["raw_encrypted"]
        self._fh.write(json.dumps(line, sort_keys=True) + "\n")

    def close(self, error: BaseException | None) -> list[tuple[Path, Path]]:
        if self._fh is None or self._atomic is None:
            return []
        self._fh.close()
        self._atomic.__exit__(type(error) if error else None, error, error.__traceback__ if error else None)
        return [] if error else [(self.staged, self.final)]


@dataclass(frozen=True)
class WriteFn:
    """Write anonymized rows into the date-partitioned dataset as staged files; return what was staged.

    Parquet is written by the project's own `PartitionedSink` (pyarrow), not Spark's writer: that is what
    guarantees the same schema, the same file metadata (policy hash, key ids, versions) and no statistics for
    sensitive columns, checked on each file's footer before it is renamed into place. Each task attempt writes
    its own staged names (`part-<run>-<partition>-<attempt>-NNNN`); the driver publishes only the files of the
    attempts whose results it received, so a retried or speculative task never leaves a duplicate.
    With `anonymize`, rows are anonymized in the same task and Python worker (one model per worker process).
    """

    root: str
    run_stem: str
    policy: dict[str, Any]
    metadata: dict[str, str]
    anonymize: AnonymizeFn | None = None
    row_group_rows: int = 10_000

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        with worker_errors("write"):
            from pyspark import TaskContext

            context = TaskContext.get()
            partition, attempt = (context.partitionId(), context.attemptNumber()) if context else (0, 0)
            stem = f"{self.run_stem}-{partition:05d}-{attempt}"
            policy = Policy.from_dict(self.policy, source="policy from the Spark driver")
            root = Path(self.root)
            sink = PartitionedSink(
                root, stem, output_schema(policy), metadata=self.metadata, sensitive=sensitive_columns(policy),
                row_group_rows=self.row_group_rows,
            )
            quarantine = _QuarantineFile(root / QUARANTINE_DIR / f"q-{stem}.jsonl")
            counts = _Counts()
            rows_in = self.anonymize(batches) if self.anonymize is not None else batches
            error: BaseException | None = None
            try:
                with sink:
                    for batch in rows_in:
                        self._write(batch, sink, quarantine, counts)
            except BaseException as exc:
                error = exc
                raise
            finally:
                staged = quarantine.close(error)
            staged = [*sink.staged, *staged]
            yield pa.RecordBatch.from_pylist(
                [{"staged": json.dumps([[str(s), str(f)] for s, f in staged]), "counts": counts.to_json()}],
                schema=WRITE_RESULT_SCHEMA,
            )

    @staticmethod
    def _write(batch: pa.RecordBatch, sink: PartitionedSink, quarantine: _QuarantineFile, counts: _Counts) -> None:
        rows: list[dict[str, Any]] = []
        partitions: list[str] = []
        for row in batch.to_pylist():
            meta = row.pop(META_COLUMN) or {}
            source = meta.get("source") or "unknown"
            if meta.get("reason") is not None:
                quarantine.add(meta)
                counts.quarantined.setdefault(source, Counter())[meta["reason"]] += 1
                continue
            rows.append(row)
            partitions.append(partition_value(row.get("timestamp")))
            counts.written[source] += 1
            if row.get("pii_count") is None:
                counts.unanalysed[source] += 1
            findings = _map_items(meta.get("findings"))
            if findings:
                counts.findings.update(findings)
                counts.speakers[meta.get("speaker") or "unknown"] += sum(findings.values())
        if rows:
            sink.write(rows, partitions)


def _map_items(value: Any) -> dict[str, int]:
    """An Arrow map as pyarrow gives it back (a list of pairs), or a dict."""
    if not value:
        return {}
    if isinstance(value, Mapping):
        return {str(k): int(v) for k, v in value.items()}
    return {str(k): int(v) for k, v in value}


def merge_counts(results: Sequence[str]) -> dict[str, Any]:
    """Sum the `counts` JSON of every task."""
    written: Counter[str] = Counter()
    quarantined: dict[str, Counter[str]] = {}
    unanalysed: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for text in results:
        part = json.loads(text)
        written.update(part["written"])
        for source, reasons in part["quarantined"].items():
            quarantined.setdefault(source, Counter()).update(reasons)
        unanalysed.update(part["unanalysed"])
        findings.update(part["findings"])
        speakers.update(part["speakers"])
    return {
        "written": written, "quarantined": quarantined, "unanalysed": unanalysed, "findings": findings,
        "speakers": speakers,
    }
