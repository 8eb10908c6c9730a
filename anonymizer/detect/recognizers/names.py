"""PERSON: lower-case and noisy names after chat phrases ("my name is", "thanks,") and first+last name pairs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import ClassVar

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from ._base import STOP_WORDS, typo_tolerant, words


@cache
def _word_file(name: str) -> frozenset[str]:
    """A packaged word list, one lower-case word a line, '#' comments ignored."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def first_names() -> frozenset[str]:
    """First names from Faker's person providers (see the data file's header)."""
    return _word_file("first_names.txt")


def last_names() -> frozenset[str]:
    """Last names from Faker's person providers (see the data file's header)."""
    return _word_file("last_names.txt")


# Names that are also everyday words: "i'm grant", "thanks, will" or "mark down" are usually not names.
_AMBIGUOUS = frozenset(
    words(
        """
        an art back ball bath bean bell berry best bill bird black bright brown bush case chase cherry church
        clay clear cook cross dash date dawn day deep don early else fair faith fall fan fee field floor foot
        fox frank fresh frost fry gamble gang glass golden good grant gray green grey gross guard gun guy ham
        hardy harm hay he hill honey hook hope horn house hunt hunter jack jade jail jet job joy judge june
        junior junk key kick knight lamb law li little long lord lot love low lower lucky made mark marry
        master mate may merry miles moon more my noble north over owe pace page pan par park parent pat peer
        per ping pop post power price queen read real rich ring rob rock room rose rush rust said sandy seven
        sharp short side small smart snow song stack star stone storm story street strong sue summer sun sunny
        swift tan tank till toy us vi wage wall ward way west white will wise wolf young april august may
        bob ding don sol sky rain win van von de la le del da di ng
        """
    )
)

# Words that end a name run in any case: "my name is john and ...", "thanks kevin for".
_NEVER_NAMES = frozenset(
    words(
        """
        again agent already also always am and anyway are asap back bye calling can cant checking chat
        customer dear did do does dont for from good great had happy has have having help hello here hey hi
        how i im is it just looking new no not now ok okay on online please re really regarding same see
        so sorry speaking still support sure team thank thanks that the there this to today tomorrow trying
        very waiting was we what when where who why with writing yes yesterday you your
        monday tuesday wednesday thursday friday saturday sunday january february march april june july august
        september october november december morning afternoon evening night weekend week month year
        """
    )
)


@cache
def common_words() -> frozenset[str]:
    """Everyday English words and chat filler: never a name, a code or a place by themselves."""
    return _word_file("common_words.txt") | frozenset(SPACY_STOP_WORDS) | STOP_WORDS | _NEVER_NAMES


@dataclass(frozen=True)
class _Cue:
    """A phrase that introduces a name; strong cues accept any plausible word, weak ones known names only."""

    phrase: str
    strong: bool


_APOS = "['\u2019]"  # typed apostrophes: straight and curly

_CUES = [
    _Cue(rf"my\s+name\s*(?:is|{_APOS}s|=|:|-)", True),
    _Cue(r"(?:full\s+|first\s+|last\s+|sur)name\s*(?:is|:|=|-)", True),
    _Cue(r"(?<![\w/])name\s*[:=]", True),
    _Cue(r"(?:you\s+can\s+)?call\s+me", True),
    _Cue(r"i\s+am\s+called|they\s+call\s+me|it\s+is\s+spelled|spelled", True),
    _Cue(rf"(?:this|it){_APOS}?\s*(?:is|s)", False),
    _Cue(rf"i\s*{_APOS}?\s*m|i\s+am", False),
    _Cue(rf"{typo_tolerant('thanks')}|thank\s+you|thnak\s+you|thx|ty|cheers|regards|best|sincerely", False),
    _Cue(r"(?:speaking|talking|chatting|spoke|spoken)\s+(?:with|to)|ask\s+for|transferred\s+to", False),
    _Cue(r"(?:hi|hello|hey)(?:\s+there)?|good\s+(?:morning|afternoon|evening|day)|dear|mr|mrs|ms|miss|mx|dr", False),
]

_CUE_REGEX = regex.compile(
    "(?:"
    + "|".join(f"(?P<c{i}>(?<![\\w'\u2019])(?:{cue.phrase}))" for i, cue in enumerate(_CUES))
    # The cue ends with punctuation or a space before the name, or with an emoji: "Hey 👋 Jennifer".
    + r")(?:[ \t,:;.!\-]*[\p{So}\p{Sk}\p{Cf}]+[ \t,:;.!\-]*|\s*[,:;.!\-]\s*|\s+)",
    regex.IGNORECASE,
)
_TOKEN = regex.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*")
_GLUED = regex.compile(r"[\d_@]|\.\w")
_POSSESSIVE = regex.compile(r"['\u2019]s$", regex.IGNORECASE)


