"""Airflow DAG: run the chat-anonymizer job every night (Airflow 2.4+; BashOperator).

The job is incremental and idempotent, so Airflow retries are safe: a retried run only processes what the
failed one did not commit. Exit code 3 (another run holds the lock) marks the task skipped, not failed.
Keys come from the worker's environment (e.g. an Airflow connection or secret backend exporting
ANONYMIZER_HASH_KEY / ANONYMIZER_ENCRYPTION_KEYS), never from this file.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

ANONYMIZER = "/opt/chat-anonymizer/.venv/bin/anonymizer"
JOB_CONFIG = "/etc/chat-anonymizer/job.yaml"

with DAG(
    dag_id="chat_anonymizer_job",
    description="Anonymize newly landed chat exports into the partitioned Parquet dataset",
    schedule="15 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["chat-anonymizer", "privacy"],
) as dag:
    anonymize = BashOperator(
        task_id="anonymize_new_exports",
        bash_command=f"{ANONYMIZER} job --config {JOB_CONFIG} --log-format json",
        skip_on_exit_code=3,
        execution_timeout=timedelta(hours=6),
    )
