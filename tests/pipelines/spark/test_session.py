"""A local session listens on loopback only, has no UI, and runs workers on this interpreter."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from pipelines.spark.session import ambient_session, is_local

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.mark.spark
def test_local_session_binds_the_driver_to_loopback_without_ui_and_redacts_our_variables(
    spark: SparkSession,
) -> None:
    conf = spark.sparkContext.getConf()
    assert conf.get("spark.driver.bindAddress") == "127.0.0.1"
    assert conf.get("spark.driver.host") == "127.0.0.1"
    assert conf.get("spark.ui.enabled") == "false"
    assert conf.get("spark.python.worker.reuse") == "true"
    assert "anonymizer_" in (conf.get("spark.redaction.regex") or "")
    assert spark.sparkContext.pythonExec == sys.executable


@pytest.mark.spark
def test_the_running_session_is_the_ambient_one(spark: SparkSession) -> None:
    assert ambient_session() is not None
    assert ambient_session().sparkContext is spark.sparkContext  # type: ignore[union-attr]


def test_only_local_masters_count_as_local() -> None:
    assert is_local("local") and is_local("local[*]") and is_local("local[2]")
    assert not is_local("yarn") and not is_local("spark://10.0.0.5:7077") and not is_local("localhost")
