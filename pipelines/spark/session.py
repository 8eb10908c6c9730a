"""The Spark session a run uses: the ambient one (notebook, spark-submit) or a local one with safe defaults."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER: Final = "local[*]"
SPARK_EXTRA: Final = "pip install 'chat-anonymizer[spark]'"
# Spark hides the values of settings whose names match this in its UI, logs and event log. Spark's default
# does not match our variable names, so a key passed as `spark.executorEnv.ANONYMIZER_HASH_KEY` would show.
REDACTION_REGEX: Final = r"(?i)secret|password|token|access[.]key|anonymizer_|vault_|azure_client"


def require_pyspark() -> None:
    """Raise ValueError (the CLI's "nothing could run") naming the extra when PySpark is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise ValueError(f"the Spark engine needs PySpark: {SPARK_EXTRA}") from None


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def local_session(
    master: str = DEFAULT_MASTER, *, app_name: str = "chat-anonymizer", conf: dict[str, str] | None = None
) -> SparkSession:
    """A new Spark session for `master`, with the settings a single machine should have.

    Workers run this interpreter (so they import this installation); for a local master the driver listens
    on 127.0.0.1 only and the web UI is off, since nothing outside the machine needs them.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {
        "spark.python.worker.reuse": "true",  # one model load per worker process, not per task
        "spark.redaction.regex": REDACTION_REGEX,
        "spark.ui.showConsoleProgress": "false",
    }
    # PySpark takes the workers' interpreter from the environment when the context starts (the
    # `spark.pyspark.python` setting is read by spark-submit only).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if is_local(master):
        settings.update(
            {
                "spark.driver.bindAddress": "127.0.0.1",
                "spark.driver.host": "127.0.0.1",
                "spark.ui.enabled": "false",
            }
        )
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def ambient_session() -> SparkSession | None:
    """The session already running in this process (a notebook's `spark`, spark-submit's), if any."""
    require_pyspark()
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if SparkContext._active_spark_context is not None:  # a context exists: getOrCreate returns its session
        return SparkSession.builder.getOrCreate()
    if os.environ.get("PYSPARK_GATEWAY_PORT"):
        # Started by spark-submit: the JVM is up and configured (master, executors); attach to it.
        return SparkSession.builder.getOrCreate()
    return None


def session_for(master: str | None) -> tuple[SparkSession, bool]:
    """(session, created): the ambient session when there is one and no master is asked for, else a new one."""
    ambient = ambient_session()
    if ambient is not None:
        if master is not None and ambient.sparkContext.master != master:
            raise ValueError(
                f"a Spark session is already running with master {ambient.sparkContext.master}; "
                "omit --spark-master to use it"
            )
        return ambient, False
    return local_session(master or DEFAULT_MASTER), True
