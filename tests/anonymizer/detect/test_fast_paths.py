"""The fast paths give the same findings as the straightforward path: gates, the cache, batch dedup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymizer.detect.engine import Detector, light_lemma
from anonymizer.detect.gates import PRESIDIO_GATES, TextFeatures

ROOT = Path(__file__).resolve().parents[3]


def sample_texts(limit: int | None = None) -> list[str]:
    texts = []
    for path in [ROOT / "data/samples/transcripts.jsonl", ROOT / "data/eval/chat_dev.jsonl"]:
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    unique = list(dict.fromkeys(texts))
    return unique[:limit] if limit else unique


@contextmanager
def ungated(detector: Detector) -> Iterator[None]:
    saved = detector._recognizers
    detector._recognizers = [(r, None) for r, _ in saved]
    try:
        yield
    finally:
        detector._recognizers = saved


def analyse(detector: Detector, texts: list[str]) -> list[list[tuple[int, int, str, float]]]:
    artifacts = detector._nlp_engine.process_batch(texts, "en", batch_size=256)
    return [
        sorted((r.start, r.end, r.entity_type, round(r.score, 6)) for r in detector._analyze(text, a))
        for text, (_, a) in zip(texts, artifacts, strict=True)
    ]


def test_gates_never_change_findings_on_the_project_chats(detector: Detector) -> None:
    texts = sample_texts()
    gated = analyse(detector, texts)
    with ungated(detector):
        plain = analyse(detector, texts)
    assert gated == plain
    assert sum(map(len, gated)) > 500  # the comparison is not vacuous


PIECES = st.sampled_from(
    ["call", "me", "at", "+1", "415", "555", "0123", "(", ")", "-", ".", "@", "gmail", ".com", "4111", "1111",
     "ssn", "123-45-6789", "GB82", "WEST", "1234", "5698", "7654", "32", "::1", "10.0.0.1", "1z999", "$49.99",
     "x", "ext", "pin", "is", "zip", "94107", "www.example.com", "acc-12345678", " ", "\n", "1640", "030",
     "dob", "born", "on", "03/14/1985", "Dana", "has", "joined", "the", "chat", "john", "dot", "smith", "[at]",
     "one", "two", "five", "oh", "nine", "ending", "last", "4", "xxxx-xxxx-", "4242", "Example.COM"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=14).map(" ".join) | st.text(alphabet="0123456789 -.()+/:@abx", max_size=40))
def test_property_gates_are_necessary_conditions(detector: Detector, text: str) -> None:
    gated = analyse(detector, [text])
    with ungated(detector):
        assert analyse(detector, [text]) == gated


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("EmailRecognizer", "no at sign here", False),
        ("EmailRecognizer", "a@b.co", True),
        ("CreditCardRecognizer", "order 12 of 3", False),
        ("PhoneRecognizer", "$4.99 and 2 items", False),
        ("PhoneRecognizer", "dial 1640", True),
    ],
)
def test_gate_examples(name: str, text: str, expected: bool) -> None:
    assert PRESIDIO_GATES[name](TextFeatures.of(text)) is expected


def test_cache_and_batch_dedup_give_identical_findings(detector: Detector) -> None:
    texts = sample_texts(300)
    detector._cache.clear()
    first = detector.detect_batch(texts + texts[:50])
    hits_before = detector.cache_hits
    second = detector.detect_batch(texts)
    assert detector.cache_hits - hits_before == len(texts)
    assert first[: len(texts)] == second
    assert first[len(texts) :] == first[:50]


def test_fast_pipeline_runs_only_what_ner_needs(detector: Detector) -> None:
    nlp = detector._nlp_engine.nlp["en"]
    assert nlp.pipe_names == ["ner"]


@pytest.mark.parametrize(("word", "lemma"), [("numbers", "number"), ("phone", "phone"), ("address", "address"), ("is", "is")])
def test_light_lemma(word: str, lemma: str) -> None:
    assert light_lemma(word) == lemma


def test_texts_without_letters_skip_ner_with_the_same_findings(detector: Detector) -> None:
    texts = ["94107", "4111 1111 1111 1111", "(415) 555-0123", "1/20/58", "10.0.0.1 :)", "12345678"]
    skipped = detector.detect_batch(texts)
    language = detector.settings.language
    with_ner = [
        detector._to_findings(t, detector._analyze(t, out[1]))
        for t, out in zip(texts, detector._nlp_engine.process_batch(texts, language), strict=True)
    ]
    assert skipped == with_ner


def test_when_policy_wants_no_ner_entity_then_ner_never_runs() -> None:
    from anonymizer.policy import DetectionSettings

    detector = Detector(DetectionSettings(entities=["EMAIL_ADDRESS", "PHONE_NUMBER"]))
    assert detector._ner_wanted is False
    assert [f.entity_type for f in detector.detect("John Smith: john@example.com")] == ["EMAIL_ADDRESS"]
