"""The Spark examples parse, use only names `pipelines.spark` exports, and the notebook is in Databricks format."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pipelines.spark

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "spark"
JOB = EXAMPLES / "anonymize_job.py"
NOTEBOOK = EXAMPLES / "databricks_notebook.py"


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "pipelines.spark"
        for alias in node.names
    }


def test_spark_examples_are_valid_python_using_only_exported_names() -> None:
    for path in (JOB, NOTEBOOK):
        names = imported_names(path)
        assert names, f"{path.name} does not use pipelines.spark"
        assert names <= set(pipelines.spark.__all__), f"{path.name} imports {names - set(pipelines.spark.__all__)}"


def test_databricks_notebook_is_in_source_format_with_cells() -> None:
    lines = NOTEBOOK.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Databricks notebook source"
    assert lines.count("# COMMAND ----------") >= 4
    markdown = [line for line in lines if line.startswith("# MAGIC")]
    assert markdown and markdown[0] == "# MAGIC %md"
    text = "\n".join(lines)
    assert "{{secrets/" in text and 'keys_source="env"' in text  # keys come from secrets, never the notebook


def test_spark_submit_job_shows_its_usage_without_spark() -> None:
    result = subprocess.run([sys.executable, str(JOB), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "--key-source" in result.stdout and "--out" in result.stdout
