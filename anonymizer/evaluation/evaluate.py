"""Evaluate detection against gold spans: run the production path over records, score it, report it.

Our figures come from `Anonymizer.anonymize_records` over conversation-whole batches, the same call the
streaming runner makes, so conversation awareness, the allow list, overlap merging and the policy's `keep`
decisions are all part of what is measured. Findings the policy keeps as they are protect nothing, so they
are not counted as predictions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from anonymizer.anonymize import Anonymizer
from anonymizer.detect.findings import Finding
from anonymizer.evaluation.gold import GoldSpan, group_gold
from anonymizer.evaluation.metrics import Counts, Coverage, Scores, TextKey, score_texts
from anonymizer.evaluation.types import DEFAULT_TYPE_MAPPING, TypeMapping
from anonymizer.keys import KeyRing, generate_keys
from anonymizer.policy import Policy

OURS = "chat-anonymizer"
_SNIPPET_CONTEXT = 40


class TextDetector(Protocol):
    """A detector to compare with: a name, and findings per text (like `Detector.detect_batch`)."""

    name: str

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]: ...


@dataclass(slots=True)
class SystemResult:
    """One detector's scores on the evaluated texts."""

    name: str
    scores: Scores


@dataclass(slots=True)
class EvaluationReport:
    """Scores of each system over the same texts, plus what could not be scored."""

    messages: int
    gold_spans: int
    gold_unscored: int
    mapping: TypeMapping
    systems: list[SystemResult]
    texts: dict[TextKey, str] = field(repr=False, default_factory=dict)
    sources: dict[str, Any] = field(default_factory=dict)

    def system(self, name: str) -> SystemResult:
        for result in self.systems:
            if result.name == name:
                return result
        raise KeyError(name)

    # ---- error listings (test data only: they quote the texts) ----------------------------------------
    def worst_misses(self, name: str, limit: int) -> list[dict[str, Any]]:
        """Gold spans that leak most (share of non-space characters in no finding), with a text snippet."""
        misses = sorted(
            self.system(name).scores.misses, key=lambda m: (-m.leaked_share, -m.leaked, m.key, m.gold.start)
        )
        return [
            {
                "message_id": m.key[0],
                "field": m.key[1],
                "entity_type": m.gold.entity_type,
                "leaked_chars": m.leaked,
                "chars": m.chars,
                "found_as": list(m.predicted_types),
                "snippet": self._snippet(m.key, m.gold.start, m.gold.end),
            }
            for m in misses[: max(limit, 0)]
        ]

    def worst_false_positives(self, name: str, limit: int) -> list[dict[str, Any]]:
        """Findings on no gold span at all, most confident first, with a text snippet."""
        fps = sorted(
            self.system(name).scores.false_positives,
            key=lambda f: (-(f.score if f.score is not None else 0.0), -(f.end - f.start), f.key, f.start),
        )
        return [
            {
                "message_id": f.key[0],
                "field": f.key[1],
                "entity_type": f.entity_type,
                "score": None if f.score is None else round(f.score, 3),
                "snippet": self._snippet(f.key, f.start, f.end),
            }
            for f in fps[: max(limit, 0)]
        ]

    def _snippet(self, key: TextKey, start: int, end: int) -> str:
        text = self.texts.get(key, "")
        before = text[max(0, start - _SNIPPET_CONTEXT) : start]
        after = text[end : end + _SNIPPET_CONTEXT]
        return f"{before}[[{text[start:end]}]]{after}".replace("\n", "\\n")

    # ---- output --------------------------------------------------------------------------------------
    def to_dict(self, show_errors: int = 0) -> dict[str, Any]:
        """A JSON-ready report. Quotes no text unless `show_errors` > 0."""
        out: dict[str, Any] = {
            **self.sources,
            "messages": self.messages,
            "texts": len(self.texts),
            "gold_spans": self.gold_spans,
            "gold_spans_unscored": self.gold_unscored,
            "type_mapping": self.mapping.to_dict(),
            "systems": {r.name: r.scores.to_dict() for r in self.systems},
        }
        if show_errors > 0:
            out["errors"] = {
                r.name: {
                    "worst_misses": self.worst_misses(r.name, show_errors),
                    "worst_false_positives": self.worst_false_positives(r.name, show_errors),
                }
                for r in self.systems
            }
        return out

    def write_json(self, path: str | Path, show_errors: int = 0) -> None:
        Path(path).write_text(json.dumps(self.to_dict(show_errors), indent=2) + "\n", encoding="utf-8")

    def lines(self, show_errors: int = 0) -> list[str]:
        """The human-readable report: one table per system, a side-by-side summary, optional error lists."""
        lines = [
            f"{self.messages} messages, {len(self.texts)} texts, {self.gold_spans} gold spans"
            + (f" ({self.gold_unscored} for messages not in the input, not scored)" if self.gold_unscored else "")
        ]
        for result in self.systems:
            lines += ["", f"== {result.name}", *_system_table(result.scores)]
        if len(self.systems) > 1:
            lines += ["", *_side_by_side(self.systems)]
        if show_errors > 0:
            ours = self.systems[0].name
            misses = self.worst_misses(ours, show_errors)
            fps = self.worst_false_positives(ours, show_errors)
            lines += ["", f"worst misses ({ours}): {len(misses)} of {len(self.systems[0].scores.misses)}"]
            for m in misses:
                found = ",".join(m["found_as"]) or "-"
                lines.append(
                    f"  {m['message_id']} {m['entity_type']} leaked {m['leaked_chars']}/{m['chars']}"
                    f" (found as {found}): {m['snippet']}"
                )
            total_fp = len(self.systems[0].scores.false_positives)
            lines += ["", f"worst false positives ({ours}): {len(fps)} of {total_fp}"]
            for f in fps:
                lines.append(f"  {f['message_id']} {f['entity_type']} score {f['score']}: {f['snippet']}")
        return lines


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _counts_cells(counts: Counts) -> str:
    return f"{_fmt(counts.precision)} {_fmt(counts.recall)} {_fmt(counts.f2)}"


