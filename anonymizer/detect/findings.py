"""What detection produces: findings (typed spans with a score) and how overlapping ones are merged."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One piece of PII found in a text: `text[start:end]` is the value. Holds no copy of the text."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "entity_type": self.entity_type,
            "score": round(self.score, 4),
            "recognizer": self.recognizer,
        }


def resolve_overlaps(findings: Iterable[Finding], is_kept: Callable[[str], bool] | None = None) -> list[Finding]:
    """Merge overlapping findings into disjoint spans, sorted by start.

    Each group of overlapping findings becomes one finding covering the union of their spans (so no
    character of any finding is left out), typed by the strongest member (score, then length). Findings
    whose type the policy keeps as is are dropped when they overlap a finding that is transformed: a kept
    DATE_TIME must not shield the phone number it overlaps.
    """
    items = sorted(findings, key=lambda f: (f.start, -f.end))
    if is_kept is not None:
        transformed = [f for f in items if not is_kept(f.entity_type)]
        items = [
            f for f in items if not (is_kept(f.entity_type) and any(f.overlaps(t) for t in transformed))
        ]
    merged: list[Finding] = []
    group: list[Finding] = []
    group_end = -1
    for finding in items:
        if group and finding.start < group_end:
            group.append(finding)
            group_end = max(group_end, finding.end)
            continue
        if group:
            merged.append(_merge(group))
        group = [finding]
        group_end = finding.end
    if group:
        merged.append(_merge(group))
    return merged


def _merge(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    best = max(group, key=lambda f: (f.score, f.end - f.start))
    return Finding(
        start=min(f.start for f in group),
        end=max(f.end for f in group),
        entity_type=best.entity_type,
        score=best.score,
        recognizer=best.recognizer,
    )
