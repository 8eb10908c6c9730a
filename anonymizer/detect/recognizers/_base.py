"""Shared machinery for the chat recognizers: value-group patterns, checksums and word lists."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

# Patterns are case-insensitive unless they scope `(?-i:...)` themselves: chat users type "Apt 4b", "ACC-123"
# and "acc-123" alike. Verbose mode is not global, so a user's regex with a literal space keeps meaning it.
DEFAULT_FLAGS = regex.IGNORECASE | regex.MULTILINE


def verbose_pattern(name: str, pattern: str, score: float) -> Pattern:
    """A built-in Pattern written in verbose mode (`(?x)` inline, so Presidio's own compile agrees)."""
    return Pattern(name=name, regex="(?x)" + pattern, score=score)


# Bounds the worst case of a pathological input; a pattern that times out is skipped for that text.
REGEX_TIMEOUT_SECONDS = 2.0

# The group a pattern may name to report only part of its match (the value after a cue word).
VALUE_GROUP = "value"

# Names user-supplied patterns so that built-in rejection rules leave them alone.
USER_PATTERN_PREFIX = "user pattern"


class ChatEntityRecognizer(EntityRecognizer):
    """A hand-written recognizer of one entity type (`ENTITY`, named `NAME`) whose word lists and patterns load
    at import or lazily, so Presidio's `load` step has nothing to do."""

    ENTITY: ClassVar[str]
    NAME: ClassVar[str]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name=self.NAME, supported_language=supported_language)

    def load(self) -> None:
        """Nothing to load."""


class ChatPatternRecognizer(PatternRecognizer):
    """A `PatternRecognizer` whose patterns may report a named `value` group instead of the whole match.

    Cue words ("my password is", "zip code") make a match precise, but the finding must cover the value only,
    so a pattern includes the cue and wraps the value in `(?P<value>...)`. Subclasses declare `ENTITY`,
    `NAME`, `PATTERNS` and optionally `CONTEXT`, `validate_result`, `invalidate_result` and `reject_match`.
    """

    ENTITY: ClassVar[str]
    NAME: ClassVar[str]
    PATTERNS: ClassVar[Sequence[Pattern]]
    CONTEXT: ClassVar[Sequence[str]] = ()
    # Sentence punctuation trimmed off the end of a value ("my pin is 4821." -> "4821"); "" keeps it.
    TRAILING_PUNCTUATION: ClassVar[str] = ".,;:?!)]}\"'"

    def __init__(
        self,
        extra_patterns: Iterable[Pattern] = (),
        *,
        supported_language: str = "en",
        entity: str | None = None,
        name: str | None = None,
    ) -> None:
        # Deep copies: Presidio caches compiled regexes on Pattern objects; instances must stay independent.
        patterns = [copy.deepcopy(p) for p in self.PATTERNS] + list(extra_patterns)
        # Typed copies of what Presidio stores untyped, for the strict type checker.
        self._patterns: list[Pattern] = patterns
        self._name: str = name or self.NAME
        super().__init__(
            supported_entity=entity or self.ENTITY,
            name=self._name,
            supported_language=supported_language,
            patterns=patterns,
            context=list(self.CONTEXT),
            global_regex_flags=DEFAULT_FLAGS,
        )
        self._compiled: dict[int, regex.Pattern[str]] = {}

    def _regex(self, pattern: Pattern) -> regex.Pattern[str]:
        key = id(pattern)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = regex.compile(pattern.regex, DEFAULT_FLAGS)
            self._compiled[key] = compiled
        return compiled

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Return True to drop a match after looking at its surroundings (overridden where needed)."""
        return False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Run every pattern over `text`; the flags argument is ignored because each pattern sets its own."""
        results: list[RecognizerResult] = []
        for pattern in self._patterns_for(text):
            compiled = self._regex(pattern)
            # A pattern that runs out of time raises (TimeoutError): the detector then fails closed (the
            # message is retried alone, then written as <UNANALYSED>) rather than skip what the pattern finds.
            matches = list(compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS))
            for match in matches:
                result = self._result(pattern, compiled, match, text)
                if result is not None:
                    results.append(result)
        return EntityRecognizer.remove_duplicates(results)

    def _patterns_for(self, text: str) -> Iterable[Pattern]:
        """The patterns worth running over `text` (all of them here; subclasses may skip some)."""
        return self._patterns

    def _result(
        self, pattern: Pattern, compiled: regex.Pattern[str], match: regex.Match[str], text: str
    ) -> RecognizerResult | None:
        if VALUE_GROUP in compiled.groupindex and match.start(VALUE_GROUP) >= 0:
            start, end = match.span(VALUE_GROUP)
        else:
            start, end = match.span()
        while end > start and text[end - 1] in self.TRAILING_PUNCTUATION:
            end -= 1
        if end <= start:
            return None
        # User patterns are trusted as written; the built-in rejection rules are tuned for the defaults.
        if not pattern.name.startswith(USER_PATTERN_PREFIX) and self.reject_match(match, text):
            return None
        value = text[start:end]
        score = pattern.score
        validation = self.validate_result(value)
        if validation is not None:
            score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
        if self.invalidate_result(value):
            score = EntityRecognizer.MIN_SCORE
        if score <= EntityRecognizer.MIN_SCORE:
            return None
        explanation = AnalysisExplanation(
            recognizer=self._name,
            original_score=pattern.score,
            pattern_name=pattern.name,
            pattern=pattern.regex,
            validation_result=validation,  # type: ignore[arg-type]  # Presidio's default is None too
            textual_explanation=f"Detected by `{self._name}` using pattern `{pattern.name}`",
        )
        explanation.set_improved_score(score)
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self._name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def compile_user_pattern(entity_type: str, index: int, pattern: str) -> Pattern:
    """Validate one user-supplied regex and wrap it as a Pattern; the error names the entity, never the regex.

    The regex text itself may embed real identifiers, so it stays out of error messages and logs.
    """
    try:
        compiled = regex.compile(pattern, DEFAULT_FLAGS)
    except (regex.error, TypeError) as exc:
        raise ValueError(f"id_patterns[{entity_type!r}][{index}] is not a valid regular expression") from exc
    if compiled.search("") is not None:
        raise ValueError(f"id_patterns[{entity_type!r}][{index}] matches the empty string")
    return Pattern(name=f"{USER_PATTERN_PREFIX} {index}", regex=pattern, score=0.9)


