"""Span matching and metrics: precision, recall and F2 (exact and overlap), and no-leak coverage.

Definitions (each text scored on its own, then summed; "micro" averages):

- exact match: a prediction and a gold span with the same boundaries once surrounding whitespace is
  trimmed from both, and compatible types (see `types.py`).
- overlap match: at least one shared character, and compatible types.
- any-type overlap: at least one shared character, whatever the types (how much of the detector's output
  lands on PII at all).
- precision counts matched *predictions*, recall counts matched *gold spans*: one long prediction covering
  two gold spans is one true positive for precision and two for recall.
- F2 = 5PR / (4P + R): recall weighs twice as much as precision, because a miss is a leak and a false
  positive is only noise.
- no-leak recall: the share of gold spans whose every non-space character lies inside some prediction, of
  any type. This is the privacy figure: a name split across two findings of the wrong type leaks nothing,
  a phone number whose last digit is missed leaks.

A figure with an empty denominator (no prediction, no gold span) is None, never 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from anonymizer.evaluation.gold import GoldSpan
from anonymizer.evaluation.types import TypeMapping

TextKey = tuple[str, str]  # (message_id, field)


class SpanLike(Protocol):
    """Anything with a typed character span: a Finding, a GoldSpan."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def entity_type(self) -> str: ...


def f_beta(precision: float | None, recall: float | None, beta: float = 2.0) -> float | None:
    if precision is None or recall is None:
        return None
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(slots=True)
class Counts:
    """Matched and total gold spans and predictions for one entity type (or overall)."""

    gold: int = 0
    gold_matched: int = 0
    predicted: int = 0
    predicted_matched: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.predicted_matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.gold_matched, self.gold)

    @property
    def f2(self) -> float | None:
        return f_beta(self.precision, self.recall)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.gold_matched += other.gold_matched
        self.predicted += other.predicted
        self.predicted_matched += other.predicted_matched

    def to_dict(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "gold_matched": self.gold_matched,
            "predicted": self.predicted,
            "predicted_matched": self.predicted_matched,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f2": _round(self.f2),
        }


@dataclass(slots=True)
class Coverage:
    """Gold spans of one type, and how many of them leak no non-space character."""

    gold: int = 0
    covered: int = 0

    @property
    def recall(self) -> float | None:
        return _ratio(self.covered, self.gold)

    def add(self, other: Coverage) -> None:
        self.gold += other.gold
        self.covered += other.covered

    def to_dict(self) -> dict[str, object]:
        return {"gold": self.gold, "covered": self.covered, "no_leak_recall": _round(self.recall)}


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold span that leaks: `leaked` of its `chars` non-space characters are in no prediction."""

    key: TextKey
    gold: GoldSpan
    leaked: int
    chars: int
    predicted_types: tuple[str, ...]

    @property
    def leaked_share(self) -> float:
        return self.leaked / self.chars if self.chars else 0.0


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A prediction that overlaps no gold span at all."""

    key: TextKey
    start: int
    end: int
    entity_type: str
    score: float | None


