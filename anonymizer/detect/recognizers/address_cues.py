"""STREET_ADDRESS: whatever address follows "my address is", "lives at", "ship it to", in any format.

The format recognizers (addresses.py, intl_addresses.py) know street types and postcodes of many countries,
but addresses come in more shapes than any list ("6614 Luite tee 87", "the corner of Pachergasse 64 and
Radolič Harbor", a street name in another script). After a phrase that announces an address, a value that
starts with a house number (or "the corner of") is an address whatever its words: it runs to the end of the
sentence, and over the following lines while they look like address lines (a unit, a town, a postcode).
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from wordfreq import zipf_frequency

from ._base import STOP_WORDS, ChatEntityRecognizer, alternation, span_result, words
from .addresses import _STREET_SUFFIXES
from .structured import cell_value, read_tables

_CUE = regex.compile(
    r"""(?xi)
    (?<![\w'])
    (?:
      (?:my|our|his|her|their|the|your|new|old|current|home|billing|shipping|mailing|delivery|postal|street)
        (?:[ ](?:new|old|current|home|billing|shipping|mailing|delivery|postal|street|primary|secondary))*
        [ ]address(?:[ ](?:is|was|will[ ]be|has[ ]changed[ ]to|should[ ]be))?[ ]*[:=\-]?
      |address[ ]*[:=]
      |(?:located|lives?|living|lived|based|reside|resides|residing|staying|stay|arrived|deliver(?:ed)?|delivery)
        [ ]+(?:now[ ]+)?(?:at|to)
      |(?:ship|send|deliver|mail|post|forward|bring)(?:[ ]+(?:it|them|this|that|the[ ]+\w+|my[ ]+\w+))?[ ]+to
      |(?:meet|see)[ ]+(?:me|us|you)[ ]+at
      |(?:i|we)[ ]+(?:now[ ]+|once[ ]+|used[ ]+to[ ]+)?(?:live|lived|moved)[ ]+(?:at|in|to)
      |(?:office|store|shop|restaurant|house|home|apartment|flat|place)[ ]+is[ ]+(?:at|on)
      |moved[ ]+to
    )
    [ \t]*\n?[ \t]*
    """
)
# A word every cue holds, followed by a space (all but "address", which may end the cue: "my address"): the cue
# pattern runs only on texts with one of them, or on texts with letters outside ASCII (whose case folding
# `lower` does not follow).
_CUE_WORDS = frozenset(
    words(
        """
        located live lives living lived based reside resides residing staying stay arrived deliver delivered
        delivery ship send mail post forward bring meet see moved office store shop restaurant house home
        apartment flat place
        """
    )
)
_ASCII_WORD = regex.compile(r"[a-z]+")


def _may_hold_cue(text: str) -> bool:
    """False only when `text` holds no address cue."""
    if not text.isascii():
        return True
    lower = text.lower()
    return "address" in lower or not _CUE_WORDS.isdisjoint(_ASCII_WORD.findall(lower))


# The value opens with a house number (or a unit) or "the corner of".
_OPENING = regex.compile(
    r"(?i)(?:the[ ]+)?corner[ ]+of[ ]+\S|(?:\d|(?:apt|apartment|suite|unit|flat|no)\.?[ ]*\d|c/[ ]?\p{L})"
)
# Words after a leading number that make it a quantity, a time or a price, not a house number.
_NOT_HOUSE_NUMBER = frozenset(
    words(
        """
        am pm a.m. p.m. h hr hrs hour hours min mins minute minutes sec seconds day days week weeks month
        months year years item items piece pieces pcs times different more less other others of or and to
        percent pct usd eur gbp dollars euros pounds cents bucks kg g lb lbs oz km mi miles x o'clock ish
        business working st nd rd th oclock people persons adults kids
        not since until now then but
        january february march april may june july august september october november december jan feb mar apr
        jun jul aug sep sept oct nov dec
        """
    )
)
# Abbreviations whose dot does not end the sentence: "St.", "Apt.", "No.", "Str.", "u.", single letters.
_ABBREVIATION = regex.compile(
    r"(?i)(?:\b(?:st|str|ave|av|rd|dr|blvd|apt|no|nr|ul|u|pl|sq|ln|ct|hwy|bldg|fl|dept|po|p\.o|jr|sr|mt|ft)|\b\p{L}|\d)$"
)
_SENTENCE_END = regex.compile(r"[.!?;](?=\s|$)|\n[ \t]*\n|[\"\u201d)\]](?=\s|$)")
_TRAILING_CLAUSE = regex.compile(
    r"(?i),?[ ]+(?:and[ ]+(?:i|we|it|the|my|please|let|can|could|would|will|also|then|call|send|text|email|thanks|you)"
    r"|but|after|before|last|yesterday|today|tomorrow|please|pls"
    r"|thanks|thank|if|when|which|where|because|since|so[ ]+that|for[ ]+(?:the|my|a))\b"
)
# A following line that continues an address: a unit, a town and code, a country, short and without a verb.
_ADDRESS_LINE = regex.compile(
    r"(?i)^[ \t>]*(?:(?:apt|apartment|suite|ste|unit|flat|floor|fl|building|bldg|po[ ]box|p\.o\.)\b.{0,30}"
    r"|[\p{L}\d'(),.\- ]{2,48})[ \t]*$"
)
_LINE_VERB = regex.compile(r"(?i)\b(?:is|are|was|were|am|have|has|will|can|could|please|thanks|i|you|we)\b")


# "the corner of 11 Botley Road St. and Herceg Gateway St.", "corner of 5th and main": two streets of names,
# numbers and street-type words, joined by "and" or "&".
_CORNER_CONNECTORS = words("de del della di da do dos das du des la le el van von der den am an y e")
_CORNER_TOKEN = (
    rf"(?:(?-i:\p{{Lu}})[\p{{L}}'\u2019.\-]*|\d{{1,5}}(?:st|nd|rd|th|[a-z])?\.?"
    rf"|(?:{alternation(_CORNER_CONNECTORS)})(?=[ ])"
    rf"|(?!(?:{alternation(sorted(STOP_WORDS))})(?![\p{{L}}]))(?-i:\p{{Ll}})[\p{{L}}'\u2019.\-]*)"
)
_CORNER = regex.compile(
    rf"""(?xi)
    (?<![\w])(?:the[ ]+)?corner[ ]+of[ ]+
    (?P<a>{_CORNER_TOKEN}(?:[ ]+{_CORNER_TOKEN}){{0,5}}?)
    [ ]+(?:and|&)[ ]+
    (?P<b>{_CORNER_TOKEN}(?:[ ]+{_CORNER_TOKEN}){{0,4}})
    """
)
# Everyday words that end the second street: "the corner of Main St and 5th Ave tomorrow".
_CORNER_END = frozenset(words("today tomorrow tonight yesterday now then please pls thanks asap soon later"))
_ORDINAL = regex.compile(r"(?i)\b\d{1,4}(?:st|nd|rd|th)\b")
_CAPITAL = regex.compile(r"(?-i:\p{Lu})")
_STREET_TYPE = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alternation(_STREET_SUFFIXES)})(?![\p{{L}}])")


_UNIT_OR_CODE = regex.compile(
    r"(?i)(?<![\p{L}])(?:apt|apartment|suite|unit|flat|floor|box|no|nr)(?![\p{L}])|\d[ ]+\d|\d{4,}\D+\d|,"
)


def _street_words(value: str) -> bool:
    """An address after a cue has a street type, a unit, a second number or a comma, or a word rare in English
    (a street name in another language): "12 main st", "255 hersnapvej 18"; not "5 Guys on friday"."""
    if _STREET_TYPE.search(value) or _UNIT_OR_CODE.search(value):
        return True
    return any(zipf_frequency(w, "en") < _RARE_ZIPF for w in _NAME_WORDS.findall(value.lower()))


_RARE_ZIPF = 3.0
_NAME_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'\-]+")


def _street_like(part: str) -> bool:
    """A street of a corner: a capital, an ordinal, or a street type word."""
    return bool(_CAPITAL.search(part) or _ORDINAL.search(part) or _STREET_TYPE.search(part))


_TWO_LETTERS = regex.compile(r"\p{L}{2,}")
_DIGIT = regex.compile(r"\d")
_LEADING_NUMBER = regex.compile(r"(?:the[ ]+)?(?:corner[ ]+of[ ]+)?(\d[\d:.,/-]*)(\s*)(\S*)")


class AddressCueRecognizer(ChatEntityRecognizer):
    """An address of any format after a phrase that announces one, when it opens with a house number."""

    ENTITY: ClassVar[str] = "STREET_ADDRESS"
    NAME: ClassVar[str] = "ChatAddressCueRecognizer"
    SCORE: ClassVar[float] = 0.6
    CORNER_SCORE: ClassVar[float] = 0.9  # above spaCy's 0.85: the merged span is a place, not the PERSON it saw
    MAX_LENGTH: ClassVar[int] = 160
    MAX_EXTRA_LINES: ClassVar[int] = 4

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Each cue followed by a house number gives one address, up to the end of its sentence."""
        results: list[RecognizerResult] = []
        for cue in _CUE.finditer(text) if _may_hold_cue(text) else ():
            start = cue.end()
            if not _OPENING.match(text, start) or self._is_quantity(text, start):
                continue
            end = self._address_end(text, start)
            value = text[start:end].rstrip(" \t,;:-")
            if len(value) < 6 or not _TWO_LETTERS.search(value) or not _DIGIT.search(value):
                continue
            if not _street_words(value):
                continue  # "meet me at 5 Guys on friday": a restaurant, not an address
            results.append(self._result(start, start + len(value)))
        if "corner" in text.lower():
            results.extend(self._corners(text))
        return EntityRecognizer.remove_duplicates(results)

    def _corners(self, text: str) -> list[RecognizerResult]:
        """ "the corner of X and Y": both streets, when each looks like a street name (not "the room")."""
        found = []
        for match in _CORNER.finditer(text):
            parts = [match.group("a"), match.group("b")]
            end = match.end("b")
            tokens = parts[1].split(" ")
            while tokens and tokens[-1].lower().strip(".,") in _CORNER_END:
                end -= len(tokens.pop()) + 1
            if not tokens:
                continue
            # Each street has a capital, an ordinal ("5th") or a street type ("12 main st"); or one has an
            # ordinal and the other is one word ("5th and main"). Not "the corner of sofa and wall 2 times".
            parts[1] = " ".join(tokens)
            strong = [_street_like(p) for p in parts]
            ordinal = [_ORDINAL.search(p) is not None for p in parts]
            if not (all(strong) or (ordinal[0] and " " not in parts[1]) or (ordinal[1] and " " not in parts[0])):
                continue
            value = text[match.start() : end].rstrip(" ,")
            found.append(
                span_result(
                    self, self.ENTITY, match.start(), match.start() + len(value), self.CORNER_SCORE, "street corner"
                )
            )
        return found

    @staticmethod
    def _is_quantity(text: str, start: int) -> bool:
        """ "ship to 2 different addresses", "meet me at 5 pm", "located at 3:30": not a house number."""
        number = _LEADING_NUMBER.match(text[start : start + 40])
        if number is None:
            return False
        digits, space, following = number.group(1), number.group(2), number.group(3).lower().strip(".,!?")
        if ":" in digits or "\n" in space:
            return ":" in digits
        return following in _NOT_HOUSE_NUMBER or following.startswith(("$", "%", "€", "£"))

    def _address_end(self, text: str, start: int) -> int:
        limit = min(len(text), start + self.MAX_LENGTH)
        line_end = text.find("\n", start)
        line_end = limit if line_end < 0 or line_end > limit else line_end
        end = self._sentence_end(text, start, line_end)
        if end < line_end:
            return end
        # The address continues over lines that look like address lines ("Apt. 931", "Salumäe", "Estonia 62031").
        for _ in range(self.MAX_EXTRA_LINES):
            if end >= limit or text[end : end + 1] != "\n":
                break
            next_end = text.find("\n", end + 1)
            next_end = limit if next_end < 0 or next_end > limit else next_end
            line = text[end + 1 : next_end]
            if not line.strip() or not _ADDRESS_LINE.match(line) or _LINE_VERB.search(line):
                break
            sentence = self._sentence_end(text, end + 1, next_end)
            end = sentence
            if sentence < next_end:
                break
        return end

    @staticmethod
    def _sentence_end(text: str, start: int, stop: int) -> int:
        """Where the address's sentence or clause ends before `stop`."""
        pos = start
        while True:
            found = _SENTENCE_END.search(text, pos, stop)
            clause = _TRAILING_CLAUSE.search(text, start, stop)
            if clause is not None and (found is None or clause.start() < found.start()):
                return int(clause.start())
            if found is None:
                return stop
            if text[found.start()] == "." and _ABBREVIATION.search(text, max(start, found.start() - 5), found.start()):
                pos = found.end()
                continue
            return int(found.start())

    def _result(self, start: int, end: int) -> RecognizerResult:
        return span_result(self, self.ENTITY, start, end, self.SCORE, "address after an address phrase")


# The cells of pasted tables' place columns. The table reader and the header vocabulary (city, ZIP, address in
# many languages, with prefixes such as "billing_zip" and aliases such as "a.postcode") are structured.py's,
# shared with the recognizer of the other typed columns.
_HEADER_QUICK = regex.compile(
    r"(?i)city|town|locality|suburb|village|municipality|stadt|ort|ville|ciudad|citta|cidade|zip|post|plz|pin"
    r"|cep|eircode|addr|adress|street|stra|line_?1|direcci|endere|indirizzo|anschrift"
)
_PLACE_ENTITIES = frozenset(("LOCATION", "ZIP_CODE", "STREET_ADDRESS"))
_CELL_CHECKS = {
    "LOCATION": regex.compile(r"^\p{L}[\p{L}'\u2019.\- ]{1,40}$"),
    "ZIP_CODE": regex.compile(r"^(?=[^\n]*\d)[A-Za-z0-9][A-Za-z0-9 \-]{1,9}$"),
    "STREET_ADDRESS": regex.compile(r"^(?=.*\d)(?=.*\p{L}{2}).{4,120}$"),
}


class AddressColumnRecognizer(EntityRecognizer):
    """The cells of a pasted table's City, ZIP/Postcode and Address columns (CSV, TSV, Markdown, SQL output):
    a town alone in a cell ("…,3135550164,Detroit") has no cue word but its header."""

    NAME: ClassVar[str] = "ChatAddressColumnRecognizer"
    SCORE: ClassVar[float] = 0.9  # the header says what the cell is: above spaCy's PERSON guesses
    MAX_ROWS: ClassVar[int] = 500

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=sorted(_PLACE_ENTITIES),
            name=self.NAME,
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find header lines naming a place column, then read the rows under them with the same shape."""
        results: list[RecognizerResult] = []
        if "\n" not in text or not _HEADER_QUICK.search(text):
            return results
        for table in read_tables(text, self.MAX_ROWS):
            for column, typed in table.columns.items():
                if typed.entity not in _PLACE_ENTITIES or typed.entity not in entities:
                    continue
                for offset, line, spans in table.rows:
                    start, end = spans[column]
                    found = cell_value(line[start:end])
                    if found is None:
                        continue
                    value = line[start + found[0] : start + found[1]]
                    if not _CELL_CHECKS[typed.entity].match(value):
                        continue
                    first = offset + start + found[0]
                    results.append(
                        span_result(self, typed.entity, first, first + len(value), self.SCORE, "table column")
                    )
        return EntityRecognizer.remove_duplicates(results)
