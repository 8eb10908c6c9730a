"""Vanilla Presidio, measured beside our detector so "how much better" is a measurement, not a claim.

Configured the way Presidio's documentation sets it up, changing only what must change on an offline
machine: the spaCy model is the one our policy uses (Presidio's default `en_core_web_lg` is not
installed and would be downloaded), with Presidio's own default `ner_model_configuration` from its
`conf/default.yaml`. Default recognizers, default score threshold (0), all entities, no allow list, no
context from other messages. Texts go through `BatchAnalyzerEngine` (spaCy `nlp.pipe`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

# Importing the engine module first sets the offline tldextract switch before Presidio is imported.
from anonymizer.detect.engine import model_is_installed
from anonymizer.detect.findings import Finding, resolve_overlaps
from anonymizer.errors import ModelNotFoundError
from anonymizer.policy import DEFAULT_MODEL

BASELINE_NAME = "presidio"


def presidio_default_ner_configuration() -> dict[str, Any]:
    """The `ner_model_configuration` Presidio ships in `presidio_analyzer/conf/default.yaml`."""
    text = resources.files("presidio_analyzer").joinpath("conf/default.yaml").read_text(encoding="utf-8")
    configuration = yaml.safe_load(text)["ner_model_configuration"]
    # The YAML lists `low_score_entity_names` as one empty item; Presidio reads that as [None].
    configuration["low_score_entity_names"] = [n for n in configuration.get("low_score_entity_names") or [] if n]
    return dict(configuration)


class PresidioBaseline:
    """Out-of-the-box Presidio on a local spaCy pipeline; `detect_batch` mirrors `Detector.detect_batch`."""

    name = BASELINE_NAME

    def __init__(self, model: str = DEFAULT_MODEL, language: str = "en", *, batch_size: int = 256) -> None:
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        for name in ("presidio-analyzer", "presidio-anonymizer", "tldextract", "filelock"):
            logging.getLogger(name).setLevel(logging.ERROR)
        if not model_is_installed(model):
            raise ModelNotFoundError(f"spaCy pipeline '{model}' is not installed and is never downloaded")
        self.model = model
        self.language = language
        self.batch_size = batch_size
        configuration = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": language, "model_name": model}],
            "ner_model_configuration": presidio_default_ner_configuration(),
        }
        nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
        self._batch = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=[language]))

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings per text, overlaps merged the same way as ours so both are scored alike."""
        if not texts:
            return []
        results = self._batch.analyze_iterator(list(texts), language=self.language, batch_size=self.batch_size)
        out: list[list[Finding]] = []
        for raw in results:
            findings = [
                Finding(
                    start=int(r.start),
                    end=int(r.end),
                    entity_type=str(r.entity_type),
                    score=float(r.score),
                    recognizer=str((r.recognition_metadata or {}).get("recognizer_name", "unknown")),
                )
                for r in raw
            ]
            out.append(resolve_overlaps(findings))
        return out
