"""`anonymizer run --engine spark`: input files through Spark into the date-partitioned dataset, with a run summary.

Stages, each a `mapInArrow` over the project's own code:

1. read: one task per input file runs the project's reader for it (every format, compression, field
   mapping, line number and reason code exactly as the local runner; executors must see the paths). The
   result is persisted on the executors' disks, and a first small job collects per file the rows read, the
   dropped field names and whether reading failed: the rows of a file that failed part-way are left out, as
   the local runner leaves out a failed file.
2. anonymize + write, in one Python worker per task: rows repartitioned by (input, conversation id) and
   sorted by their position in the input, validated and anonymized in conversation-whole batches, written
   as staged Parquet and quarantine files that the driver publishes when every task has succeeded.

rows read (from stage 1) = rows written + rows quarantined (from stage 2), per file, is checked and reported.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from anonymizer import Policy
from anonymizer.secrets import KeySourceConfig
from pipelines.report import FileReport, RunReport
from pipelines.runner import SUMMARY_NAME, ReadOptions, _expand_each
from pipelines.spark.frame import (
    KeysSource,
    Prepared,
    add_findings,
    collect,
    commit,
    default_partitions,
    file_report_from_counts,
    key_source_config,
    new_run_stem,
    warm_up,
)
from pipelines.spark.session import require_pyspark, session_for
from pipelines.spark.worker import FILE_DONE, FILE_FAILED, MARKERS, AnonymizeFn, ReadFn, WriteFn

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger("chat_anonymizer.spark")
T = TypeVar("T")


class SparkRunError(RuntimeError):
    """The Spark job failed; nothing was published. The message is safe to show (no record value)."""


def run_files(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    policy: Policy | str | Path | None = None,
    keys_source: KeysSource = "env",
    *,
    options: ReadOptions | None = None,
    spark: SparkSession | None = None,
    master: str | None = None,
    partitions: int | None = None,
) -> RunReport:
    """Anonymize input files with Spark into `out_dir` (date partitions, `_quarantine/`, `run_summary.json`).

    Uses `spark` if given, else the ambient session (notebook, spark-submit), else a new one on `master`
    (default `local[*]`), stopped at the end. `startup_seconds` in the report is the session's start plus
    loading the keys and the model in the Python workers; `seconds` is the run itself.
    """
    options = options or ReadOptions()
    started = time.monotonic()
    prepared = Prepared.build(policy, keys_source)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = RunReport(command="run", metadata=prepared.anonymizer.metadata())
    paths = _expand_each(inputs, [out], report)
    if not paths:  # every input failed to match: nothing for Spark to do, the summary says why
        report.write_json(out / SUMMARY_NAME)
        return report
    created = False
    if spark is None:
        spark, created = session_for(master)
    try:
        report.workers = partitions or default_partitions(spark)
        _guarded(lambda: warm_up(spark, prepared, report.workers))
        report.startup_seconds = time.monotonic() - started
        clock = time.monotonic()
        _run(spark, paths, out, prepared, options, report, report.workers)
        report.seconds = time.monotonic() - clock
    finally:
        if created:
            spark.stop()
    report.write_json(out / SUMMARY_NAME)
    return report


def _guarded(action: Callable[[], T]) -> T:
    """Run a Spark action; a failed job becomes SparkRunError with our worker's safe message, if any."""
    try:
        return action()
    except Exception as exc:
        if type(exc).__module__.startswith(("py4j", "pyspark")):
            raise SparkRunError(f"the Spark job failed: {_worker_message(exc)}; nothing was published") from None
        raise


def _worker_message(exc: BaseException) -> str:
    """Our worker's own message from a Spark error (its Python traceback is inside), else the error's class."""
    marker = "SparkWorkerError: "
    text = str(exc)
    at = text.rfind(marker)
    if at >= 0:
        return text[at + len(marker) :].splitlines()[0].strip()
    return f"{type(exc).__name__} (the executors' logs say more)"


