"""DataFrame in, anonymized DataFrame out; and the writer that turns one into the date-partitioned dataset.

    from pipelines.spark import anonymize_spark, write_dataset
    anonymized = anonymize_spark(df, "policy.yaml", keys_source="env")    # output columns + `_anonymizer`
    report = write_dataset(anonymized, "/Volumes/main/chat/anonymized")   # date=YYYY-MM-DD/part-*.parquet

Rows are repartitioned by conversation id with an explicit partition count (hash partitioning, which adaptive
query execution never splits) and sorted within partitions, so each conversation reaches one task whole and
in turn order; the worker regroups rows across Arrow batches (see `worker.AnonymizeFn`).
"""

from __future__ import annotations

import json
import os
import secrets
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.secrets import KeySourceConfig
from pipelines.report import FileReport, RunReport
from pipelines.spark.worker import (
    META_COLUMN,
    QUARANTINE_DIR,
    WRITE_RESULT_SCHEMA,
    AnonymizeFn,
    WarmUpFn,
    WorkerConfig,
    WriteFn,
    anonymized_schema,
    merge_counts,
    needed_fields,
)
from pipelines.write.dataset import is_leftover, partition_dirs, publish

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row, SparkSession
    from pyspark.sql.types import DataType, StructType

KeysSource = str | Path | KeySourceConfig
DEFAULT_ORDER = ("turn", "timestamp", "message_id")
_METADATA_KEY = "chat_anonymizer"


def collect(frame: DataFrame) -> list[Row]:
    """`frame.collect()` without the ResourceWarning PySpark leaves behind: it closes the result socket by
    garbage collection (`pyspark.util._load_from_socket`), which warns as soon as the rows are read."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="unclosed <socket", category=ResourceWarning)
        return frame.collect()


# ---- driver-side set-up ----------------------------------------------------------------------------------------
def key_source_config(keys_source: KeysSource) -> KeySourceConfig:
    """A key-source reference: a `KeySourceConfig`, a spec (`env`, `file:PATH`, `vault:MOUNT/PATH`,
    `azure:https://…`) or a key file path. File paths are made absolute, since executors run elsewhere."""
    if isinstance(keys_source, KeySourceConfig):
        config = keys_source
    elif isinstance(keys_source, Path):
        config = KeySourceConfig(source="file", file=keys_source)
    else:
        config = KeySourceConfig.parse(keys_source)
    if config.file is not None and not config.file.is_absolute():
        config = config.model_copy(update={"file": config.file.resolve()})
    return config


@dataclass(frozen=True)
class Prepared:
    """The driver's view of a run: the Anonymizer (keys checked, model not loaded) and what executors get."""

    anonymizer: Anonymizer
    worker: WorkerConfig

    @classmethod
    def build(cls, policy: Policy | str | Path | None, keys_source: KeysSource) -> Prepared:
        """Check the policy, load the keys once on the driver (fail fast, key ids for the metadata) and check
        that the model is installed; the executors load keys and model themselves."""
        if isinstance(policy, Policy):
            loaded = policy
        else:
            loaded = Policy.load(policy) if policy is not None else Policy.default()
        source = key_source_config(keys_source)
        keys = KeyRing.from_source(source.build())
        anonymizer = Anonymizer(loaded, keys, load_model=False)
        return cls(anonymizer=anonymizer, worker=WorkerConfig.from_anonymizer(anonymizer, source))

    @property
    def policy(self) -> Policy:
        return self.anonymizer.policy


def spark_type(arrow_type: pa.DataType) -> DataType:
    """The Spark type of an output column (the few Arrow types `output_schema` and the bookkeeping use)."""
    from pyspark.sql import types as T

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return T.StringType()
    if pa.types.is_int64(arrow_type):
        return T.LongType()
    if pa.types.is_int32(arrow_type):
        return T.IntegerType()
    if pa.types.is_timestamp(arrow_type):
        return T.TimestampType()  # an instant; Arrow's time zone label does not change the values
    if pa.types.is_list(arrow_type):
        return T.ArrayType(spark_type(arrow_type.value_type), True)
    if pa.types.is_map(arrow_type):
        return T.MapType(spark_type(arrow_type.key_type), spark_type(arrow_type.item_type), True)
    if pa.types.is_struct(arrow_type):
        return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_type])
    raise TypeError(f"no Spark type for Arrow type {arrow_type}")


def spark_schema(prepared: Prepared) -> StructType:
    """The anonymized DataFrame's schema. The bookkeeping column's metadata names the policy and the output
    file metadata (ids and hashes only), so `write_dataset` needs nothing but the DataFrame."""
    from pyspark.sql import types as T

    fields = []
    for arrow_field in anonymized_schema(prepared.policy):
        metadata = None
        if arrow_field.name == META_COLUMN:
            metadata = {
                _METADATA_KEY: {"policy": prepared.worker.policy, "file_metadata": prepared.anonymizer.metadata()}
            }
        fields.append(T.StructField(arrow_field.name, spark_type(arrow_field.type), True, metadata))
    return T.StructType(fields)


