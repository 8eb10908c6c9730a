"""The job in process: incremental runs, re-exports, copies, corrupt inputs, policy changes, recovery, config."""

from __future__ import annotations

import gzip
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from job_helpers import CANARY_EMAIL, CANARY_PHONE, config, messages, read_dataset, report_json, run, write_export

from anonymizer import Anonymizer, KeyRing, Policy
from anonymizer.detect.engine import Detector
from pipelines.job import EXIT_INPUT_FAILED, EXIT_OK, JobConfigError, Manifest, load_job_config, run_job
from pipelines.job.state import MANIFEST_NAME, Pending
from pipelines.read import ReadError
from pipelines.write.dataset import NULL_PARTITION


def test_second_run_over_the_same_folder_does_nothing_and_says_so(
    dirs: dict[str, Path], anon: Anonymizer, caplog: pytest.LogCaptureFixture
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6, days=["2026-03-01", "2026-03-02"]))
    write_export(dirs["exports"] / "b.jsonl", messages("b", 4))
    first = run(dirs, anon)
    assert first.exit_code == EXIT_OK and not first.nothing_new
    files_after_first = sorted(p.relative_to(dirs["out"]) for p in dirs["out"].glob("date=*/*"))
    mtimes = {p: p.stat().st_mtime_ns for p in dirs["out"].glob("date=*/*")}

    second = run(dirs, anon)

    assert second.exit_code == EXIT_OK and second.nothing_new
    assert report_json(second)["inputs"] == {
        "seen": 2, "processed": 0, "unchanged": 2, "duplicate": 0, "failed": 0, "deferred": 0,
    }
    assert sorted(p.relative_to(dirs["out"]) for p in dirs["out"].glob("date=*/*")) == files_after_first
    assert {p: p.stat().st_mtime_ns for p in dirs["out"].glob("date=*/*")} == mtimes
    assert "nothing new: 2 input(s), all already processed" in caplog.text
    assert read_dataset(dirs["out"]).height == 10


def test_a_new_file_added_later_is_processed_alone(dirs: dict[str, Path], anon: Anonymizer) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    run(dirs, anon)
    write_export(dirs["exports"] / "b.jsonl", messages("b", 5, days=["2026-03-03"]))

    result = run(dirs, anon)

    data = report_json(result)
    assert data["inputs"]["processed"] == 1 and data["inputs"]["unchanged"] == 1
    assert [f["source"] for f in data["files"]] == [str(dirs["exports"] / "b.jsonl")]
    assert data["totals"]["rows_read"] == 5
    table = read_dataset(dirs["out"])
    assert table.height == 11
    assert table["message_id"].n_unique() == 11


def test_a_reexported_file_with_new_content_replaces_its_previous_rows(dirs: dict[str, Path], anon: Anonymizer) -> None:
    export = write_export(dirs["exports"] / "daily.jsonl", messages("v1", 6, days=["2026-03-01"]))
    run(dirs, anon)
    old_files = set(dirs["out"].glob("date=*/*.parquet"))
    write_export(export, messages("v2", 4, days=["2026-03-02"]))
    os.utime(export, ns=(1, 1))  # even with an older mtime: a different size or hash makes it due

    run(dirs, anon)

    table = read_dataset(dirs["out"])
    assert sorted(table["message_id"].to_list()) == sorted(f"v2-m{i}" for i in range(4))
    assert not (old_files & set(dirs["out"].glob("date=*/*.parquet")))
    assert not (dirs["out"] / "date=2026-03-01").exists()  # its only partition emptied, so removed
    manifest = Manifest.load(dirs["state"] / MANIFEST_NAME, "x")
    assert manifest.trash == [] and manifest.pending == []


def test_a_byte_identical_copy_of_an_export_is_not_written_twice(dirs: dict[str, Path], anon: Anonymizer) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    (dirs["exports"] / "copy-of-a.jsonl").write_bytes((dirs["exports"] / "a.jsonl").read_bytes())

    result = run(dirs, anon)

    assert report_json(result)["inputs"]["duplicate"] == 1
    assert read_dataset(dirs["out"]).height == 6