def _run(
    spark: SparkSession,
    paths: list[Path],
    out: Path,
    prepared: Prepared,
    options: ReadOptions,
    report: RunReport,
    partitions: int,
) -> None:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    read = _read(spark, paths, prepared, options).persist(StorageLevel.DISK_ONLY)
    try:
        markers = _guarded(
            lambda: collect(read.where(F.col("_error").isin(*MARKERS)).select("_file", "_error", "_location"))
        )
        by_file = {row["_file"]: row for row in markers}
        failed = [index for index, row in by_file.items() if row["_error"] == FILE_FAILED]
        rows_read: dict[str, int] = {}
        for index, path in enumerate(paths):
            row = by_file.get(index)
            if row is None:
                raise SparkRunError(f"the read stage lost the end of {path}; nothing was published")
            if row["_error"] == FILE_DONE:
                summary = json.loads(row["_location"])
                rows_read[str(path)] = summary["rows"]
                report.dropped_fields.update(summary["dropped_fields"])
        records = read.where(
            (F.col("_error").isNull() | ~F.col("_error").isin(*MARKERS)) & ~F.col("_file").isin(*failed)
        )
        grouped = records.repartition(partitions, "_file", "conversation_id").sortWithinPartitions(
            "_file", "conversation_id", "_index"
        )
        anonymize = AnonymizeFn(prepared.worker, "raw", batch_size=options.batch_size, max_batch=options.max_batch)
        write = WriteFn(str(out), new_run_stem(), prepared.worker.policy, prepared.anonymizer.metadata(), anonymize)
        outcome = _guarded(lambda: commit(grouped, write))
    finally:
        read.unpersist()
    for index, path in enumerate(paths):
        source = str(path)
        if index in failed:
            error = str(by_file[index]["_location"])
            report.files.append(FileReport(source=source, status="failed", error=error))
            log.error("failed: %s", error)
            continue
        file_report = file_report_from_counts(source, outcome.counts)
        file_report.rows_read = rows_read[source]
        file_report.output = str(out)
        if not file_report.balanced:
            # Cannot happen unless a stage dropped or duplicated rows; say so rather than report a false total.
            file_report.status = "failed"
            file_report.error = (
                f"row accounting failed for {source}: {file_report.rows_read} read, {file_report.rows_written} "
                f"written, {file_report.rows_quarantined} quarantined"
            )
            log.error("failed: %s", file_report.error)
        report.files.append(file_report)
    add_findings(report, outcome.counts)


def _read(spark: SparkSession, paths: list[Path], prepared: Prepared, options: ReadOptions) -> DataFrame:
    from pyspark.sql.types import BinaryType, IntegerType, LongType, StringType, StructField, StructType

    function = ReadFn(
        paths=tuple(str(p.resolve()) for p in paths),
        sources=tuple(str(p) for p in paths),
        policy=prepared.worker.policy,
        fmt=options.fmt,
        mapping=dict(options.mapping) if options.mapping else None,
    )
    schema = StructType(
        [
            StructField("_file", IntegerType()), StructField("_index", LongType()),
            StructField("_source", StringType()), StructField("_location", StringType()),
            StructField("_error", StringType()), StructField("_raw", BinaryType()),
            StructField("_record", BinaryType()), StructField("conversation_id", StringType()),
        ]
    )
    # One partition per input, so each file is read (in order) by one task.
    return spark.range(len(paths), numPartitions=len(paths)).mapInArrow(function, schema)



def key_reference(
    key_file: Path | None = None, key_config: Path | None = None, key_source: str | None = None
) -> KeySourceConfig:
    """The key-source reference the CLI's --key-file / --key-config / --key-source name (default: env)."""
    given = [name for name, value in
             (("--key-file", key_file), ("--key-config", key_config), ("--key-source", key_source)) if value]
    if len(given) > 1:
        raise ValueError(f"give only one of {', '.join(given)}")
    if key_config is not None:
        return key_source_config(KeySourceConfig.load(key_config))
    if key_source is not None:
        return key_source_config(key_source)
    if key_file is not None:
        return key_source_config(Path(key_file))
    return KeySourceConfig(source="env")


def run_cli(
    inputs: Sequence[str | Path],
    out_dir: Path,
    policy: Policy,
    keys: KeySourceConfig,
    options: ReadOptions,
    master: str | None,
) -> RunReport:
    """`anonymizer run --engine spark`: `run_files`, with a failed Spark job as a ValueError (exit 2)."""
    require_pyspark()
    try:
        return run_files(inputs, out_dir, policy, keys, options=options, master=master)
    except SparkRunError as exc:
        raise ValueError(str(exc)) from None
