"""Scale-out on Spark: the same policy, the same batch function and the same Parquet dataset as the local runner.

    pip install 'chat-anonymizer[spark]'      # PySpark; on Databricks install without the extra

    from pipelines.spark import anonymize_spark, write_dataset
    anonymized = anonymize_spark(df, "policy.yaml", keys_source="env")
    report = write_dataset(anonymized, "/Volumes/main/chat/anonymized")

`anonymize_spark` applies `Anonymizer.anonymize_records` to a DataFrame through `mapInArrow`, conversation
by conversation; `write_dataset` writes the `date=YYYY-MM-DD/` dataset with the project's Parquet writer;
`run_files` is `anonymizer run --engine spark` (files read by the project's readers inside Spark tasks).
The modules: `worker` (what runs in the Python workers), `frame` (DataFrames), `run` (files), `session`.
"""

from pipelines.spark.frame import (
    anonymize_spark,
    key_source_config,
    quarantined_rows,
    warm_up,
    write_dataset,
    written_rows,
)
from pipelines.spark.run import SparkRunError, run_files
from pipelines.spark.session import ambient_session, local_session, session_for
from pipelines.spark.worker import META_COLUMN, SparkWorkerError

__all__ = [
    "META_COLUMN",
    "SparkRunError",
    "SparkWorkerError",
    "ambient_session",
    "anonymize_spark",
    "key_source_config",
    "local_session",
    "quarantined_rows",
    "run_files",
    "session_for",
    "warm_up",
    "write_dataset",
    "written_rows",
]