def test_a_corrupt_input_among_good_ones_fails_alone_and_is_retried_next_run(
    dirs: dict[str, Path], anon: Anonymizer
) -> None:
    write_export(dirs["exports"] / "good1.jsonl", messages("g1", 4))
    write_export(dirs["exports"] / "lines.jsonl", [*messages("l", 3), "{not json", {"conversation_id": "x"}])
    (dirs["exports"] / "broken.jsonl.gz").write_bytes(gzip.compress(b"\n".join(
        json.dumps(r).encode() for r in messages("br", 50)))[:120])  # truncated gzip: unreadable as a whole
    write_export(dirs["exports"] / "good2.jsonl", messages("g2", 4))

    result = run(dirs, anon)

    assert result.exit_code == EXIT_INPUT_FAILED
    data = report_json(result)
    assert data["inputs"]["processed"] == 3 and data["inputs"]["failed"] == 1
    failed = [o for o in data["outcomes"] if o["action"] == "failed"]
    assert failed[0]["source"].endswith("broken.jsonl.gz")
    assert data["totals"]["rows_read"] == 13 and data["totals"]["rows_quarantined"] == 2
    assert data["totals"]["quarantined_by_reason"] == {"malformed_json": 1, "missing_field:message_id": 1}
    table = read_dataset(dirs["out"])
    assert table.height == 11 and not any(m.startswith("br-") for m in table["message_id"].to_list())
    quarantine = list((dirs["out"] / "_quarantine").glob("q-*.jsonl"))
    assert len(quarantine) == 1 and len(quarantine[0].read_text().splitlines()) == 2
    assert not list(dirs["out"].rglob(".*"))  # nothing staged or temporary is left behind

    again = run(dirs, anon)
    assert again.exit_code == EXIT_INPUT_FAILED
    assert report_json(again)["inputs"] == {
        "seen": 4, "processed": 0, "unchanged": 3, "duplicate": 0, "failed": 1, "deferred": 0,
    }


def test_the_dataset_reads_as_one_table_in_polars_pyarrow_and_duckdb(dirs: dict[str, Path], anon: Anonymizer) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6, days=["2026-03-01", "2026-03-02"], undated=2))
    write_export(dirs["exports"] / "b.jsonl", messages("b", 3, days=["2026-03-02"]))
    run(dirs, anon)
    out = dirs["out"]
    assert (out / f"date={NULL_PARTITION}").is_dir()

    frame = read_dataset(out)
    assert frame.height == 11
    assert frame.filter(frame["date"].is_null()).height == 2
    assert sorted(str(d) for d in frame["date"].drop_nulls().unique()) == ["2026-03-01", "2026-03-02"]

    table = pads.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 11

    duckdb = pytest.importorskip("duckdb", reason="duckdb is a test-only dependency (dev extra)")
    counts = duckdb.sql(
        f"select cast(date as varchar) as d, count(*) from read_parquet('{out}/**/*.parquet', hive_partitioning=true) "
        "group by 1 order by 1 nulls last"
    ).fetchall()
    assert counts == [("2026-03-01", 3), ("2026-03-02", 6), (None, 2)]


