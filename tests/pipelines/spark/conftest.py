"""Fixtures for the Spark tests: ONE local Spark session for all of them, and one Spark run beside one local run.

Starting a session costs 10-20 seconds and every Python worker loads the model once, so the session, the
sample runs and the key file are session-scoped. The tests skip (with the reason) without PySpark or Java.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spark_helpers import Runs

from anonymizer import Anonymizer, KeyRing, Policy
from pipelines import runner
from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "data" / "samples"
SAMPLE = SAMPLES / "transcripts.jsonl"
POLICY_PATH = SAMPLES / "policy.yaml"

BAD_LINES = [
    "this is not json",
    '{"conversation_id": "bad-1", "message_id": "bad-1-0", "speaker": "customer"}',
    "[1, 2, 3]",
    '{"conversation_id": "bad-2", "message_id": "bad-2-0", "text": "Hi, call me on 415-555-0199", '
    '"timestamp": "yesterday-ish"}',
    "",
    '{"conversation_id": "ok-1", "message_id": "ok-1-0", "turn": 0, "speaker": "customer", '
    '"text": "Hi, I am Jane Doe, jane.doe@example.com"}',
]


def spark_available() -> str | None:
    """Why the Spark tests cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed: pip install 'chat-anonymizer[spark]' to run the Spark tests"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (Spark needs Java 17+)"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    reason = spark_available()
    if reason is not None:
        pytest.skip(reason)
    from pipelines.spark import local_session

    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers import this installation
    session = local_session(
        "local[2]",  # binds the driver to 127.0.0.1 and disables the UI (see pipelines/spark/session.py)
        app_name="chat-anonymizer-tests",
        conf={"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"},
    )
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = previous


@pytest.fixture(scope="session")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test keys in a mode-600 key file: executors load them from there (the plan carries the path)."""
    path = tmp_path_factory.mktemp("spark-keys") / "keys.env"
    path.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={TEST_FERNET_KEY}\n")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample export, a file of bad records among good ones, and a gzip cut off part-way (a failed input)."""
    folder = tmp_path_factory.mktemp("spark-inputs")
    bad = folder / "bad.jsonl"
    bad.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    whole = gzip.compress(SAMPLE.read_bytes()[:20_000])
    broken = folder / "broken.jsonl.gz"
    broken.write_bytes(whole[: len(whole) // 2])
    return [SAMPLE, bad, broken]


@pytest.fixture(scope="session")
def runs(
    spark: SparkSession, key_file: Path, inputs: list[Path], keys: KeyRing, tmp_path_factory: pytest.TempPathFactory
) -> Runs:
    from pipelines.spark import run_files

    policy = Policy.load(POLICY_PATH)
    local_out = tmp_path_factory.mktemp("local-run")
    # Its own detector, built from the policy's detection settings, exactly as `anonymizer run` builds it.
    local = runner.run(inputs, local_out, Anonymizer(policy, keys), workers=1)
    spark_out = tmp_path_factory.mktemp("spark-run")
    report = run_files(inputs, spark_out, policy, key_file, spark=spark)
    return Runs(local_out, local, spark_out, report)
