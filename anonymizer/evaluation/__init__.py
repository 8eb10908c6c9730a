"""Measure detection quality: gold spans in, per-type precision/recall/F2 and no-leak coverage out.

    from anonymizer.evaluation import evaluate_records, evaluation_anonymizer, load_gold
    report = evaluate_records(evaluation_anonymizer(policy), records, load_gold("gold.jsonl"))
    print("\\n".join(report.lines()))
"""

from __future__ import annotations

from anonymizer.evaluation.baseline import PresidioBaseline, presidio_default_ner_configuration
from anonymizer.evaluation.evaluate import (
    OURS,
    EvaluationReport,
    SystemResult,
    TextDetector,
    conversation_batches,
    evaluate_records,
    evaluation_anonymizer,
    predict,
)
from anonymizer.evaluation.gold import GoldSpan, load_gold, read_gold
from anonymizer.evaluation.metrics import Counts, Coverage, Scores, f_beta, score_text, score_texts
from anonymizer.evaluation.types import DEFAULT_TYPE_MAPPING, TypeMapping

__all__ = [
    "DEFAULT_TYPE_MAPPING",
    "OURS",
    "Counts",
    "Coverage",
    "EvaluationReport",
    "GoldSpan",
    "PresidioBaseline",
    "Scores",
    "SystemResult",
    "TextDetector",
    "TypeMapping",
    "conversation_batches",
    "evaluate_records",
    "evaluation_anonymizer",
    "f_beta",
    "load_gold",
    "predict",
    "presidio_default_ner_configuration",
    "read_gold",
    "score_text",
    "score_texts",
]