def default_partitions(spark: SparkSession) -> int:
    """One partition per core the cluster offers (Spark Connect has no SparkContext: shuffle partitions)."""
    try:
        return max(1, int(spark.sparkContext.defaultParallelism))
    except Exception:  # Spark Connect: no SparkContext on the client
        return max(1, int(spark.conf.get("spark.sql.shuffle.partitions") or 1))


def warm_up(spark: SparkSession, prepared: Prepared, tasks: int | None = None) -> int:
    """Load keys and model in the Python workers before the data arrives; returns how many workers answered.

    One task per core, run together, reaches each worker process of a local master; on a cluster it warms
    most workers, the others load on their first task."""
    tasks = tasks or default_partitions(spark)
    rows = spark.range(tasks, numPartitions=tasks).mapInArrow(WarmUpFn(prepared.worker), "pid long, anonymizers long")
    return len({row["pid"] for row in collect(rows)})


# ---- anonymize -------------------------------------------------------------------------------------------------
def anonymize_spark(
    df: DataFrame,
    policy: Policy | str | Path | None = None,
    keys_source: KeysSource = "env",
    *,
    order_by: Sequence[str] | None = None,
    partitions: int | None = None,
    batch_size: int = 256,
    max_batch: int = 4096,
) -> DataFrame:
    """Anonymize a DataFrame of messages with `policy` (a Policy, a YAML path; default: the built-in one).

    Columns are the canonical ones (`conversation_id`, `message_id`, `text`, optional `turn`, `speaker`,
    `timestamp`) plus the policy's fields; other columns are dropped, as in the local runner (rename with
    `withColumnRenamed`; `input.mapping` applies to files only). Each conversation is anonymized whole, its
    rows ordered by `order_by` (default: turn, timestamp, message_id, those present).

    `keys_source` says where executors find the keys: "env" (the executors' environment: cluster environment
    variables, e.g. from Databricks secrets), "file:/path" or a Path (a key file every node can read), a
    "vault:…"/"azure:…" spec or a `KeySourceConfig`. Keys never travel in the plan: the driver loads them
    only to check them and to name their ids; each Python worker loads them itself.

    The result has the output columns (the schema of `output_schema(policy)`, as in the Parquet) plus
    `_anonymizer`, a struct: `reason` is null for an anonymized row; for a record that failed validation
    every output column is null and `source`, `location`, `reason` and `raw_encrypted` (the raw record,
    Fernet-encrypted, only when an encryption key is configured) say which and why. Every input row gives
    exactly one output row. `written_rows` and `quarantined_rows` split it; `write_dataset` writes both in
    one pass. Spark is lazy: each action on the result anonymizes again (cache it if you run several).
    """
    prepared = Prepared.build(policy, keys_source)
    return _anonymize(df, prepared, order_by=order_by, partitions=partitions, batch_size=batch_size,
                      max_batch=max_batch)


def _anonymize(
    df: DataFrame,
    prepared: Prepared,
    *,
    order_by: Sequence[str] | None,
    partitions: int | None,
    batch_size: int,
    max_batch: int,
) -> DataFrame:
    if "conversation_id" not in df.columns:
        raise ValueError("the DataFrame has no conversation_id column (rename yours with withColumnRenamed)")
    needed = needed_fields(prepared.policy)
    order = list(order_by) if order_by is not None else [c for c in DEFAULT_ORDER if c in df.columns]
    missing = [c for c in order if c not in df.columns]
    if missing:
        raise ValueError(f"order_by names columns the DataFrame does not have: {', '.join(missing)}")
    # Only what the policy can use crosses the shuffle (less raw data on executors' disks).
    kept = [c for c in df.columns if c in needed or c in order]
    count = partitions or default_partitions(df.sparkSession)
    grouped = df.select(*kept).repartition(count, "conversation_id").sortWithinPartitions("conversation_id", *order)
    function = AnonymizeFn(prepared.worker, "columns", batch_size=batch_size, max_batch=max_batch)
    return grouped.mapInArrow(function, spark_schema(prepared))


def written_rows(anonymized: DataFrame) -> DataFrame:
    """The anonymized rows only, in the output schema (the columns of the Parquet dataset)."""
    from pyspark.sql import functions as F

    return anonymized.where(F.col(f"{META_COLUMN}.reason").isNull()).drop(META_COLUMN)


