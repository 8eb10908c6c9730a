"""The allow list: a finding is allowed when it is an entry, or lies inside an entry's occurrence in the text."""

from __future__ import annotations

import pytest

from anonymizer.detect.allow import AllowList
from anonymizer.detect.engine import Detector
from anonymizer.policy import DetectionSettings

TEXT = "Thanks for contacting Acme Outfitters, Jane!"


def span(value: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


@pytest.mark.parametrize(
    ("entries", "finding", "allowed"),
    [
        (["Acme Outfitters"], "Acme Outfitters", True),  # the entry itself
        (["acme outfitters"], "Acme Outfitters", True),  # case-insensitive
        (["Acme Outfitters"], "Acme", True),  # NER tagged part of an allowed phrase
        (["Acme Outfitters"], "Outfitters, Jane", False),  # reaches beyond the phrase
        (["Acme"], "Acme Outfitters", False),  # the finding is more than the entry
        (["Acme"], "Acme", True),
        (["Jane Doe"], "Jane", False),  # no occurrence of the phrase in this text
        ([], "Jane", False),
    ],
)
def test_allow_list_matches_whole_findings_or_findings_inside_an_allowed_phrase(
    entries: list[str], finding: str, allowed: bool
) -> None:
    assert AllowList(entries).allows(TEXT, *span(finding)) is allowed


def test_allowed_phrase_matches_whole_words_only() -> None:
    text = "Hi Acmeville, from Acme Outfitters"
    assert not AllowList(["Acme"]).allows(text, *span("Acmeville", text))
    assert AllowList(["Acme Outfitters"]).allows(text, *span("Outfitters", text))


def test_detector_drops_findings_inside_an_allow_listed_company_name(detector: Detector) -> None:
    text = "Thanks for contacting Acme Outfitters, Jane Doe!"
    plain = {text[f.start : f.end] for f in detector.detect(text)}
    allowed = {text[f.start : f.end] for f in Detector(DetectionSettings(allow_list=["Acme Outfitters"])).detect(text)}
    assert not any("Acme" in v or "Outfitters" in v for v in allowed)
    assert "Jane Doe" in allowed or "Jane" in allowed
    assert plain >= allowed
