"""The notebook API: anonymize_spark on a DataFrame, its quarantine, write_dataset, keys kept out of the plan."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq
import pytest
from spark_helpers import dataset_files, quarantine_entries

from anonymizer import KeyRing
from anonymizer.records import sensitive_columns
from pipelines.write.files import check_no_statistics
from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "samples" / "transcripts.jsonl"
POLICY = ROOT / "data" / "samples" / "policy.yaml"
SCHEMA = (
    "conversation_id string, message_id string, turn long, speaker string, timestamp timestamp, text string, "
    "user_id string, user_name string, user_email string, user_phone string, ip_address string, channel string"
)
KEY_MATERIAL = [
    TEST_HASH_KEY,
    TEST_FERNET_KEY,
    base64.urlsafe_b64decode(TEST_FERNET_KEY).hex(),
]


def small_frame(spark: SparkSession, extra: list[dict[str, Any]] | None = None) -> DataFrame:
    """The first 40 sample messages plus `extra` rows, through Spark's JSON reader with an explicit schema."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:40] + [json.dumps(r) for r in extra or []]
    return spark.read.schema(SCHEMA).json(spark.sparkContext.parallelize(lines, 2))


def test_no_key_material_in_the_plan_the_pickled_functions_or_the_spark_settings(
    spark: SparkSession, key_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyspark.serializers import CloudPickleSerializer

    from pipelines.spark import anonymize_spark, written_rows

    pickled: list[bytes] = []
    original = CloudPickleSerializer.dumps

    def spy(self: CloudPickleSerializer, obj: Any) -> bytes:
        data = original(self, obj)
        pickled.append(data)
        return data

    # Every Python function PySpark puts into the plan is pickled through this method.
    monkeypatch.setattr(CloudPickleSerializer, "dumps", spy)
    rows = written_rows(anonymize_spark(small_frame(spark), POLICY, key_file))
    rows.explain(extended=True)
    plans = capsys.readouterr().out + rows._jdf.queryExecution().toString()
    assert rows.count() == 40  # the closures really are the ones that ran, keys loaded by the workers
    assert any(b"AnonymizeFn" in blob for blob in pickled)
    assert any(b"keys.env" in blob for blob in pickled)  # the reference travels: the key file's name
    settings = str(spark.sparkContext.getConf().getAll()) + str(spark.sparkContext.environment)
    for secret in KEY_MATERIAL:
        assert all(secret.encode() not in blob for blob in pickled)
        assert secret not in plans
        assert secret not in settings


def test_invalid_rows_come_back_quarantined_with_encrypted_raw_and_one_row_per_input_row(
    spark: SparkSession, key_file: Path, keys: KeyRing
) -> None:
    from pipelines.spark import anonymize_spark, quarantined_rows, written_rows
    from pipelines.spark.frame import collect

    bad = [
        {"conversation_id": "q-1", "message_id": "q-1-0", "text": "   "},
        {"conversation_id": "q-2", "message_id": "q-2-0", "text": "Jane Roe, 415-555-0142"},  # fine
        {"conversation_id": "q-3", "text": "call 415-555-0177"},
    ]
    anonymized = anonymize_spark(small_frame(spark, bad), POLICY, key_file).cache()
    try:
        quarantined = [r.asDict() for r in collect(quarantined_rows(anonymized))]
        written = written_rows(anonymized).count()
    finally:
        anonymized.unpersist()
    assert written + len(quarantined) == 43
    by_reason = {q["reason"]: q for q in quarantined}
    assert sorted(by_reason) == ["empty_text", "missing_field:message_id"]
    assert by_reason["empty_text"]["location"] == "message_id q-1-0"
    assert by_reason["missing_field:message_id"]["location"].startswith("partition ")  # no id to name it by
    assert {q["source"] for q in quarantined} == {"dataframe"}
    raw = {json.loads(keys.decrypt_bytes(q["raw_encrypted"]))["conversation_id"] for q in quarantined}
    assert raw == {"q-1", "q-3"}
    assert all("415-555-0177" not in str(q) for q in quarantined)


def test_write_dataset_writes_the_partitioned_dataset_with_private_statistics_and_a_balanced_report(
    spark: SparkSession, key_file: Path, tmp_path: Path
) -> None:
    from anonymizer import Policy
    from pipelines.spark import anonymize_spark, write_dataset

    bad = [{"conversation_id": "q-1", "message_id": "q-1-0", "text": ""}]
    report = write_dataset(anonymize_spark(small_frame(spark, bad), POLICY, key_file), tmp_path / "out")
    totals = report.totals()
    assert (totals["rows_read"], totals["rows_written"], totals["rows_quarantined"]) == (41, 40, 1)
    assert report.findings_by_entity and report.metadata["chat_anonymizer.policy_sha256"] == Policy.load(POLICY).sha256()
    files = dataset_files(tmp_path / "out")
    assert files and sum(pq.read_metadata(f).num_rows for f in files) == 40
    for file in files:
        check_no_statistics(file, sensitive_columns(Policy.load(POLICY)))
        assert file.stat().st_mode & 0o777 == 0o600
    assert [e["reason"] for e in quarantine_entries(tmp_path / "out" / "_quarantine")] == ["empty_text"]
    leftovers = [p for p in (tmp_path / "out").rglob(".*") if p.is_file()]
    assert leftovers == []  # nothing staged or temporary is left behind


def test_each_python_worker_builds_its_anonymizer_once_across_tasks_and_jobs(
    spark: SparkSession, key_file: Path
) -> None:
    from pipelines.spark.frame import Prepared, collect
    from pipelines.spark.worker import WarmUpFn

    prepared = Prepared.build(POLICY, key_file)
    seen: dict[int, set[int]] = {}
    for _ in range(3):  # three jobs of four tasks each
        job = spark.range(8, numPartitions=4).mapInArrow(WarmUpFn(prepared.worker), "pid long, anonymizers long")
        for row in collect(job):
            seen.setdefault(row["pid"], set()).add(row["anonymizers"])
    assert len(seen) <= 2 * 2  # local[2]: a few reused worker processes, not one per task
    # Each worker holds exactly one Anonymizer per policy and key set (the sample runs' one, at most, beside).
    assert all(counts <= {1, 2} and len(counts) == 1 for counts in seen.values())


def test_a_worker_whose_keys_differ_from_the_drivers_fails_the_job_naming_key_ids_only(
    spark: SparkSession, key_file: Path
) -> None:
    import dataclasses

    from pipelines.spark.frame import Prepared, warm_up
    from pipelines.spark.run import SparkRunError, _guarded

    prepared = Prepared.build(POLICY, key_file)
    # As if the executors' key source held other keys than the driver's: their ids no longer match.
    other = dataclasses.replace(prepared.worker, hash_key_id="0123456789ab")
    with pytest.raises(SparkRunError) as failure:
        _guarded(lambda: warm_up(spark, dataclasses.replace(prepared, worker=other), 2))
    message = str(failure.value)
    assert "0123456789ab" in message and "not the driver's" in message
    assert all(secret not in message for secret in KEY_MATERIAL)
