"""Reading and comparing outputs of the Spark and local runs (importable as `spark_helpers`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from anonymizer import KeyRing
from pipelines.report import RunReport


@dataclass(frozen=True)
class Runs:
    """The same inputs through the local runner (workers=1) and through Spark, with the same policy and keys."""

    local_out: Path
    local: RunReport
    spark_out: Path
    spark: RunReport


# A whole-field encrypted value, or one inside text (`<TYPE:enc:v1:…>`): Fernet tokens are randomized, so
# two runs are compared on what the tokens decrypt to.
ENCRYPTED = re.compile(r"enc:v1:[0-9a-f]{12}:[A-Za-z0-9_\-]+={0,2}")


def dataset_files(root: Path) -> list[Path]:
    return sorted(root.glob("date=*/part-*.parquet"))


def dataset_rows(root: Path) -> list[dict[str, Any]]:
    """Every row of a date-partitioned dataset (without the partition column), by message id."""
    rows = [row for file in dataset_files(root) for row in pq.read_table(file).to_pylist()]
    return sorted(rows, key=lambda r: (r["conversation_id"], r["message_id"]))


def file_rows(*files: Path) -> list[dict[str, Any]]:
    rows = [row for file in files for row in pq.read_table(file).to_pylist()]
    return sorted(rows, key=lambda r: (r["conversation_id"], r["message_id"]))


def decrypted(rows: list[dict[str, Any]], keys: KeyRing) -> list[dict[str, Any]]:
    """Rows with every Fernet token replaced by its plaintext (hash tokens, masks, placeholders unchanged)."""

    def clear(value: Any) -> Any:
        if isinstance(value, str):
            return ENCRYPTED.sub(lambda m: "<decrypted:" + keys.decrypt(m.group(0)) + ">", value)
        return value

    return [{name: clear(value) for name, value in row.items()} for row in rows]


def quarantine_entries(folder: Path) -> list[dict[str, Any]]:
    entries = [json.loads(line) for file in sorted(folder.glob("*.jsonl")) for line in file.read_text().splitlines()]
    return sorted(entries, key=lambda e: (e["source"], e["location"]))