def quarantined_rows(anonymized: DataFrame) -> DataFrame:
    """The records that failed validation: source, location, reason, raw_encrypted (never the raw record)."""
    from pyspark.sql import functions as F

    meta = F.col(META_COLUMN)
    return anonymized.where(meta["reason"].isNotNull()).select(
        meta["source"].alias("source"), meta["location"].alias("location"), meta["reason"].alias("reason"),
        meta["raw_encrypted"].alias("raw_encrypted"),
    )


# ---- write -----------------------------------------------------------------------------------------------------
def new_run_stem(now: datetime | None = None) -> str:
    """A sortable, unique, lower-case file-name stem for one write (`20260301t020000z-3fa9c2`)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment:%Y%m%dt%H%M%Sz}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class WriteOutcome:
    """What one write published, and the summed counts of its tasks."""

    files: list[Path]
    counts: dict[str, Any]


def write_dataset(anonymized: DataFrame, out: str | Path, *, run_stem: str | None = None) -> RunReport:
    """Write a DataFrame from `anonymize_spark` as the date-partitioned dataset the job writes, in one pass.

    `OUT/date=YYYY-MM-DD/part-<run>-<partition>-<attempt>-NNNN.parquet` (rows without a timestamp under
    `date=__HIVE_DEFAULT_PARTITION__`), quarantine lines in `OUT/_quarantine/q-<run>-….jsonl`. `out` must be a
    path every executor and the driver see (local disk for a local master; `/Volumes/…` or `/dbfs/…` on
    Databricks; an NFS or bucket mount elsewhere). Files appear only when every task has succeeded. Returns
    a RunReport: rows written and quarantined by reason, findings by entity type and speaker.
    """
    field = anonymized.schema[META_COLUMN] if META_COLUMN in anonymized.columns else None
    info = (field.metadata or {}).get(_METADATA_KEY) if field is not None else None
    if not info:
        raise ValueError(f"write_dataset needs a DataFrame returned by anonymize_spark (with its {META_COLUMN} column)")
    root = _dataset_root(out)
    function = WriteFn(str(root), run_stem or new_run_stem(), info["policy"], dict(info["file_metadata"]))
    outcome = commit(anonymized, function)
    report = RunReport(command="run", metadata=dict(info["file_metadata"]))
    sources = sorted(set(outcome.counts["written"]) | set(outcome.counts["quarantined"]))
    for source in sources:
        file_report = file_report_from_counts(source, outcome.counts)
        file_report.rows_read = file_report.rows_written + file_report.rows_quarantined  # one row out per row in
        file_report.output = str(root)
        report.files.append(file_report)
    add_findings(report, outcome.counts)
    return report


def _dataset_root(out: str | Path) -> Path:
    root = Path(out).resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root


def commit(frame: DataFrame, function: WriteFn) -> WriteOutcome:
    """Run the write tasks, then publish the staged files of the attempts that succeeded (fsync, rename).

    If the job fails, nothing is published and every staged file of this run is removed."""
    root = Path(function.root)
    schema = ", ".join(f"{f.name} string" for f in WRITE_RESULT_SCHEMA)
    try:
        results = collect(frame.mapInArrow(function, schema))
    except BaseException:
        remove_leftovers(root, function.run_stem)
        raise
    pairs = [(Path(s), Path(f)) for row in results for s, f in json.loads(row["staged"])]
    published = publish(pairs)
    remove_leftovers(root, function.run_stem)  # files of failed or speculative attempts
    return WriteOutcome(files=published, counts=merge_counts([row["counts"] for row in results]))


def remove_leftovers(root: Path, run_stem: str) -> list[Path]:
    """Delete this run's staged and temporary files (never anything another run or writer named)."""
    removed = []
    for folder in [*partition_dirs(root), root / QUARANTINE_DIR]:
        if not folder.is_dir():
            continue
        for file in folder.iterdir():
            if run_stem in file.name and is_leftover(file.name) and file.is_file():
                file.unlink(missing_ok=True)
                removed.append(file)
    for folder in partition_dirs(root):
        if not any(folder.iterdir()):
            os.rmdir(folder)
    return removed


def file_report_from_counts(source: str, counts: dict[str, Any]) -> FileReport:
    reasons: Counter[str] = counts["quarantined"].get(source, Counter())
    report = FileReport(source=source)
    report.rows_written = int(counts["written"].get(source, 0))
    report.rows_unanalysed = int(counts["unanalysed"].get(source, 0))
    report.rows_quarantined = sum(reasons.values())
    report.quarantined_by_reason = Counter(reasons)
    return report


def add_findings(report: RunReport, counts: dict[str, Any]) -> None:
    report.findings_by_entity.update(counts["findings"])
    report.findings_by_speaker.update(counts["speakers"])