def _system_table(scores: Scores) -> list[str]:
    header = (
        f"{'entity type':<18}{'gold':>6}{'pred':>6} | {'exact P / R / F2':^17} | {'overlap P / R / F2':^17} | no-leak"
    )
    lines = [header, "-" * len(header)]
    for name in scores.entity_types():
        exact = scores.exact.get(name, Counts())
        overlap = scores.overlap.get(name, Counts())
        leak = scores.no_leak.get(name, Coverage())
        lines.append(
            f"{name[:18]:<18}{exact.gold:>6}{exact.predicted:>6} | {_counts_cells(exact)} | "
            f"{_counts_cells(overlap)} | {_fmt(leak.recall)}"
        )
    exact, overlap, leak = scores.total("exact"), scores.total("overlap"), scores.no_leak_total()
    lines.append("-" * len(header))
    lines.append(
        f"{'overall':<18}{exact.gold:>6}{exact.predicted:>6} | {_counts_cells(exact)} | "
        f"{_counts_cells(overlap)} | {_fmt(leak.recall)}"
    )
    any_type = scores.any_type
    lines.append(f"{'any type':<18}{any_type.gold:>6}{any_type.predicted:>6} | {'':17} | {_counts_cells(any_type)} |")
    if scores.false_positive_recognizers:
        top_fp = scores.false_positive_recognizers.most_common(8)
        lines.append("false positives by recognizer: " + ", ".join(f"{name} {n}" for name, n in top_fp))
    if scores.confusions:
        top = scores.confusions.most_common(8)
        lines.append("type confusions (gold->predicted): " + ", ".join(f"{g}->{p} {n}" for (g, p), n in top))
    return lines


def _side_by_side(systems: Sequence[SystemResult]) -> list[str]:
    names = [r.name for r in systems]
    cell = 23
    header = f"{'overlap F2 / no-leak':<22}{'gold':>6} | " + " | ".join(f"{n[:cell]:^{cell}}" for n in names)
    lines = [header, "-" * len(header)]
    types = sorted({t for r in systems for t in r.scores.no_leak})
    for name in types:
        gold = systems[0].scores.no_leak.get(name, Coverage()).gold
        cells = []
        for r in systems:
            f2 = r.scores.overlap.get(name, Counts()).f2
            leak = r.scores.no_leak.get(name, Coverage()).recall
            cells.append(f"{_fmt(f2)}   {_fmt(leak)}".center(cell))
        lines.append(f"{name[:22]:<22}{gold:>6} | " + " | ".join(cells))
    lines.append("-" * len(header))
    rows: list[tuple[str, list[str]]] = [
        ("overall exact P/R/F2", [_counts_cells(r.scores.total("exact")) for r in systems]),
        ("overall overlap P/R/F2", [_counts_cells(r.scores.total("overlap")) for r in systems]),
        ("any-type overlap P/R/F2", [_counts_cells(r.scores.any_type) for r in systems]),
        ("no-leak recall", [_fmt(r.scores.no_leak_total().recall) for r in systems]),
    ]
    for label, cells in rows:
        lines.append(f"{label:<28} | " + " | ".join(f"{c:^{cell}}" for c in cells))
    return lines


