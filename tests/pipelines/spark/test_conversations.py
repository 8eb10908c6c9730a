"""A conversation is anonymized whole on Spark, however its rows arrive (partitions, Arrow batches)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pytest
from spark_helpers import decrypted

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.records import validate_record
from anonymizer.secrets import KeySourceConfig
from pipelines.spark.worker import META_COLUMN, AnonymizeFn, WorkerConfig

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "samples" / "transcripts.jsonl"
# Numbered placeholders make the output depend on the whole conversation: <PERSON_2> is the second distinct
# person of the conversation, so a conversation cut in two would restart at <PERSON_1> in its second half.
NUMBERED = Policy.from_dict(
    {
        **Policy.load(ROOT / "data" / "samples" / "policy.yaml").model_dump(mode="json"),
        "entities": {"PERSON": {"operator": "replace", "numbered": True}, "DEFAULT": {"operator": "replace"}},
    }
)
SPARK_SCHEMA = (
    "conversation_id string, message_id string, turn long, speaker string, timestamp timestamp, text string, "
    "user_id string, user_name string, user_email string, user_phone string, ip_address string, channel string"
)


def sample_records(limit: int | None = None) -> list[dict[str, Any]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:limit]]


def by_conversation(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        grouped[record["conversation_id"]].append(record)
    return grouped


def whole_conversation_rows(anonymizer: Anonymizer, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reference: each conversation passed whole to the batch function."""
    rows = []
    for conversation in by_conversation(records).values():
        valid = [validate_record(r, anonymizer.policy) for r in conversation]
        rows.extend(result.row for result in anonymizer.anonymize_records(valid))
    return sorted(rows, key=lambda r: r["message_id"])


@pytest.fixture(scope="module")
def numbered(keys: KeyRing) -> Anonymizer:
    return Anonymizer(NUMBERED, keys)


@pytest.fixture(scope="module")
def worker_config(numbered: Anonymizer, key_file: Path) -> WorkerConfig:
    return WorkerConfig.from_anonymizer(numbered, KeySourceConfig(source="file", file=key_file))


def test_numbered_placeholders_differ_when_a_conversation_is_split(numbered: Anonymizer) -> None:
    """The control for the tests below: splitting a conversation does change the output."""
    records = [validate_record(r, NUMBERED) for r in sample_records(200)]
    whole = [r.row["text"] for r in numbered.anonymize_records(records)]
    halves = [
        r.row["text"]
        for part in (records[i : i + 3] for i in range(0, len(records), 3))
        for r in numbered.anonymize_records(part)
    ]
    assert any("<PERSON_2>" in text for text in whole)
    assert halves != whole


def test_rows_of_a_conversation_cut_across_arrow_batches_are_regrouped(
    worker_config: WorkerConfig, numbered: Anonymizer, keys: KeyRing
) -> None:
    records = sample_records(200)
    table = pa.Table.from_pylist(records)
    batches = table.to_batches(max_chunksize=3)  # every conversation is cut by Spark's Arrow batches
    function = AnonymizeFn(worker_config, "columns", batch_size=8)
    out = pa.Table.from_batches(list(function(batches)))
    assert out.num_rows == len(records)
    rows = sorted(out.drop_columns([META_COLUMN]).to_pylist(), key=lambda r: r["message_id"])
    assert decrypted(rows, keys) == decrypted(whole_conversation_rows(numbered, records), keys)


@pytest.mark.spark
def test_a_conversation_scattered_over_partitions_and_arrow_batches_is_anonymized_whole(
    spark: SparkSession, key_file: Path, numbered: Anonymizer, keys: KeyRing
) -> None:
    from pyspark.sql import functions as F

    from pipelines.spark import anonymize_spark, written_rows
    from pipelines.spark.frame import collect

    scattered = spark.read.json(str(SAMPLE), schema=SPARK_SCHEMA).repartition(3)  # round-robin: rows scattered
    spread = collect(
        scattered.withColumn("part", F.spark_partition_id())
        .groupBy("conversation_id")
        .agg(F.countDistinct("part").alias("parts"))
    )
    assert sum(row["parts"] > 1 for row in spread) > len(spread) / 2  # most conversations really are split
    previous = spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "5")  # and cut into small Arrow batches
    try:
        rows = [r.asDict(recursive=True) for r in collect(written_rows(anonymize_spark(scattered, NUMBERED, key_file)))]
    finally:
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", previous)
    expected = whole_conversation_rows(numbered, sample_records())
    assert len(rows) == len(expected)
    # Spark hands timestamps back as naive local times; compare the anonymized values, not Python's tz labels.
    for row in [*rows, *expected]:
        row.pop("timestamp")
    assert decrypted(sorted(rows, key=lambda r: r["message_id"]), keys) == decrypted(expected, keys)
