"""The Spark run and the local run of the same policy over the same inputs give the same output and counts."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spark_helpers import Runs, dataset_files, dataset_rows, decrypted, file_rows, quarantine_entries

from anonymizer import KeyRing, Policy
from anonymizer.records import output_schema, sensitive_columns
from pipelines.write.dataset import partition_value

pytestmark = pytest.mark.spark

POLICY = Policy.load(Path(__file__).resolve().parents[3] / "data" / "samples" / "policy.yaml")


def test_spark_rows_equal_local_rows_hash_tokens_included_and_fernet_after_decryption(
    runs: Runs, keys: KeyRing
) -> None:
    local = file_rows(*sorted(runs.local_out.glob("*.parquet")))
    spark = dataset_rows(runs.spark_out)
    assert len(spark) == len(local) > 700
    # Hash tokens, masks and placeholders are deterministic: compared as written.
    hashed = [name for name, spec in POLICY.fields.items() if spec.operator == "hash"]
    assert hashed and [[r[n] for n in hashed] for r in spark] == [[r[n] for n in hashed] for r in local]
    assert decrypted(spark, keys) == decrypted(local, keys)
    # Encrypted columns really were encrypted (and are therefore compared after decryption above).
    assert all(r["user_name"].startswith("enc:v1:") for r in spark if r["user_name"] is not None)


def test_spark_findings_and_row_counts_equal_local_counts(runs: Runs) -> None:
    assert runs.spark.findings_by_entity == runs.local.findings_by_entity
    assert runs.spark.findings_by_speaker == runs.local.findings_by_speaker
    assert sum(runs.spark.findings_by_entity.values()) > 200  # the comparison is not vacuous
    assert runs.spark.totals() == runs.local.totals()
    assert runs.spark.dropped_fields == runs.local.dropped_fields
    for spark_file, local_file in zip(runs.spark.files, runs.local.files, strict=True):
        assert (spark_file.source, spark_file.status) == (local_file.source, local_file.status)
        assert spark_file.rows_read == local_file.rows_read or spark_file.status == "failed"
        assert spark_file.quarantined_by_reason == local_file.quarantined_by_reason
        assert spark_file.rows_written == local_file.rows_written


def test_every_row_read_is_written_or_quarantined_and_the_summary_says_so(runs: Runs) -> None:
    summary = json.loads((runs.spark_out / "run_summary.json").read_text())
    totals = summary["totals"]
    assert totals["rows_read"] == totals["rows_written"] + totals["rows_quarantined"]
    assert totals["rows_quarantined"] == 4  # malformed_json, empty_text, not_an_object, bad_timestamp
    for file in summary["files"]:
        if file["status"] == "ok":
            assert file["rows_read"] == file["rows_written"] + file["rows_quarantined"]
    assert len(dataset_rows(runs.spark_out)) == totals["rows_written"]


def test_rows_of_an_input_that_fails_part_way_are_not_published(runs: Runs) -> None:
    failed = [f for f in runs.spark.files if f.status == "failed"]
    assert [f.source for f in failed] == [f.source for f in runs.local.files if f.status == "failed"]
    assert len(failed) == 1 and failed[0].source.endswith("broken.jsonl.gz")
    assert failed[0].error is not None and "broken.jsonl.gz" in failed[0].error
    sample_ids = {row["message_id"] for row in dataset_rows(runs.spark_out)}
    assert len(sample_ids) == runs.spark.totals()["rows_written"]  # no duplicate from the broken copy


def test_quarantine_has_location_reason_and_encrypted_raw_like_the_local_runner(runs: Runs, keys: KeyRing) -> None:
    spark = quarantine_entries(runs.spark_out / "_quarantine")
    local = quarantine_entries(runs.local_out / "_quarantine")
    assert [(e["source"], e["location"], e["reason"]) for e in spark] == [
        (e["source"], e["location"], e["reason"]) for e in local
    ]
    assert [keys.decrypt_bytes(e["raw_encrypted"]) for e in spark] == [
        keys.decrypt_bytes(e["raw_encrypted"]) for e in local
    ]
    text = "".join(p.read_text() for p in (runs.spark_out / "_quarantine").iterdir())
    assert "415-555-0199" not in text and "bad-2" not in text  # the raw record never in clear


def test_spark_dataset_has_the_output_schema_file_metadata_and_no_statistics_on_sensitive_columns(
    runs: Runs,
) -> None:
    local_meta = pq.read_metadata(next(runs.local_out.glob("*.parquet"))).metadata
    files = dataset_files(runs.spark_out)
    assert len(files) >= 5  # several dates, two tasks
    sensitive = set(sensitive_columns(POLICY))
    for file in files:
        dates = {partition_value(row["timestamp"]) for row in pq.read_table(file).to_pylist()}
        assert {f"date={d}" for d in dates} == {file.parent.name}
        schema = pq.read_schema(file)
        assert schema.remove_metadata() == output_schema(POLICY)
        meta = pq.read_metadata(file)
        ours = {k: v for k, v in meta.metadata.items() if k.startswith(b"chat_anonymizer.")}
        assert ours == {k: v for k, v in local_meta.items() if k.startswith(b"chat_anonymizer.")}
        assert ours[b"chat_anonymizer.policy_sha256"].decode() == POLICY.sha256()
        with_stats = set()
        for g in range(meta.num_row_groups):
            for c in range(meta.num_columns):
                chunk = meta.row_group(g).column(c)
                if chunk.is_stats_set and chunk.statistics is not None and chunk.statistics.has_min_max:
                    with_stats.add(chunk.path_in_schema.split(".")[0])
        assert not with_stats & sensitive
        assert "conversation_id" in with_stats  # statistics are on where they are safe