def evaluation_anonymizer(policy: Policy | None = None, *, detector: Any = None) -> Anonymizer:
    """An Anonymizer for evaluation: the policy's detection, with throw-away keys.

    Evaluation discards the transformed text, so it never needs (and never asks for) the real keys: keyed
    operators run with fresh random keys that exist only in this process.
    """
    keys = KeyRing.from_mapping(generate_keys(), source="evaluation (throw-away keys)")
    return Anonymizer(policy or Policy.default(), keys, detector=detector)


def conversation_batches(records: Iterable[Mapping[str, Any]], batch_size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Records grouped into batches of whole conversations (first-seen order), about `batch_size` each."""
    conversations: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        conversations.setdefault(str(record.get("conversation_id")), []).append(record)
    batch: list[Mapping[str, Any]] = []
    for messages in conversations.values():
        if batch and len(batch) + len(messages) > batch_size:
            yield batch
            batch = []
        batch.extend(messages)
    if batch:
        yield batch


def _texts(records: Sequence[Mapping[str, Any]], fields: Iterable[str]) -> dict[TextKey, str]:
    texts: dict[TextKey, str] = {}
    wanted = list(dict.fromkeys(fields))
    for record in records:
        message_id = str(record["message_id"])
        for name in wanted:
            value = record.get(name)
            if isinstance(value, str):
                if (message_id, name) in texts:
                    raise ValueError(f"message_id '{message_id}' appears more than once in the input")
                texts[(message_id, name)] = value
    return texts


def predict(
    anonymizer: Anonymizer, records: Sequence[Mapping[str, Any]], *, batch_size: int = 256
) -> dict[TextKey, list[Finding]]:
    """Our findings per (message_id, text field), through `anonymize_records` in conversation batches."""
    policy = anonymizer.policy
    predicted: dict[TextKey, list[Finding]] = {}
    for batch in conversation_batches(records, batch_size):
        for record, result in zip(batch, anonymizer.anonymize_records(batch), strict=True):
            message_id = str(record["message_id"])
            for name, findings in result.findings.items():
                predicted[(message_id, name)] = [
                    f for f in findings if policy.entity_operator(f.entity_type).operator != "keep"
                ]
    return predicted


def evaluate_records(
    anonymizer: Anonymizer,
    records: Sequence[Mapping[str, Any]],
    gold: Iterable[GoldSpan],
    *,
    baselines: Sequence[TextDetector] = (),
    mapping: TypeMapping = DEFAULT_TYPE_MAPPING,
    batch_size: int = 256,
) -> EvaluationReport:
    """Score our detection (and each baseline's) on `records` (validated canonical records) against `gold`.

    Texts are the policy's text fields plus any field the gold names. A message without gold spans counts
    as having no PII; gold spans for messages that are not in `records` are counted as unscored.
    """
    gold_list = list(gold)
    grouped = group_gold(gold_list)
    fields = [*anonymizer.policy.text_fields, *(key[1] for key in grouped)]
    texts = _texts(records, fields)
    unscored = 0
    for key, spans in grouped.items():
        text = texts.get(key)
        if text is None:
            unscored += len(spans)
            continue
        for span in spans:
            if span.end > len(text):
                raise ValueError(
                    f"gold span {span.start}-{span.end} of message '{key[0]}' ({key[1]}) ends beyond the text"
                    f" ({len(text)} characters): is the gold file for this input?"
                )
    scored_gold = {key: spans for key, spans in grouped.items() if key in texts}
    ours = predict(anonymizer, records, batch_size=batch_size)
    systems = [SystemResult(OURS, score_texts(texts, scored_gold, ours, mapping))]
    keys = list(texts)
    for baseline in baselines:
        found = dict(zip(keys, baseline.detect_batch([texts[k] for k in keys]), strict=True))
        systems.append(SystemResult(baseline.name, score_texts(texts, scored_gold, found, mapping)))
    return EvaluationReport(
        messages=len(records),
        gold_spans=len(gold_list),
        gold_unscored=unscored,
        mapping=mapping,
        systems=systems,
        texts=texts,
    )
