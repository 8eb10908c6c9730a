"""`anonymizer run --engine spark`: the dataset, the summary, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from spark_helpers import dataset_rows
from typer.testing import CliRunner

from pipelines.cli import EXIT_CONFIG, EXIT_INPUT_FAILED, EXIT_OK, app

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "samples" / "transcripts.jsonl"
POLICY = str(ROOT / "data" / "samples" / "policy.yaml")
runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture()
def small_input(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "small.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:25]) + "\n", encoding="utf-8")
    return path


@pytest.mark.spark
def test_run_engine_spark_writes_the_date_partitioned_dataset_and_exits_0(
    spark: SparkSession, small_input: Path, key_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("run", str(small_input), "--out", str(out), "--policy", POLICY, "--key-file", str(key_file),
                    "--engine", "spark")
    assert result.exit_code == EXIT_OK, result.output
    assert "25 rows read, 25 written, 0 quarantined" in result.output
    assert len(dataset_rows(out)) == 25 and list(out.glob("date=2026-*/part-*.parquet"))
    summary = json.loads((out / "run_summary.json").read_text())
    assert summary["totals"]["rows_written"] == 25 and summary["files"][0]["source"] == str(small_input)


@pytest.mark.spark
def test_run_engine_spark_exits_1_when_an_input_is_missing_and_still_writes_the_others(
    spark: SparkSession, small_input: Path, key_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("run", str(small_input), str(tmp_path / "nope.jsonl"), "--out", str(out), "--policy", POLICY,
                    "--key-file", str(key_file), "--engine", "spark")
    assert result.exit_code == EXIT_INPUT_FAILED
    assert "nope.jsonl" in result.output
    assert len(dataset_rows(out)) == 25


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "flink"], "unknown --engine"),
        (["--spark-master", "local[2]"], "--spark-master needs --engine spark"),
        (["--engine", "spark", "--workers", "2"], "--workers is for --engine local"),
        (["--engine", "spark", "--key-file", "k.env", "--key-source", "env"], "give only one of"),
    ],
)
def test_run_engine_options_that_cannot_work_exit_2_before_any_spark_job(
    args: list[str], message: str, small_input: Path, tmp_path: Path
) -> None:
    result = invoke("run", str(small_input), "--out", str(tmp_path / "out"), "--policy", POLICY, *args)
    assert result.exit_code == EXIT_CONFIG
    assert message in result.output


@pytest.mark.spark
def test_run_engine_spark_without_keys_or_with_another_master_exits_2(
    spark: SparkSession, small_input: Path, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)
    no_keys = invoke("run", str(small_input), "--out", str(tmp_path / "a"), "--policy", POLICY, "--engine", "spark")
    assert no_keys.exit_code == EXIT_CONFIG and "ANONYMIZER_HASH_KEY" in no_keys.output
    other = invoke("run", str(small_input), "--out", str(tmp_path / "b"), "--policy", POLICY, "--key-file",
                   str(key_file), "--engine", "spark", "--spark-master", "local[3]")
    assert other.exit_code == EXIT_CONFIG and "already running" in other.output


def test_run_engine_spark_without_pyspark_exits_2_naming_the_extra(
    small_input: Path, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` now raises ImportError
    result = invoke("run", str(small_input), "--out", str(tmp_path / "out"), "--policy", POLICY, "--key-file",
                    str(key_file), "--engine", "spark")
    assert result.exit_code == EXIT_CONFIG
    assert "chat-anonymizer[spark]" in result.output
