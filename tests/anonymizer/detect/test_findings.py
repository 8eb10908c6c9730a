"""Merging overlapping findings: disjoint output that covers every input span."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from anonymizer.detect.findings import Finding, resolve_overlaps

spans = st.builds(
    lambda s, n, t, sc: Finding(s, s + n, t, sc, "r"),
    st.integers(0, 50),
    st.integers(1, 15),
    st.sampled_from(["PERSON", "DATE_TIME", "PHONE_NUMBER"]),
    st.floats(0, 1),
)


@given(st.lists(spans, max_size=12))
def test_merged_findings_are_disjoint_sorted_and_cover_every_span(findings: list[Finding]) -> None:
    merged = resolve_overlaps(findings)
    for a, b in pairwise(merged):
        assert a.end <= b.start
    for f in findings:
        assert any(m.start <= f.start and f.end <= m.end for m in merged)


@given(st.lists(spans, max_size=12))
def test_kept_findings_never_hide_transformed_characters(findings: list[Finding]) -> None:
    merged = resolve_overlaps(findings, is_kept=lambda t: t == "DATE_TIME")
    for f in findings:
        if f.entity_type != "DATE_TIME":
            covering = [m for m in merged if m.start <= f.start and f.end <= m.end]
            assert covering and covering[0].entity_type != "DATE_TIME"


def test_strongest_finding_names_the_merged_span() -> None:
    merged = resolve_overlaps([Finding(0, 10, "PERSON", 0.6, "a"), Finding(5, 20, "PHONE_NUMBER", 0.9, "b")])
    assert merged == [Finding(0, 20, "PHONE_NUMBER", 0.9, "b")]