class ContextNameRecognizer(EntityRecognizer):
    """Names after chat phrases, typed in any case; the phrase decides how much evidence a word needs."""

    ENTITY: ClassVar[str] = "PERSON"
    NAME: ClassVar[str] = "ChatContextNameRecognizer"
    STRONG_SCORE: ClassVar[float] = 0.85
    WEAK_SCORE: ClassVar[float] = 0.7
    MAX_TOKENS: ClassVar[int] = 3

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name=self.NAME, supported_language=supported_language)
        self._first = first_names()
        self._last = last_names()
        self._common = common_words()

    def load(self) -> None:
        """Word lists load lazily and are cached; nothing to do here."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find a cue, then take up to three name-like words after it."""
        results: list[RecognizerResult] = []
        for cue_match in _CUE_REGEX.finditer(text):
            strong = _CUES[int(next(k for k, v in cue_match.groupdict().items() if v is not None)[1:])].strong
            span = self._name_after(text, cue_match.end(), strong)
            if span is not None:
                results.append(self._result(span, self.STRONG_SCORE if strong else self.WEAK_SCORE))
        return EntityRecognizer.remove_duplicates(results)

    def _name_after(self, text: str, pos: int, strong: bool) -> tuple[int, int] | None:
        start = end = -1
        prev_capitalized = False
        for index in range(self.MAX_TOKENS):
            token = _TOKEN.match(text, pos)
            if token is None:
                break
            # "its jill484@btinternet.com", "lisa1982", "kayla.rodriguez@...": the word is part of a handle.
            if _GLUED.match(text, token.end()):
                break
            word = _POSSESSIVE.sub("", token.group())
            lower = word.lower()
            capitalized = word[:1].isupper() and not word.isupper()
            known_first, known_last = lower in self._first, lower in self._last
            # "My name is April": a capitalized known name after a strong cue outranks the month.
            if len(lower) < 2 or (lower in _NEVER_NAMES and not (strong and capitalized and known_first)):
                break
            if index == 0:
                accepted = self._first_word_ok(lower, capitalized, known_first, known_last, strong)
            else:
                accepted = (known_last or known_first or (capitalized and prev_capitalized) or strong) and (
                    lower not in self._common or ((known_last or known_first) and capitalized)
                )
            if not accepted:
                break
            if start < 0:
                start = token.start()
            end = token.start() + len(word)
            prev_capitalized = capitalized
            gap = regex.match(r"[ \t]+", text[token.end() :])
            # A name continues over a single run of spaces only; a comma or a line break ends it.
            if gap is None or token.end() != end:
                break
            pos = token.end() + gap.end()
        return (start, end) if start >= 0 else None

    def _first_word_ok(self, lower: str, capitalized: bool, known_first: bool, known_last: bool, strong: bool) -> bool:
        if lower in self._common or lower in _AMBIGUOUS:
            # "My name is Will" is a name; "I'm will..." or "thanks, good" is not.
            return strong and capitalized and (known_first or known_last or lower in _AMBIGUOUS)
        if strong:
            return True
        return known_first or (capitalized and known_last)

    def _result(self, span: tuple[int, int], score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.NAME, original_score=score, textual_explanation="name after a chat phrase"
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=span[0],
            end=span[1],
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


class NameListRecognizer(ContextNameRecognizer):
    """Lower-case "first last" pairs where both words are known names and neither is an everyday word."""

    NAME: ClassVar[str] = "ChatNameListRecognizer"
    SCORE: ClassVar[float] = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Scan word bigrams; capitalized pairs are left to spaCy's NER, which sees more context."""
        results: list[RecognizerResult] = []
        tokens = list(_TOKEN.finditer(text))
        for first, second in itertools.pairwise(tokens):
            between = text[first.end() : second.start()]
            a, b = first.group().lower(), second.group().lower()
            if between not in (" ", "  ") or len(a) < 3 or len(b) < 3:
                continue
            # The surname may be an everyday word ("emily brown"); the first name may not ("mark price").
            if (
                a in self._first
                and b in self._last
                and a not in self._common | _AMBIGUOUS | _NEVER_NAMES
                and b not in self._common | _NEVER_NAMES
            ):
                results.append(self._result((first.start(), second.end()), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


class ChatEventNameRecognizer(ContextNameRecognizer):
    """Names before chat-event phrases in system lines: "Darrell has joined the chat", "Ana left the room"."""

    NAME: ClassVar[str] = "ChatEventNameRecognizer"
    SCORE: ClassVar[float] = 0.8
    _EVENT = regex.compile(
        r"""(?x)
        (?P<value>[^\W\d_][\w'\u2019.\-]*(?:[ ][^\W\d_][\w'\u2019.\-]*){0,2}?)  # one to three words, fewest first
        \s+(?:has\s+|have\s+)?(?:joined|left|entered|exited|rejoined|is\s+typing|will\s+be\s+assisting)
        (?:\s+the\s+(?:chat|conversation|room|channel|call))?\b
        """,
        regex.IGNORECASE,
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Keep the trailing words of the run that are known names or Title Case, and not everyday words."""
        results: list[RecognizerResult] = []
        for match in self._EVENT.finditer(text):
            kept: list[regex.Match[str]] = []
            for token in reversed(list(_TOKEN.finditer(match.group("value")))):
                lower = token.group().lower()
                known = lower in self._first or lower in self._last
                capitalized = token.group()[:1].isupper()
                everyday = lower in self._common or lower in _NEVER_NAMES
                # "Agent April joined": a capitalized known name wins over the month or the word.
                if (everyday and not (capitalized and known)) or not (known or capitalized):
                    break
                kept.insert(0, token)
            if kept:
                base = match.start("value")
                results.append(self._result((base + kept[0].start(), base + kept[-1].end()), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


class VocativeNameRecognizer(ContextNameRecognizer):
    """A capitalized known first name addressed at the end of a sentence: "Have a great day, Rebecca!"."""

    NAME: ClassVar[str] = "ChatVocativeNameRecognizer"
    SCORE: ClassVar[float] = 0.6
    _VOCATIVE = regex.compile(
        r"""(?x)
        ,[ \t]+(?P<value>(?-i:[A-Z][a-z'\u2019\-]+)(?:[ ](?-i:[A-Z][a-z'\u2019\-]+))?)   # ", Rebecca"
        [ \t]*(?:[.!?]|$)                                                                # ends the sentence
        """,
        regex.MULTILINE,
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """The first word must be a known first name that is not also an everyday word."""
        results: list[RecognizerResult] = []
        for match in self._VOCATIVE.finditer(text):
            first = match.group("value").split(" ")[0].lower()
            if first in self._first and first not in self._common | _AMBIGUOUS | _NEVER_NAMES:
                results.append(self._result(match.span("value"), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


# Words that stand where a speaker's name would: "Greetings from the team", "Everyone here".
_NOT_SPEAKERS = frozenset(
    words(
        """
        greetings regards love hugs wishes welcome everyone everybody anyone anybody someone somebody nobody
        folks guys all agent agents bot assistant customer customers staff manager supervisor specialist
        """
    )
)


class IntroducedNameRecognizer(ContextNameRecognizer):
    """A name before a phrase that introduces its speaker: "James from the Brightline team", "Dana here"."""

    NAME: ClassVar[str] = "ChatIntroducedNameRecognizer"
    SCORE: ClassVar[float] = 0.8
    _INTRO = regex.compile(
        r"""(?x)
        (?<=^|[\n.!?,:;()\-\u2013\u2014]|[\p{So}\p{Sk}\p{Cf}]|(?:hi|hello|hey|hiya|yo)\b)  # opens a clause
        [ \t]*
        (?P<value>[^\W\d_][\w'\u2019\-]*(?:[ ][^\W\d_][\w'\u2019\-]*)?)            # one or two words
        [ \t]*,?[ \t]+
        (?:
          (?P<strong>
            (?:from|with|at)[ ]+(?:the[ ]+)?(?:[\w&'\u2019.\-]+[ ]+){0,4}?          # "from the Acme"
            (?:team|support|crew|desk|department|dept|helpdesk|help[ ]desk|care|service|services)\b
            |speaking\b|on[ ]+(?:the|this)[ ]+(?:line|chat)\b
          )
          |(?P<weak>here\b(?![ ]+(?:is|are|was|it|to|you)\b))                      # "Dana here", not "here is"
        )
        """,
        regex.IGNORECASE | regex.MULTILINE,
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """A team or "speaking" phrase takes a Title Case or known name; "here" takes a known first name."""
        results: list[RecognizerResult] = []
        for match in self._INTRO.finditer(text):
            tokens = match.group("value").split(" ")
            first = _POSSESSIVE.sub("", tokens[0])
            lower = first.lower()
            known = lower in self._first
            everyday = lower in self._common or lower in _AMBIGUOUS or lower in _NEVER_NAMES or lower in _NOT_SPEAKERS
            capitalized = first[:1].isupper() and not first.isupper()
            ok = known and not everyday if match.group("weak") else (known or capitalized) and not everyday
            if not ok:
                continue
            start, end = match.span("value")
            if len(tokens) == 2:
                second = tokens[1].lower()
                # The second word is a surname only when it looks like one: "James Carter from", not "James pls".
                if (
                    second in self._common
                    or second in _NEVER_NAMES
                    or not (second in self._last or tokens[1][:1].isupper())
                ):
                    continue
            results.append(self._result((start, end), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)