def digits_of(text: str) -> str:
    """Keep only the ASCII digits of a value typed with spaces or dashes."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def luhn_valid(number: str) -> bool:
    """Luhn (mod 10) checksum over a digit string, as used by payment cards."""
    if not number.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def typo_tolerant(word: str) -> str:
    """A regex for a cue word that also accepts one typo after its first letter ("accunt", "oredr", "endnig").

    Chat users misspell cue words all the time; the first letter stays exact so that "pending" never reads as
    "ending", and words shorter than five letters stay exact because one edit would make them too loose.
    """
    if len(word) < 5:
        return str(regex.escape(word))
    head, tail = word[0], word[1:]
    swaps = sorted({tail[:i] + tail[i + 1] + tail[i] + tail[i + 2 :] for i in range(len(tail) - 1)} - {tail})
    return f"(?:{regex.escape(head)}(?:(?:{regex.escape(tail)}){{e<=1}}|{'|'.join(map(regex.escape, swaps))}))"


def words(text: str) -> list[str]:
    """Split a whitespace-separated word list written as a block of text."""
    return text.split()


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so "street" wins over "st"."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Words that follow a cue but are not values: "my username is not working", "login to the app".
# Shared by every cue-then-value recognizer so that a fix here fixes them all.
STOP_WORDS: frozenset[str] = frozenset(
    words(
        """
        a about above after again against all also am an and any are as at be because been before
        being below between both but by can cannot could did do does doing down during each else
        ever every few for from further had has have having he her here hers herself him himself his
        how however i if in into is it its itself just let me more most my myself no nor not now of
        off on once only or other our ours ourselves out over own please same she should so some
        such than that the their theirs them themselves then there these they this those through to
        too under until up very was we were what when where which while who whom why will with would
        you your yours yourself yourselves again already always anything changed correct different
        doesnt dont expired forgot forgotten incorrect invalid isnt locked missing needed new none
        nothing old reset right same sent something still sure unknown wrong working required
        provided attached ok okay yes yeah yep nope thanks thank hi hello hey sorry fine good great
        number no num id code name page screen issue issues problem problems help account password
        pin email address phone info information details field box link
        """
    )
)


def span_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, explanation: str
) -> RecognizerResult:
    """A finding of `recognizer` over `start:end`, named and explained as Presidio's own results are."""
    name = str(getattr(recognizer, "name", ""))
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=name, original_score=score, textual_explanation=explanation
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
