"""Evaluation over input files: read what the runner reads, validate it the same way, score it against gold.

The records are held in memory (evaluation sets are thousands of messages, not millions) so that
conversations are batched whole even when an input lists them out of order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from anonymizer import Anonymizer, InvalidRecord, Policy, validate_record
from anonymizer.evaluation import EvaluationReport, TextDetector, evaluate_records, load_gold
from pipelines.read import expand_inputs, read_records
from pipelines.runner import ReadOptions


def read_valid_records(
    inputs: Sequence[str | Path], policy: Policy, options: ReadOptions | None = None
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The valid canonical records of every input, and how many were rejected per reason code."""
    options = options or ReadOptions()
    records: list[dict[str, Any]] = []
    rejected: Counter[str] = Counter()
    for path in expand_inputs(inputs):
        for source_record in read_records(path, options.fmt, options.mapping):
            if source_record.record is None:
                rejected[source_record.error or "unreadable"] += 1
                continue
            try:
                records.append(validate_record(source_record.record, policy))
            except InvalidRecord as exc:
                rejected[exc.reason] += 1
    return records, rejected


def evaluate(
    inputs: Sequence[str | Path],
    gold_path: str | Path,
    anonymizer: Anonymizer,
    *,
    options: ReadOptions | None = None,
    baselines: Sequence[TextDetector] = (),
) -> EvaluationReport:
    """Score `anonymizer` (and each baseline) on the inputs against the gold JSONL file."""
    options = options or ReadOptions()
    gold = load_gold(gold_path)
    records, rejected = read_valid_records(inputs, anonymizer.policy, options)
    report = evaluate_records(anonymizer, records, gold, baselines=baselines, batch_size=options.batch_size)
    report.sources = {
        "inputs": [str(p) for p in inputs],
        "gold": str(gold_path),
        "model": anonymizer.policy.detection.model,
        "policy_sha256": anonymizer.policy.sha256(),
        "records_rejected": dict(sorted(rejected.items())),
    }
    return report
