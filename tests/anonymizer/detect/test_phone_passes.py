"""The phone recognizer that skips region passes finds exactly what Presidio's finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from anonymizer.detect.engine import phone_regions
from anonymizer.detect.phones import FastPhoneRecognizer, min_digits_for_region

ROOT = Path(__file__).resolve().parents[3]
REGIONS = phone_regions("US")


def spans(recognizer: PhoneRecognizer, text: str) -> list[tuple[int, int, float]]:
    return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, ["PHONE_NUMBER"], None))


@pytest.fixture(scope="module")
def pair() -> tuple[PhoneRecognizer, FastPhoneRecognizer]:
    return PhoneRecognizer(supported_regions=REGIONS), FastPhoneRecognizer(REGIONS)


def test_region_minimums_are_read_from_libphonenumber() -> None:
    assert min_digits_for_region("US") == 9  # "011" + the shortest country code and number (6)
    assert min_digits_for_region("DE") == 4  # German numbers can be 4 digits long
    assert min_digits_for_region("ZZ") == 0  # unknown region: never skipped


def _eval_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data").rglob("*.jsonl")):
        if "gold" in path.name:
            continue
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [t for t in dict.fromkeys(texts) if sum(map(str.isdecimal, t)) >= 4]


def test_identical_findings_on_every_evaluation_text(pair: tuple[PhoneRecognizer, FastPhoneRecognizer]) -> None:
    slow, fast = pair
    texts = _eval_texts()
    assert len(texts) > 1000
    assert [spans(fast, t) for t in texts] == [spans(slow, t) for t in texts]


def test_identical_findings_on_faker_numbers_of_every_locale(pair: tuple[PhoneRecognizer, FastPhoneRecognizer]) -> None:
    slow, fast = pair
    faker = Faker(["en_US", "en_GB", "de_DE", "fr_FR", "he_IL", "en_IN", "pt_BR", "nl_NL", "ja_JP", "es_ES"])
    faker.seed_instance(7)
    for _ in range(300):
        text = f"call me on {faker.phone_number()} thanks"
        assert spans(fast, text) == spans(slow, text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +-().x#", min_size=4, max_size=24))
def test_identical_findings_on_digit_soup(text: str) -> None:
    slow, fast = PhoneRecognizer(supported_regions=REGIONS), FastPhoneRecognizer(REGIONS)
    assert spans(fast, text) == spans(slow, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +-().x#/\u2013\u00a0\uff0b$:,extabc", min_size=6, max_size=40))
def test_identical_findings_on_digit_soup_with_words_and_other_punctuation(text: str) -> None:
    slow, fast = PhoneRecognizer(supported_regions=REGIONS), FastPhoneRecognizer(REGIONS)
    assert spans(fast, text) == spans(slow, text)


def test_lenient_phone_prefilters_are_necessary_conditions() -> None:
    from anonymizer.detect.recognizers import LenientPhoneRecognizer

    from .test_fast_paths import sample_texts

    texts = [*_eval_texts(), *sample_texts(1500)]
    texts += ["533 186 091 is my mobile", "28-64-66-98 office", "tel 23 30 82", "call me on 0151 496 0000 x12"]
    prefiltered, plain = LenientPhoneRecognizer(), LenientPhoneRecognizer()
    plain.PREFILTERS = {}  # type: ignore[misc]  # the instance attribute shadows the class's for this test

    def found(recognizer: LenientPhoneRecognizer, text: str) -> list[tuple[int, int, float]]:
        return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, recognizer.supported_entities, None))

    assert [found(prefiltered, t) for t in texts] == [found(plain, t) for t in texts]
    assert found(prefiltered, "533 186 091 is my mobile")


def test_context_step_on_changeable_results_only_gives_presidios_findings() -> None:
    """The detector hands Presidio's context step only the results it can change; the findings, scores
    included, equal those of handing it everything."""
    from anonymizer.evaluation.evaluate import evaluation_anonymizer

    texts = _eval_texts()[:1500]
    fast = evaluation_anonymizer().detector
    full = evaluation_anonymizer().detector
    full._overrides_enhancement = dict.fromkeys(full._overrides_enhancement, True)
    assert fast.detect_batch(texts) == full.detect_batch(texts)


def test_binary_search_context_enhancer_matches_presidios() -> None:
    """Findings and scores with the fast context enhancer equal those with Presidio's own."""
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    from anonymizer.evaluation.evaluate import evaluation_anonymizer

    texts = [*_eval_texts()[:1500], "call 555-0100 now", "card: 4111 1111 1111 1111", "ssn:123-45-6789!"]
    fast = evaluation_anonymizer().detector
    stock = evaluation_anonymizer().detector
    stock._analyzer.context_aware_enhancer = LemmaContextAwareEnhancer()
    assert type(fast._analyzer.context_aware_enhancer).__name__ == "FastLemmaContextAwareEnhancer"
    assert fast.detect_batch(texts) == stock.detect_batch(texts)