def test_partition_files_carry_the_single_file_schema_metadata_and_safe_statistics(
    dirs: dict[str, Path], anon: Anonymizer
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    run(dirs, anon)
    file = next(dirs["out"].glob("date=*/*.parquet"))
    parquet = pq.ParquetFile(file)
    metadata = parquet.schema_arrow.metadata
    assert metadata[b"chat_anonymizer.policy_sha256"].decode() == anon.policy.sha256()
    assert metadata[b"chat_anonymizer.hash_key_id"].decode() == anon.keys.hash_key_id
    row_group = parquet.metadata.row_group(0)
    stats = {row_group.column(i).path_in_schema: row_group.column(i).statistics for i in range(row_group.num_columns)}
    assert stats["text"] is None  # derived from PII: no min/max
    assert stats["message_id"] is not None
    cells = json.dumps(read_dataset(dirs["out"]).to_dicts(), default=str)
    assert CANARY_EMAIL not in cells and "555-0142" not in cells


def test_a_policy_change_reprocesses_every_input_and_replaces_its_outputs(
    dirs: dict[str, Path], anon: Anonymizer, keys: KeyRing, detector: Detector, tmp_path: Path
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    run(dirs, anon)
    stricter = tmp_path / "policy.yaml"
    stricter.write_text("version: 1\ntext_fields: [text]\nentities:\n  DEFAULT: {operator: redact}\n")
    other = Anonymizer(Policy.load(stricter), keys, detector=detector)

    result = run(dirs, other)

    data = report_json(result)
    assert data["inputs"]["processed"] == 1
    files = list(dirs["out"].glob("date=*/*.parquet"))
    assert files and all(other.policy.sha256()[:12] in f.name for f in files)
    assert read_dataset(dirs["out"]).height == 6


def test_an_interrupted_input_is_cleaned_up_and_redone_from_its_pending_record(
    dirs: dict[str, Path], anon: Anonymizer, caplog: pytest.LogCaptureFixture
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 4))
    run(dirs, anon)
    # What a run killed after publishing some files of input b leaves: a pending record, a published orphan
    # of a version of b that no longer exists, a staged file and a temporary file.
    manifest_path = dirs["state"] / MANIFEST_NAME
    manifest = Manifest.load(manifest_path, "x")
    manifest.pending = [Pending(source=str(dirs["exports"] / "b.jsonl"), stem="0123456789abcdef-0123456789ab",
                                run_id="20260101T000000Z-dead00")]
    manifest.save(manifest_path)
    partition = dirs["out"] / "date=2026-03-01"
    orphan = partition / "part-0123456789abcdef-0123456789ab-0000.parquet"
    orphan.write_bytes(next(partition.glob("part-*.parquet")).read_bytes())
    (partition / ".part-0123456789abcdef-0123456789ab-0001.parquet.staged").write_bytes(b"partial")
    (dirs["state"] / ".manifest.json.999.tmp").write_text("{")
    write_export(dirs["exports"] / "b.jsonl", messages("b", 3))

    result = run(dirs, anon)

    assert result.exit_code == EXIT_OK
    assert not orphan.exists() and not list(dirs["out"].rglob(".*")) and not list(dirs["state"].glob(".*"))
    assert "was interrupted by run 20260101T000000Z-dead00" in caplog.text
    table = read_dataset(dirs["out"])
    assert table.height == 7 and table["message_id"].n_unique() == 7


def test_an_empty_landing_folder_is_nothing_new_but_a_missing_one_is_an_error(
    dirs: dict[str, Path], anon: Anonymizer, tmp_path: Path
) -> None:
    assert run(dirs, anon).nothing_new
    with pytest.raises(ReadError, match="no such file or folder"):
        run(dirs, anon, input=[str(tmp_path / "not-mounted")])


def test_a_job_config_file_resolves_relative_paths_and_names_every_problem(tmp_path: Path) -> None:
    (tmp_path / "job.yaml").write_text("input: exports\nout: data/out\nstate: data/state\nkeep_days: 30\n")
    settings = load_job_config(tmp_path / "job.yaml", {"keep_days": 7, "log_format": "json"})
    assert settings.input == [str(tmp_path / "exports")] and settings.out == tmp_path / "data" / "out"
    assert settings.keep_days == 7 and settings.log_format == "json"

    (tmp_path / "bad.yaml").write_text("input: []\nout: o\nstate: o/state\nkeep_dayz: 3\nwait: -1\n")
    with pytest.raises(JobConfigError) as caught:
        load_job_config(tmp_path / "bad.yaml")
    message = str(caught.value)
    assert "bad.yaml: input: List should have at least 1 item" in message
    assert "bad.yaml: keep_dayz: unknown setting" in message
    assert "bad.yaml: wait: Input should be greater than or equal to 0" in message

    (tmp_path / "nested.yaml").write_text("input: x\nout: o\nstate: o/state\n")
    with pytest.raises(JobConfigError, match="state must not be the output folder or inside it"):
        load_job_config(tmp_path / "nested.yaml")


def test_every_example_config_in_the_repository_is_valid() -> None:
    example = Path(__file__).resolve().parents[3] / "examples" / "job.yaml"
    settings = load_job_config(example)
    assert settings.keep_days == 90 and settings.log_format == "json"


def test_the_run_report_holds_counts_and_provenance_but_no_pii(dirs: dict[str, Path], anon: Anonymizer) -> None:
    write_export(dirs["exports"] / "a.jsonl", [*messages("a", 6, days=["2026-03-01", "2026-03-02"]), "{bad"])
    result = run(dirs, anon)
    data = report_json(result)
    assert data["run_id"] == result.run_id and data["command"] == "job"
    assert data["chat_anonymizer.policy_sha256"] == anon.policy.sha256()
    assert set(data["versions"]) >= {"chat-anonymizer", "presidio-analyzer", "spacy", anon.policy.detection.model}
    assert data["findings_by_entity"]["EMAIL_ADDRESS"] == 2 and data["findings_by_speaker"]["customer"] >= 2
    assert sum(data["rows_by_date"].values()) == 6 and set(data["rows_by_date"]) == {"2026-03-01", "2026-03-02"}
    assert sum(data["findings_by_date"].values()) == data["totals"]["findings"]
    for name in ("report.json", "metrics.prom", "report.html"):
        text = (result.report_dir / name).read_text()
        assert CANARY_EMAIL not in text and CANARY_PHONE not in text and "Quarantotti" not in text


def test_a_run_of_the_library_needs_no_cli(dirs: dict[str, Path], anon: Anonymizer) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 2))
    result = run_job(config(dirs), anonymizer=anon, now=datetime(2026, 3, 5, tzinfo=UTC))
    assert result.run_id.startswith("20260305T000000Z-")
    assert (dirs["out"] / "_reports" / result.run_id / "report.html").is_file()