@dataclass(slots=True)
class Scores:
    """Everything counted over a set of texts for one detector."""

    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    any_type: Counts = field(default_factory=Counts)
    no_leak: dict[str, Coverage] = field(default_factory=dict)
    # (gold type, predicted canonical type) for overlapping pairs whose types are not compatible.
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Which recognizer produced each false positive: where precision is lost.
    false_positive_recognizers: Counter[str] = field(default_factory=Counter)
    texts: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)

    def total(self, mode: str) -> Counts:
        """Micro-averaged counts over all types for `mode` ('exact' or 'overlap')."""
        rows = self.exact if mode == "exact" else self.overlap
        out = Counts()
        for counts in rows.values():
            out.add(counts)
        return out

    def no_leak_total(self) -> Coverage:
        out = Coverage()
        for coverage in self.no_leak.values():
            out.add(coverage)
        return out

    def entity_types(self) -> list[str]:
        return sorted(set(self.exact) | set(self.overlap) | set(self.no_leak))

    def to_dict(self) -> dict[str, object]:
        per_type: dict[str, object] = {}
        for name in self.entity_types():
            per_type[name] = {
                "exact": self.exact.get(name, Counts()).to_dict(),
                "overlap": self.overlap.get(name, Counts()).to_dict(),
                "no_leak": self.no_leak.get(name, Coverage()).to_dict(),
            }
        return {
            "texts": self.texts,
            "overall": {
                "exact": self.total("exact").to_dict(),
                "overlap": self.total("overlap").to_dict(),
                "any_type_overlap": self.any_type.to_dict(),
                "no_leak": self.no_leak_total().to_dict(),
            },
            "per_type": per_type,
            "false_positives_by_recognizer": dict(self.false_positive_recognizers.most_common()),
            "type_confusions": [
                {"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(self.confusions.items())
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlaps(a: SpanLike, b: SpanLike) -> bool:
    return a.start < b.end and b.start < a.end


def _row(rows: dict[str, Counts], name: str) -> Counts:
    counts = rows.get(name)
    if counts is None:
        counts = rows[name] = Counts()
    return counts


def score_text(
    key: TextKey,
    text: str,
    gold: Sequence[GoldSpan],
    predicted: Sequence[SpanLike],
    mapping: TypeMapping,
    scores: Scores,
) -> None:
    """Add one text's matches, misses and false positives to `scores`."""
    scores.texts += 1
    predicted = [p for p in predicted if p.end > p.start]
    gold_bounds = [_trimmed(text, g.start, g.end) for g in gold]
    pred_bounds = [_trimmed(text, p.start, p.end) for p in predicted]
    pred_types = [mapping.canonical_type(p.entity_type) for p in predicted]

    def compatible(i: int, j: int) -> bool:
        return mapping.compatible(predicted[j].entity_type, gold[i].entity_type)

    overlap = [[_overlaps(g, p) for p in predicted] for g in gold]
    for i, g in enumerate(gold):
        exact_hit = any(gold_bounds[i] == pred_bounds[j] and compatible(i, j) for j in range(len(predicted)))
        overlap_hit = any(overlap[i][j] and compatible(i, j) for j in range(len(predicted)))
        for rows, hit in ((scores.exact, exact_hit), (scores.overlap, overlap_hit)):
            row = _row(rows, g.entity_type)
            row.gold += 1
            row.gold_matched += int(hit)
        scores.any_type.gold += 1
        scores.any_type.gold_matched += int(any(overlap[i]))
        for j in range(len(predicted)):
            if overlap[i][j] and not compatible(i, j):
                scores.confusions[(g.entity_type, pred_types[j])] += 1
    for j, p in enumerate(predicted):
        exact_hit = any(gold_bounds[i] == pred_bounds[j] and compatible(i, j) for i in range(len(gold)))
        overlap_hit = any(overlap[i][j] and compatible(i, j) for i in range(len(gold)))
        for rows, hit in ((scores.exact, exact_hit), (scores.overlap, overlap_hit)):
            row = _row(rows, pred_types[j])
            row.predicted += 1
            row.predicted_matched += int(hit)
        touches_gold = any(overlap[i][j] for i in range(len(gold)))
        scores.any_type.predicted += 1
        scores.any_type.predicted_matched += int(touches_gold)
        if not touches_gold:
            score = getattr(p, "score", None)
            scores.false_positive_recognizers[str(getattr(p, "recognizer", "unknown"))] += 1
            scores.false_positives.append(
                FalsePositive(key, p.start, p.end, pred_types[j], None if score is None else float(score))
            )
    covered = [False] * len(text)
    for p in predicted:
        for position in range(max(p.start, 0), min(p.end, len(text))):
            covered[position] = True
    for i, g in enumerate(gold):
        chars = [position for position in range(g.start, min(g.end, len(text))) if not text[position].isspace()]
        leaked = sum(1 for position in chars if not covered[position])
        coverage = scores.no_leak.get(g.entity_type)
        if coverage is None:
            coverage = scores.no_leak[g.entity_type] = Coverage()
        coverage.gold += 1
        coverage.covered += int(leaked == 0)
        if leaked:
            types = tuple(sorted({pred_types[j] for j in range(len(predicted)) if overlap[i][j]}))
            scores.misses.append(Miss(key, g, leaked, len(chars), types))


def score_texts(
    texts: Mapping[TextKey, str],
    gold: Mapping[TextKey, Sequence[GoldSpan]],
    predicted: Mapping[TextKey, Sequence[SpanLike]],
    mapping: TypeMapping,
) -> Scores:
    """Scores over every text in `texts` (a text with no gold span counts: its predictions are all false)."""
    scores = Scores()
    for key, text in texts.items():
        score_text(key, text, gold.get(key, ()), predicted.get(key, ()), mapping, scores)
    return scores