def test_two_workers_write_the_same_dataset_as_one(tmp_path: Path, anon: Anonymizer) -> None:
    tables = []
    for workers in (1, 2):
        dirs = {name: tmp_path / str(workers) / name for name in ("exports", "out", "state")}
        dirs["exports"].mkdir(parents=True)
        write_export(dirs["exports"] / "a.jsonl", messages("a", 40, days=["2026-03-01", "2026-03-02"]))
        write_export(dirs["exports"] / "b.jsonl", messages("b", 20))
        result = run(dirs, anon, workers=workers, batch_size=8)
        assert result.exit_code == EXIT_OK
        tables.append(read_dataset(dirs["out"]).sort("message_id"))
    assert tables[0].height == 60
    assert tables[0].equals(tables[1])


def test_verify_rescans_this_runs_files_and_a_planted_leak_fails_the_run(
    dirs: dict[str, Path], anon: Anonymizer
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    clean = run(dirs, anon, verify=True)
    verify = report_json(clean)["verify"]
    assert verify["files"] >= 1 and verify["findings"] == [] and clean.exit_code == EXIT_OK

    # verify applies the run's policy: what it keeps on purpose is a decision, not a residual.
    keep_all = Policy.from_yaml("version: 1\nentities:\n  DEFAULT: {operator: keep}")
    kept = Anonymizer(keep_all, anon.keys, detector=anon.detector)
    write_export(dirs["exports"] / "b.jsonl", messages("b", 6))
    result = run(dirs, kept, verify=True)
    assert report_json(result)["verify"]["findings"] == [] and result.exit_code == EXIT_OK

    key = (anon.keys.hash_key or b"").decode()
    leaky = messages("c", 6)
    leaky[1]["text"] = f"order status, ref {key}"
    write_export(dirs["exports"] / "c.jsonl", leaky)
    result = run(dirs, anon, verify=True)
    report = report_json(result)
    assert result.exit_code == EXIT_INPUT_FAILED
    assert report["verify"]["findings_by_kind"] == {"secret_leak": 1}
    assert key and key not in json.dumps(report) and CANARY_EMAIL not in json.dumps(report)
