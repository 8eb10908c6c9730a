"""LOCATION: a town typed after a moving/living/delivery phrase, in any case, invented names included.

The small NER model misses lower-case and unfamiliar towns ("moved to matthewchester", "i'm in kristastad,
tx"). A phrase that says "this is where I am" and a word that is not an everyday word carry the evidence;
a trailing state or province code ("tx", "NSW", "on") belongs to the place.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ._base import (
    STOP_WORDS,
    ChatEntityRecognizer,
    ChatPatternRecognizer,
    alternation,
    span_result,
    verbose_pattern,
    words,
)
from .addresses import _STREET_SUFFIXES
from .fold import english_zipf, fold
from .intl_addresses import countries
from .names import _word_file, common_words, foreign_everyday, is_first_name, is_last_name
from .ner_filter import (
    BUSINESS_WORDS,
    FIRM_DELIVERS,
    ORGANISATION_WORDS,
    ROMAN_HINDI,
    is_business_name,
    not_where_someone_is,
)

# US states, Canadian provinces and Australian states and territories, as typed after a town.
_REGIONS = words(
    """
    al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd
    oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy on qc bc ab mb sk ns nb nl pe yt nt nu nsw vic qld sa tas
    act
    """
)

_CONNECTORS = words("de del della di da do dos das du la le of upon on am an der")
_PLACE_WORD = r"[^\W\d_][^\W\d_'\u2019.\-]*(?:['\u2019\-](?![sS]\b)[^\W\d_]+)*"  # not "it's"


# The settlement type written before a town's name: the Russian and Ukrainian abbreviations for town, village,
# settlement, station (g., p., s., st., pgt, smt) and words (selo, misto, gorod), Vietnamese "TP." / "Thành phố".
_SETTLEMENT_PREFIX = (
    r"(?:(?:г|гор|п|пос|с|ст|пгт|смт|м|д|tp)\.[ ]?"  # noqa: RUF001 - Cyrillic abbreviations
    r"|(?:thành[ ]phố|село|місто|город|посёлок|деревня|селище)[ ])?"
)
# A region after the town: a state code (", tx", ", NSW") or Title Case words (", Pays-de-Loire", ", Ontario").
_REGION_TAIL = (
    rf"(?:,[ ]?(?:{alternation(_REGIONS)})\b"
    r"|,[ ](?-i:\p{Lu})[\p{L}'\-]+(?:[ ](?:(?:de|del|la|do|da|of)[ ])?(?-i:\p{Lu})[\p{L}'\-]+){0,3})?"
)


class PlaceCueRecognizer(ChatPatternRecognizer):
    """One to three words after "moved to", "live in", "deliver to", "store in"..., plus a region code."""

    ENTITY = "LOCATION"
    NAME = "ChatPlaceRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "place after cue",
            rf"""
            \b(?:(?:just\s+)?(?:moved|moving|relocated|relocating)\s+(?:back\s+)?(?:to|from)
               |(?:i\s+)?(?:live|living|reside|residing|based|located|staying)\s+in
               |i'?m\s+in|i\s+am\s+in|(?:deliver|delivery|ship|shipping|send\s+it)\s+to
               |(?:store|shop|branch|location)\s+in|(?:visiting|flying\s+to|travel(?:l)?ing\s+to)
               |originally\s+from|(?:moved|came)\s+here\s+from|grew\s+up\s+in|hometown(?:\s+is)?
               |home\s+(?:city|town)(?:\s+(?:is|of))?|returned\s+to            # where someone is from
               |(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:from|(?:out|over|down|up|back|currently|still|now)\s+in)
               |(?:we\s+)?(?:live|living|based|located)\s+(?:near|(?:just\s+)?outside(?:\s+of)?|out\s+of)
               |(?:head(?:ed|ing)|driving|drove|commut(?:e|ing))\s+(?:(?:up|down|over|back|out)\s+)?(?:to|from)
                                                                              # "heading to tulsa", "drove up from"
               |born\s+(?:and\s+raised\s+)?in|here\s+in                        # "born in fresno", "here in reno"
               |(?:flights?|fly|flying|flew|train|bus|tickets?)\s+(?:from|to|into|out\s+of)  # "flight to cluj"
               |(?:issued|parked|registered)\s+in                           # "licence issued in Alsace"
               |back\s+(?:home\s+)?in|(?:landed|arrived|stranded)\s+in        # "back in leeds on friday"
               |(?:town|village|city|suburb|hamlet|neighbou?rhood)\s+(?:called|named))  # "a village called Ballymote"
            \s+
            (?P<value>
              {_SETTLEMENT_PREFIX}                                # "g. Ufa" in Cyrillic, "tp. hồ chí minh"
              {_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?          # one to three words, fewest first
              {_REGION_TAIL}                                      # ", tx", ", NSW", ", Pays-de-Loire"
            )
            (?=\s*(?:$|[,.!?;:)]|\s+(?:and|but|now|last|next|this|if|lol|btw|for|since|because|so|please|pls|to|from
                  |by|with|on|at|in|which|where|when|after|before|until|via|yesterday|today|tomorrow|free|too|also
                  |area|instead|then|soon|tonight|again|was|were|is|i|im|i'm|we|tbh|haha|lmao
                  |tmrw|tmr|tmrow|tomoz|originally|rn|atm|asap|lately|tho|though|anymore)\b
                  |\s*\p{{So}}))                                 # the place ends the clause
            """,
            0.6,
        ),
        verbose_pattern(
            "town and region ending a contact line",
            rf"""
            (?<=[\w)][ ]*[·•][ ]*)                                   # "ana@x.com · +34 978 507 838 · "
            (?P<value>
              (?-i:\p{{Lu}})[\p{{L}}'\-]+(?:[ ](?:(?:{alternation(_CONNECTORS)})[ ])?(?-i:\p{{Lu}})[\p{{L}}'\-]+){{0,3}}
              ,[ ](?-i:\p{{Lu}})[\p{{L}}'\-]+(?:[ ](?:(?:{alternation(_CONNECTORS)})[ ])?\p{{L}}[\p{{L}}'\-]+){{0,3}}
            )
            [ \t]*$                                                  # "Navarra, País Vasco" ends the line
            """,
            0.6,
        ),
        verbose_pattern(
            "town and region opening a contact line",
            rf"""
            ^[ \t]*
            (?P<value>
              (?-i:\p{{Lu}})[\p{{L}}'\-]+(?:[ ](?:(?:{alternation(_CONNECTORS)})[ ])?(?-i:\p{{Lu}})[\p{{L}}'\-]+){{0,3}}
              ,[ ](?-i:\p{{Lu}})[\p{{L}}'\-]+(?:[ ](?:(?:{alternation(_CONNECTORS)})[ ])?\p{{L}}[\p{{L}}'\-]+){{0,3}}
            )
            [ \t]*[·•|][ \t]*\S                                     # "Lisbon, Portugal · ana@x.com · +351 …"
            """,
            0.6,
        ),
        verbose_pattern(
            "place after a form label",
            rf"""
            (?<![\w/])(?:city|town|hometown|state/region|state/province|province|county
               |place\s+of\s+birth|birthplace|city/town)               # not "state: pending", "region: EMEA"
            "?[ \t]*[:=][ \t]*"?                                   # "City: Detroit", '"city": "Detroit"'
            (?P<value>
              {_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}?
              (?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            )
            (?=[ \t]*(?:$|[",.;!?)|\n]))                            # the value ends the field
            """,
            0.6,
        ),
        verbose_pattern(
            "place of a person in the news",
            rf"""
            (?-i:\p{{Lu}})[\p{{L}}'\-]+,[ ]\d{{1,3}},[ ](?:of|from)[ ]     # "Wout Keijser, 69, of Berkel-Enschot,"
            (?P<value>{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?(?:,[ ]?(?:{alternation(_REGIONS)})\b)?)
            (?=[ ]?[,.;)])
            """,
            0.6,
        ),
        verbose_pattern(
            "place before where someone grew up",
            rf"""
            (?:^|(?<=[\n.!?]\s*))
            (?P<value>
              {_SETTLEMENT_PREFIX}{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?(?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            )
            \s+(?:is|was)\s+where\s+(?:i|we|my\s+\w+)\s+(?:grew\s+up|was\s+born|were\s+born|live|lived|used\s+to\s+live)\b
            """,
            0.6,
        ),
        verbose_pattern(
            "second place of a from-to pair",
            rf"""
            \b(?:moved|moving|relocated|relocating|flying|flew|travel(?:l)?(?:ed|ing)|driving|drove|head(?:ed|ing)
               |ship(?:ped|ping)?|commut(?:e|ing))\s+(?:back\s+)?from    # not "went from basic to premium"
            \s+{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?(?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            \s+to\s+                                                      # "... to omaha": the place moved to
            (?P<value>
              {_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?
              (?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            )
            (?=\s*(?:$|[,.!?;:)]|\s+(?:and|but|now|last|next|this|if|lol|btw|for|since|because|so|please|pls
                  |by|with|on|at|in|which|where|when|after|before|until|via|yesterday|today|tomorrow)\b
                  |\s*\p{{So}}))                                 # the place ends the clause
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["moved", "live", "deliver", "store", "ship"]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The cue says "this is where I am": a town that is no one's first name outranks spaCy's person guess
        on the same words ("moving from Quảng Ninh", "Kelly Hernandez, 83, of Guelph")."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            first = text[result.start : result.end].split(maxsplit=1)[0].lower()
            if not is_first_name(first):
                result.score = max(result.score, CUED_PLACE_SCORE)
        return results

    def _patterns_for(self, text: str) -> Iterable[Pattern]:
        """Every pattern but the label and news ones when `text` lacks their ':'/'=' or an age and a comma."""
        for pattern in self._patterns:
            probe = _PLACE_CUE_PROBES.get(pattern.name)
            if probe is None or probe.search(text):
                yield pattern

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Every word of the town must be a non-everyday word ("moved to a new place" is not a place)."""
        value = match.group("value")
        if FIRM_DELIVERS.search(text, max(0, match.start("value") - 30), match.start("value")):
            return True  # "we deliver to Williamsburg": where a firm delivers, not where someone is
        town = [w.lower() for w in value.split(",")[0].split()]
        if len(town) > 1 and town[0] in _PLACE_PREFIXES:
            town = town[1:]  # "south vanessa", "port lauraport", "new bryanborough"
        everyday = common_words() | STOP_WORDS
        # "i'm from acme outfitters": an agent naming the company, not a town; "Acme, Inc" on a contact line.
        region = [w for w in value.partition(",")[2].split() if w.lower() not in _REGIONS]  # not "SA" of "Adelaide, SA"
        if (town and town[-1] in ORGANISATION_WORDS) or any(w.lower().strip(".") in ORGANISATION_WORDS for w in region):
            return True
        # "returned to Mill Village", "moved to Green Bay": Title Case words that end in a settlement word.
        raw = value.split(",")[0].split()
        if len(raw) > 1 and all(w[:1].isupper() for w in raw) and town[0] in STOP_WORDS:
            # "grew up in An Giang", "living in The Hague": a Title Case name may start with a function word
            return any(word in everyday or word in _NOT_PLACES for word in town[1:])
        if len(raw) > 1 and town[-1] in _SETTLEMENT_WORDS and all(w[:1].isupper() for w in raw):
            return any(word in _NOT_PLACES or word in STOP_WORDS for word in town)
        return any(word in everyday or word in _NOT_PLACES for word in town)


# Above spaCy's 0.85: where a place cue or a preposition of place and a town list agree, and the words are no
# one's first name, the place wins over the small model's person guess on the same words.
CUED_PLACE_SCORE = 0.86


# Something every match of a pattern holds, for a quick check before the pattern runs.
_PLACE_CUE_PROBES = {
    "place after a form label": regex.compile(r"[:=]"),
    "place of a person in the news": regex.compile(r"\d,[ ]"),
    "town and region ending a contact line": regex.compile(r"[·•]"),
    "town and region opening a contact line": regex.compile(r"[·•|]"),
}

# Last words of town names: "Mill Village", "Green Bay", "Cedar Falls", "Palm Springs".
_SETTLEMENT_WORDS = frozenset(
    words(
        """
        village town city heights park springs falls hills valley beach harbor harbour bay creek lake grove
        ridge point island mills junction crossing station landing hollow bluffs cove glen meadows shores
        """
    )
)


# First words of town names that are everyday words on their own.
_PLACE_PREFIXES = frozenset(
    words("north south east west new port saint st fort mount mt lake san santa los las el la le east upper lower")
)

# Where people say they are that is not a place name: "i'm in trouble", "deliver to the office".
_NOT_PLACES = frozenset(
    words(
        """
        trouble shock pain luck line queue hurry rush bed hospital office work school class town city
        apartment house flat home store shop mall lobby meeting traffic doubt love debt charge control
        canada-wide europe-wide stock person chat app settings checkout cart basket
        """
    )
)


_NON_SPACE = regex.compile(r"\S+")
_REGION_AFTER = regex.compile(rf",[ ]?(?-i:{alternation([r.upper() for r in _REGIONS])})(?![\w@\-]|\.\w)")

# Country names that are mostly something else in a chat: first names, a shirt, a reunion.
_NOT_COUNTRIES = frozenset({"chad", "jordan", "jersey", "reunion", "guinea", "georgia"})
_CAPITALIZED_RUN = regex.compile(
    r"(?<![\w@./\-])\p{Lu}[\p{L}'\u2019.\-]*(?:[ ](?:and[ ]|of[ ]|the[ ]|d['\u2019])*\p{Lu}[\p{L}'\u2019.\-]*)*"
)


@cache
def _country_keys() -> dict[str, int]:
    """Folded country name -> its number of words, for names typed in Title Case or capitals."""
    return {name.lower(): len(name.split()) for name in countries() if name.lower() not in _NOT_COUNTRIES}


@cache
def _country_names() -> frozenset[str]:
    return frozenset(_country_keys())


class CountryRecognizer(ChatEntityRecognizer):
    """Country names in Title Case or capitals ("Southern Tunisia", "we moved here from CYPRUS").

    The small NER model misses many countries it saw rarely in training. A country alone is a weak
    identifier, but a privacy policy that masks places should mask it like any other place.
    """

    ENTITY: ClassVar[str] = "LOCATION"
    NAME: ClassVar[str] = "ChatCountryRecognizer"
    SCORE: ClassVar[float] = 0.5

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Read runs of capitalized words; keep the longest prefix of each run that names a country."""
        keys = _country_keys()
        first_words = _first_word_index(_country_names())
        results: list[RecognizerResult] = []
        for run in _CAPITALIZED_RUN.finditer(text):
            tokens = list(_NON_SPACE.finditer(run.group()))
            for first in range(len(tokens)):
                longest = first_words.get(tokens[first].group().lower().rstrip(".,"), 0)
                for last in range(min(len(tokens), first + longest), first, -1):
                    start, end = run.start() + tokens[first].start(), run.start() + tokens[last - 1].end()
                    candidate = text[start:end].rstrip(".,")
                    if candidate.lower() in keys and (
                        candidate[1:2].islower() or candidate.isupper() or " " in candidate
                    ):
                        if not _not_a_town(text, start, start + len(candidate)):  # "Canada Day"
                            results.append(self._result(start, start + len(candidate)))
                        break
        return EntityRecognizer.remove_duplicates(results)

    def _result(self, start: int, end: int) -> RecognizerResult:
        return span_result(self, self.ENTITY, start, end, self.SCORE, "country name")


@cache
def _everyday_words() -> frozenset[str]:
    return common_words() | STOP_WORDS


@cache
def _first_word_index(names: frozenset[str]) -> dict[str, int]:
    """First word of each name -> the most words a name starting with it has (look-ups start only there)."""
    index: dict[str, int] = {}
    for name in names:
        words_ = name.split()
        index[words_[0].rstrip(".,")] = max(index.get(words_[0].rstrip(".,"), 0), len(words_))
    return index


@cache
def cities() -> frozenset[str]:
    """Folded names of the world's towns of 5,000 people or more (GeoNames; see the data file's header), and
    the short forms of names qualified by their river or region ("frankfurt" of "frankfurt am main")."""
    known = _word_file("cities.txt")
    short = {m.group(1) for name in known if (m := _QUALIFIED_NAME.match(name)) and m.group(1) not in _NOT_SHORT}
    return known | short


# "Frankfurt am Main", "Bernau bei Berlin", "Barton upon Humber", "Biberach an der Riss": the first word is
# the name in use.
_QUALIFIED_NAME = regex.compile(r"([a-z'\-]{4,}) (?:am|an der|an|upon|im|in der|bei|sur) ")
_NOT_SHORT = frozenset(words("bad sankt saint port madinat minyat"))


# A run of capitalized words with the lower-case particles of place names between them: "Villafranca del Cid".
_PLACE_RUN = regex.compile(
    r"(?<![\w@./\-])\p{Lu}[\p{L}'\u2019\-]*"
    r"(?:[ ](?:(?:del|de|la|le|les|am|an|der|upon|on|sur|di|do|da|dos|das|y|en|im|op|aan)[ ])*\p{Lu}[\p{L}'\u2019\-]*)*"
)
# A word of a script other than Latin right before or after the name (Devanagari, Arabic, Cyrillic, Han...).
_OTHER_SCRIPT = r"[\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Gujarati}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}"
_OTHER_SCRIPT += r"\p{Arabic}\p{Hebrew}\p{Cyrillic}\p{Greek}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]"
_OTHER_SCRIPT_BEFORE = regex.compile(_OTHER_SCRIPT + r"\p{M}*[ \t]+$")
_OTHER_SCRIPT_AFTER = regex.compile(r"[ \t]+" + _OTHER_SCRIPT)
_AFTER_YEAR = regex.compile(r"(?<!\d)(?:1[6-9]|20)\d\d,[ ]$")
_TITLE_BEFORE = regex.compile(r"(?<![\w'])(\p{Lu}\p{Ll}+)[ ]$")
_HONORIFIC_BEFORE = regex.compile(r"(?<![\w'])(?i:mr|mrs|ms|miss|mx|dr|prof|sr|sra|herr|frau|mme|mlle)\.?[ ]$")
# A lower-case town after a preposition of place ("to" is left out: "to bury", "to bath" are verbs).
_LOWER_TOWN_AFTER = regex.compile(
    r"(?<![\w'])(?i:in|from|near|via|visiting|outside|around|towards)[ ]+"
    r"(?P<place>[a-z][a-z'\-]+(?:[ ][a-z][a-z'\-]+){0,2})(?![\w'\-])"
)
_ROUTE_END = (
    r"\p{Lu}[\p{L}'\u2019\-]+"
    r"(?:[ ](?:(?:de|del|da|do|dos|la|le|di|du|van|von|am|upon|on)[ ])?\p{Lu}[\p{L}'\u2019\-]+){0,3}"
)
_ROUTE = regex.compile(
    # after a colon, "from", a trip word, or opening a line: "Chennai to Melbourne, she's visiting"
    rf"(?:^|(?<=:[ \t]*)|(?<=\b(?i:from|flight|flights|flying|flew|fly|trip|route|journey|train|bus|drive|drove"
    rf"|driving|ticket|tickets|travel(?:l)?ing)[ \t]+))(?P<a>{_ROUTE_END})(?P<ac>[ ]\([A-Z]{{3}}\))?"
    rf"[ ]+(?:to|\u2192|->|\u2013|\u2014)[ ]+(?P<b>{_ROUTE_END})(?P<bc>[ ]\([A-Z]{{3}}\))?"
    r"(?=[ ]*(?:[,.;!?)]|$|[ ]on[ ]|[ ]\d))",
    regex.MULTILINE,
)
_TITLE_PLACE_WORDS = (
    r"\p{Lu}[\p{L}\p{M}'\u2019\-]*"
    r"(?:[ ](?:(?:de|del|la|le|di|da|do|du|van|von|am|upon|on|sur)[ ])*\p{Lu}[\p{L}\p{M}'\u2019\-]*){0,3}"
)
# "from Carlisle, Hertfordshire.", "in Đồng Nai, Cao Bằng": a town, a comma and a region ending the clause.
_TOWN_AND_REGION = regex.compile(
    r"(?<![\w'])(?i:from|in|of|near|outside|visiting|around|to)[ ]+"
    rf"(?P<place>(?P<town>{_TITLE_PLACE_WORDS}),[ ](?P<region>{_TITLE_PLACE_WORDS}))"
    r"(?=[ \t]*(?:[.;!?)\n]|,(?![ ]?\p{Lu})|$|[ ](?i:and|but|until|since|for|where|when|i)[ ]))"
)


@cache
def _region_names() -> frozenset[str]:
    """Folded names of states, provinces, home nations and continents (data file) and of countries."""
    return frozenset(fold(name) for name in _word_file("regions.txt")) | _country_names()


_ROUTE_CUE_BEFORE = regex.compile(r"(?:[:][ \t]*|\b(?i:from)[ \t]+)$")
_LINE_START_ZIPF = 4.5  # a route opening a line must not start with an everyday word ("Welcome", "Reading")
_TRIP_BEFORE = regex.compile(
    r"(?i)\b(?:tickets?|flights?|train|bus|coach|ferry|boarding|itinerary|journey|trip|route|fare|booking|travel"
    r"|depart(?:s|ing|ure)?|leg)\b"
)
_AND_NAME_AFTER = regex.compile(r"[ ](?:and|&)[ ](\p{Lu}\p{Ll}+)(?![\w'\u2019])")
_AND_NAME_BEFORE = regex.compile(r"(?<![\w'\u2019])(\p{Lu}\p{Ll}+)[ ](?:and|&)[ ]$")
_STRONG_PREPOSITION = regex.compile(r"(?:^|\W)(?i:in|from|of|near|outside|visiting)[ ]+$")
# Where a place follows: "in", "from", "to", "near"... right before the name.
_PLACE_PREPOSITION = regex.compile(
    r"(?:^|\W)(?:in|from|to|near|outside|around|towards|visiting|via|of)\s+(?:the\s+)?$", regex.IGNORECASE
)


# A town named after a person: a first or last name with a town ending ("Jacksonville", "Adamsbury"), or a
# compass/water prefix before a name or such a word ("Port George", "West Davidmouth", "Lake Kelly").
_TOWN_ENDINGS = [
    "town",
    "ton",
    "ville",
    "villa",
    "berg",
    "burg",
    "burgh",
    "borough",
    "bury",
    "view",
    "port",
    "mouth",
    "stad",
    "furt",
    "chester",
    "fort",
    "haven",
    "side",
    "shire",
    "field",
    "ford",
    "land",
    "dale",
    "mont",
    "ham",
]
_TOWN_SHAPE = regex.compile(
    r"(?<![\w@./\-])(?:(?P<prefix>(?:North|South|East|West|New|Lake|Port|Fort|Mount|Saint|St\.?|Point|Glen)) )?"
    r"(?P<town>(?:(?P<stem>\p{Lu}\p{Ll}{2,}?)(?:" + "|".join(_TOWN_ENDINGS) + r"))|\p{Lu}\p{Ll}{2,})(?![\w@])"
)


class CityRecognizer(CountryRecognizer):
    """Towns and cities by name, in Title Case or capitals: "returned to LYCKSELE", "Villafranca del Cid".

    A name of several words, or one word English does not use ("Katrineholm", "Espoo"), is a place wherever
    it stands. A one-word name that is also an English word or a person's first name ("Bath", "Florence",
    "Reading") counts only right after "in", "from", "to", "near"... and never when it is an everyday word.
    """

    NAME: ClassVar[str] = "ChatCityRecognizer"
    SCORE: ClassVar[float] = 0.5
    RARE_ZIPF: ClassVar[float] = 3.0
    MAX_WORDS: ClassVar[int] = 5
    AFTER_YEAR_ZIPF: ClassVar[float] = 4.0  # a town after a date's year: "b. 1936, Durban"; not "2024, Reading"
    LOWER_RARE_ZIPF: ClassVar[float] = 3.6  # "anchorage" 3.4, "tulsa" 3.5; not "cork" 3.7, "bath" 4.4

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """The longest run of capitalized words at each position that names a town."""
        known = cities()
        first_words = _first_word_index(known)
        everyday = _everyday_words()
        results: list[RecognizerResult] = []
        for run in _PLACE_RUN.finditer(text):
            tokens = list(_NON_SPACE.finditer(run.group()))
            first = 0
            while first < len(tokens):
                taken = 0
                longest = min(first_words.get(fold(tokens[first].group()), 0), self.MAX_WORDS)
                for last in range(min(len(tokens), first + longest), first, -1):
                    start, end = run.start() + tokens[first].start(), run.start() + tokens[last - 1].end()
                    name = text[start:end]
                    if fold(name) in known and self._plausible(text, start, name, last - first, everyday):
                        taken = last - first
                        if _not_a_town(text, start, end):
                            break  # "Dunmore Road", "the Leeds site": a street or a firm's site
                        # "San Jose, CA", "Fitzroy, VIC": the state or province code belongs to the town.
                        code = _REGION_AFTER.match(text, end)
                        result = self._result(start, code.end() if code else end)
                        if self._strong(text, start, name):
                            result.score = CUED_PLACE_SCORE  # "just landed in Wunsiedel", "Mr and Mrs Gupta of Surat"
                        results.append(result)
                        break
                first += max(taken, 1)
        for match in _TOWN_SHAPE.finditer(text):
            if (
                self._town_shaped(match)
                and not is_business_name(text, *match.span())
                and not _not_a_town(text, *match.span())
            ):
                results.append(self._result(*match.span()))
        results.extend(self._lower_case_towns(text, known, everyday))
        if ", " in text:
            results.extend(self._town_and_region(text, known, everyday))
        if " to " in text or "\u2192" in text:  # a route's cheap probe
            results.extend(self._route(text, known, everyday))
        best: dict[tuple[int, int], RecognizerResult] = {}
        for result in results:  # one result per span, the highest score ("Dundee" of a route and of the run pass)
            kept = best.get((result.start, result.end))
            if kept is None or result.score > kept.score:
                best[(result.start, result.end)] = result
        return EntityRecognizer.remove_duplicates(list(best.values()))

    def _route(self, text: str, known: frozenset[str], everyday: frozenset[str]) -> list[RecognizerResult]:
        """Both ends of a trip after a colon or "from": "booking QX7H2M: Ho Chi Minh City (SGN) to Sydney (SYD)",
        "Ticket ...: Spokane to Smithton, 2 Dec". One end must be a known town or carry an airport code, and
        neither may be an everyday word or a lone first name ("from Monday to Friday", "from Jackson to Mary")."""
        found = []
        for match in _ROUTE.finditer(text):
            ends = [match.group("a"), match.group("b")]
            codes = match.group("ac") is not None or match.group("bc") is not None
            # "Ticket 293-…: Peixoto de Nascimento to Quattro Strade, 15th March": a trip word before the route
            trip = _TRIP_BEFORE.search(text, max(0, match.start() - 80), match.start()) is not None
            if not (codes or trip or any(fold(e) in known for e in ends)):
                continue
            lone_names = [" " not in e and is_first_name(e.lower()) for e in ends]
            # "Leeds to Sydney", "Sydney (SYD)"; not "Jackson to Mary" (two first names, two towns somewhere)
            sure = codes or (all(fold(e) in known for e in ends) and not all(lone_names))
            if not (codes or any(fold(e) in known for e in ends)) and any(lone_names):
                continue  # "train ticket: Jackson to Mary": with no town known, a first name is a person
            if any(e.lower() in everyday for e in ends) or (any(lone_names) and not sure):
                continue
            if any(_not_a_town(text, *match.span(g)) for g in ("a", "b")):
                continue
            if not (codes or trip or _ROUTE_CUE_BEFORE.search(text, max(0, match.start() - 8), match.start())) and (
                not all(fold(e) in known for e in ends) or english_zipf(ends[0].lower()) >= _LINE_START_ZIPF
            ):
                continue  # opening a line: "Chennai to Melbourne", not "Welcome to Lisbon Suites"
            for group in ("a", "b"):
                result = self._result(*match.span(group))
                result.score = CUED_PLACE_SCORE
                found.append(result)
        return found

    def _town_and_region(self, text: str, known: frozenset[str], everyday: frozenset[str]) -> list[RecognizerResult]:
        """A town and its region or country after "from", "in", "of"...: "from Carlisle, Hertfordshire.",
        "in Port Donald, Ontario;". One half must be a known town, region or country, and neither an everyday
        word or a lone first name with no town known ("from Jackson, Mary")."""
        found = []
        regions = _region_names()
        for match in _TOWN_AND_REGION.finditer(text):
            town, region = match.group("town"), match.group("region")
            known_town = fold(town) in known or fold(town) in regions
            known_region = fold(region) in regions or fold(region) in known
            if not (known_town or known_region):
                continue
            if any(part.lower() in everyday or part.lower() in _NOT_PLACES for part in (town, region)):
                continue
            if fold(region) not in regions and (
                is_first_name(region.lower()) or (is_last_name(region.lower()) and fold(region) not in known)
            ):
                continue  # "from Leeds, Sarah", "from Jackson, Mary": a person after the town; not "…, London"
            if not known_town and " " not in town and is_first_name(town.lower()):
                continue
            if fold(region) not in regions and is_last_name(town.lower()) and is_last_name(region.lower()):
                continue  # "from Hawkins, Richardson and Santana": a firm named after its partners
            if _AND_NAME_AFTER.match(text, match.end("region")):
                continue  # "…, Richardson and Santana"
            start, end = match.span("place")
            if _not_a_town(text, start, end) or is_business_name(text, start, end):
                continue
            result = self._result(start, end)
            result.score = CUED_PLACE_SCORE
            found.append(result)
        return found

    def _lower_case_towns(self, text: str, known: frozenset[str], everyday: frozenset[str]) -> list[RecognizerResult]:
        """A town typed in lower case right after "in", "from", "via"...: "we have to be in anchorage by
        saturday". One word must be rare in English and no one's first name; "in reading", "in bath" stay prose."""
        found = []
        for match in _LOWER_TOWN_AFTER.finditer(text):
            tokens = match.group("place").split(" ")
            for n in range(len(tokens), 0, -1):
                name = " ".join(tokens[:n])
                if fold(name) not in known:
                    continue
                if n == 1 and not self._rare_lower_word(name, everyday):
                    continue
                if n > 1 and all(w in everyday or w in _PLACE_PREFIXES for w in tokens[:n]):
                    continue  # "new town"
                start = match.start("place")
                after = text[start + len(name) : start + len(name) + 40].lower().split()[:3]
                if any(w.strip(".,") in BUSINESS_WORDS for w in after) or _not_a_town(text, start, start + len(name)):
                    break  # "from stillwater supercomputing inc.": a firm
                code = _REGION_AFTER.match(text, start + len(name))
                found.append(self._result(start, code.end() if code else start + len(name)))
                break
        return found

    @staticmethod
    def _paired_with_a_name(text: str, start: int, end: int) -> bool:
        """One of "A and B" where the other is a surname or first name that names no town ("Torpy and Salinas")."""
        after = _AND_NAME_AFTER.match(text, end)
        before = _AND_NAME_BEFORE.search(text, max(0, start - 24), start)
        for partner in (after.group(1) if after else None, before.group(1) if before else None):
            if partner is None or fold(partner) in cities() or fold(partner) in _country_names():
                continue
            if is_last_name(partner.lower()) or is_first_name(partner.lower()):
                return True
        return False

    @staticmethod
    def _strong(text: str, start: int, name: str) -> bool:
        """A town right after "in", "from", "of", "near" whose first word is no one's first or last name."""
        first = name.split(maxsplit=1)[0].lower()
        return (
            _STRONG_PREPOSITION.search(text, max(0, start - 12), start) is not None
            and not is_first_name(first)
            and not is_last_name(first)
        )

    def _rare_lower_word(self, word: str, everyday: frozenset[str]) -> bool:
        if word in everyday or word in _NOT_PLACES or word in ORGANISATION_WORDS or len(word) < 4:
            return False
        return english_zipf(word) < self.LOWER_RARE_ZIPF and not is_first_name(word) and not foreign_everyday(word)

    @staticmethod
    def _town_shaped(match: regex.Match[str]) -> bool:
        """ "Jacksonville", "Lawsontown", "Port George", "Lake Marvinhaven": a name made into a town."""
        town = match.group("town")
        stem = match.group("stem")
        if (stem is not None and not (is_first_name(stem) or is_last_name(stem))) or len(stem or "xxx") < 3:
            return False
        if stem is None and not (is_first_name(town) or is_last_name(town)):
            return False
        if town.lower() in _everyday_words():
            return False
        if stem is None:  # "Port George", "Lake Kelly": the prefix makes the name a place
            return match.group("prefix") is not None
        return english_zipf(town.lower()) < 3.5

    def _plausible(self, text: str, start: int, name: str, n_words: int, everyday: frozenset[str]) -> bool:
        lower = name.lower()
        if lower in everyday or lower in _NOT_PLACES or lower in ORGANISATION_WORDS or len(name) < 3:
            return False
        if not (name[1:2].islower() or name.isupper()):
            return False
        if is_business_name(text, start, start + len(name)):
            return False  # "I'm Rafael from Summit Credit Union", "Sunnyside Pediatrics"
        if n_words > 1:
            return True
        if (before := _TITLE_BEFORE.search(text, max(0, start - 24), start)) and is_first_name(before.group(1).lower()):
            return False  # "Gerry Phelan": a surname after a first name
        if _HONORIFIC_BEFORE.search(text, max(0, start - 8), start):
            return False  # "Dear Ms. Salinas", "with Mr Hollins": a surname after a title
        if self._paired_with_a_name(text, start, start + len(name)):
            return False  # "Marrero and Murphy were precision engineers"
        if lower in ROMAN_HINDI:
            return False  # "Haan", "Aur": Hindi typed in Latin letters, and towns somewhere
        if _PLACE_PREPOSITION.search(text, max(0, start - 16), start) is not None:
            return True
        if _OTHER_SCRIPT_BEFORE.search(text, max(0, start - 12), start) or _OTHER_SCRIPT_AFTER.match(
            text, start + len(name)
        ):
            return True  # "वो Manchester जा रही हैं": a town in Latin letters within another script's sentence
        if _AFTER_YEAR.search(text, max(0, start - 8), start) and not is_first_name(lower):
            return english_zipf(lower) < self.AFTER_YEAR_ZIPF  # "(b. 12 May 1936, Durban)"
        # "Katrineholm" anywhere; not "Gracias" (a town in Honduras, and Spanish for "thank you").
        return english_zipf(lower) < self.RARE_ZIPF and not is_first_name(lower) and not foreign_everyday(lower)


# Title Case words after a place name that make it a street, a venue or a business, not where someone is:
# "Dunmore Road", "Westside Arena", "Oakfield Veterinary Clinic", "Westfield Community Legal Centre".
_FACILITY_WORDS = (
    BUSINESS_WORDS
    | frozenset(w for w in _STREET_SUFFIXES if len(w) > 3)
    | frozenset(
        words(
            """
            arena stadium hall theatre theater museum library school college university academy hospital hotel
            hostel inn lodge church chapel mosque temple cathedral plumbing plumbers electrical electricians
            roofing veterinary vets vet community hub mall centre center complex campus building tower towers
            house club leisure pool rink court courts cinema gallery surgery practice nursery kindergarten
            primary secondary high elementary middle institute branch office gate palace castle bridge
            stand stands grandstand suites motel united fc afc rovers wanderers albion hotspur pavilion concourse
            estate vineyard winery manor
            racecourse speedway raceway ballpark showground showgrounds fairground marina
            """
        )
    )
)
# The last word of an airport's name: "DEN Airport", "Gatwick Airport" name a pick-up point, but the town before
# "airport" stays a town ("I work at Lagos airport").
_AIRPORT_WORDS = frozenset(words("airport airfield terminal"))
# Lower-case words after a place name that make it a firm's site: "the Leeds site", "our Austin office".
_SITE_WORDS = words(
    "site sites office offices branch location store warehouse depot campus plant facility hub headquarters hq"
    " factory premises school schools"
    # a company or a product named before its department or its parts: "Kwame from Zippa support", "the
    # Quillnote app", "your Japan eSIM", "the Frankfurt servers"
    " support team helpdesk app website portal login billing roaming esim servers server"
    " datacenter datacentre"
)
_TITLE_AFTER = regex.compile(
    r"[ ](?:&[ ])?(\p{Lu}[\p{L}'\u2019]*)(?:[ ](\p{Lu}[\p{L}'\u2019]*))?(?:[ ](\p{Lu}[\p{L}'\u2019]*))?"
)
_HOLIDAY_AFTER = regex.compile(r"[ ](?i:day)\b")  # "Canada Day", "canada day"
# A document or a plan of a country: "UK student visa", "a Schengen visa", "my US passport", "Ohio plates".
_DOCUMENT_AFTER = regex.compile(
    r"[ ](?i:(?:student|work|working|tourist|visitor|business|transit|spouse|family|e-?|residence|residency"
    r"|driving|driver['\u2019]?s)[ ])?(?i:visas?|passports?|citizenship|permits?|licen[cs]es?|plates?"
    r"|protocol|agreement|accords?|convention|treaty|declaration)(?![\w'])"  # "the Kyoto protocol"
)
# A product named after a town, after an article: "the Berlin plan", "a Chelsea boot", "the Oslo sofa".
_PRODUCT_AFTER = regex.compile(
    r"[ ](?i:plans?|tiers?|package|bundle|edition|model|collection|range|series|sofa|couch|chair|table|desk"
    r"|bed|lamp|rug|jacket|coat|boots?|shoes?|sneakers|bag)(?![\w'])"
)
_ARTICLE_BEFORE = regex.compile(r"(?i)(?:^|[^\w'\u2019])(?:the|a|an|our|my|your|this|that)[ \t]+$")
# A car make before a model named after a place ("Hyundai Santa Fe", "Dodge Durango"), a club's prefix before
# its town ("Real Madrid", "Bayern Munich", "Inter Milan").
_MAKE_OR_CLUB_BEFORE = regex.compile(
    r"(?<![\w'\u2019])(?:Toyota|Honda|Ford|Chevy|Chevrolet|Nissan|Hyundai|Kia|VW|Volkswagen|SEAT|Skoda|Škoda|Dodge"
    r"|Jeep|GMC|Buick|Pontiac|Subaru|Mazda|Mitsubishi|Renault|Peugeot|Citroen|Citroën|Fiat|Opel|Vauxhall|Audi|BMW"
    r"|Mercedes|Volvo|Lexus|Acura|Infiniti|Tesla|Chrysler|Cadillac|Suzuki|Isuzu|Dacia"
    r"|Real|AC|FC|AFC|Inter|Atlético|Atletico|Athletic|Borussia|Bayern|Olympique|Sporting|Dynamo|Dinamo|Spartak"
    r"|Deportivo)[ ]$"
)
# A Title Case plural after a town: a sports team ("Denver Broncos", "Green Bay Packers"), not a place.
_TEAM_AFTER = regex.compile(r"[ ](\p{Lu}\p{Ll}+s)(?![\w'\u2019])")
_LEADING_THE = regex.compile(r"^(?:the|The|THE)[ ]+")
_SITE_AFTER = regex.compile(rf"[ ](?i:{alternation(_SITE_WORDS)})(?![\w'])")


# An organisation "of" a place: "University of Manchester", "Bank of Ireland", "Museum of London". Not
# "Republic of", "Isle of", "City of" (places themselves, or a town's own name).
_ORGANISATION_OF_BEFORE = regex.compile(
    r"(?i)(?:^|[^\w'\u2019])(?:university|universidad|universit[eé]|universität|college|bank|banco|banque|museum"
    r"|institute|academy|school|hospital|church|cathedral|society|council|ministry|department|government"
    r"|parliament|diocese|library|conservatory|polytechnic|chamber|federation|association|board|bureau"
    r"|foundation|orchestra|opera|zoo)[ \t]+of[ \t]+(?:the[ \t]+)?$"
)
# An airline or a carrier named after a country or a town: "Air Canada", "Aer Lingus", "Fly Dubai".
_CARRIER_BEFORE = regex.compile(r"(?:^|[^\w'\u2019])(?:Air|Aer|AIR|Fly|FLY)[ ]$")
# A brand typed in CamelCase right before the place names its branch: "PulseFit Kingsford", "GoRoam Europe".
# Not a Scottish or Irish surname ("McDonald", "MacLeod", "DeLuca") before a town.
_BRAND_BEFORE = regex.compile(
    r"(?<![\w'\u2019@./\-])(?!(?:Mc|Mac|De|Di|Da|Du|Del|La|Le|Van|Von|St|O)\p{Lu})"
    r"(?:\p{Lu}?\p{Ll}+\p{Lu}[\p{L}\d]*|(?P<caps>\p{Lu}{2,6}))[ ]$"
)
# Capitals before a town that are a place or a word themselves, not a brand: "UK London", "IN Berlin".
_BRAND_CAPS_ZIPF = 3.5
_NOT_BRAND_CAPS = frozenset(words("uk usa us uae eu un nsw vic qld uae ksa prc roc drc nz sa re fwd fw to cc"))
# A business word typed right before the place names its branch: "Anytime Fitness Bondi", "Specsavers Optician
# Leeds". Words that start towns' names too ("Market Harborough", "Water Orton") are left out.
_BRANCH_WORD_BEFORE = regex.compile(r"(?<![\w'\u2019])(\p{Lu}\p{Ll}+)[ ]$")
_NOT_BRANCH_WORDS = frozenset(
    words(
        """
        home homes garden gardens water life living plus prime basic premium power union county council capital
        market markets air press co group team support
        """
    )
)
# A product's plan in brackets: "GoRoam 7 Days (Middle East)", "Roaming bundle (Asia Pacific)".
_PRODUCT_BEFORE_BRACKET = regex.compile(
    r"(?i)\b(?:days?|weeks?|months?|plan|pass|bundle|pack|package|roaming|e?sim|data|\d+[ ]?[gm]b|edition|tier"
    r"|version|zone|add-on|addon|subscription)[ ]?\($"
)
# A lower-case facility after a place and at most two describing words: "the Hillcrest medical centre",
# "our Leeds head office", "at Oakhurst family practice" (not "Leeds city centre": where someone is).
_LOWER_FACILITY_AFTER = regex.compile(
    r"[ ](?:(?!city\b|town\b|village\b)\p{Ll}+[ ]){0,2}"
    r"(?:centre|center|clinic|hospital|surgery|practice|school|college|campus|stadium|arena|hall|library|museum"
    r"|church|mall|hotel|gym|office|pharmacy|dental|dentist|restaurant|cafe|bar|pub|venue|depot)(?![\w'])"
)
_FACILITY_ARTICLE_BEFORE = regex.compile(r"(?i)(?:^|[^\w'\u2019])(?:the|our|your|my|his|her|their|at)[ \t]+$")
# A software product or online service one logs into, signs up for, installs: "log in to Ledgerline".
_PRODUCT_VERB_BEFORE = regex.compile(
    r"(?i)\b(?:log(?:ged|ging|s)?[ \-]?(?:in|on)(?:[ ]?to)?|sign(?:ed|ing|s)?[ \-]?(?:in|on)(?:[ ]?to)?"
    r"|sign(?:ed|ing|s)?[ \-]?up[ ](?:for|with|to|on)|subscrib(?:e|ed|ing)[ ]to|(?:re)?install(?:ed|ing|s)?"
    r"|uninstall(?:ed|ing|s)?|download(?:ed|ing|s)?|update[ds]?|open(?:ed|ing|s)?[ ]up)[ \t]+$"
)


def _organisation_context(text: str, start: int, end: int) -> bool:
    """The words around a place name make it part of an organisation's, a product's or a branch's name."""
    window = max(0, start - 40)
    if _ORGANISATION_OF_BEFORE.search(text, window, start) or _CARRIER_BEFORE.search(text, max(0, start - 5), start):
        return True  # "University of Manchester", "Air Canada"
    if _PRODUCT_VERB_BEFORE.search(text, window, start):
        return True  # "log in to Ledgerline"
    brand = _BRAND_BEFORE.search(text, max(0, start - 30), start)
    if brand and not (
        (caps := brand.group("caps"))
        and (
            caps.lower() in _NOT_BRAND_CAPS
            or caps.lower() in STOP_WORDS
            or _is_region(caps)
            or text[start:end].isupper()  # "I LIVE NEAR BOSTON": a shouted sentence
            or english_zipf(caps.lower()) >= _BRAND_CAPS_ZIPF  # "NEAR", "VISIT": words, not brands
        )
    ):
        return True  # "PulseFit Kingsford", "VFS Delhi"
    branch = _BRANCH_WORD_BEFORE.search(text, max(0, start - 20), start)
    if branch and branch.group(1).lower() in BUSINESS_WORDS and branch.group(1).lower() not in _NOT_BRANCH_WORDS:
        return True  # "Anytime Fitness Bondi"
    if text[end : end + 1] == ")" and _PRODUCT_BEFORE_BRACKET.search(text, max(0, start - 20), start):
        return True  # "7 Days (Middle East)"
    return bool(
        _LOWER_FACILITY_AFTER.match(text, end) and _FACILITY_ARTICLE_BEFORE.search(text, max(0, start - 8), start)
    )  # "the Hillcrest medical centre"


def _is_region(word: str) -> bool:
    """A state or province code, or a country, typed in capitals ("NSW", "TX", "UK")."""
    return word.lower() in _REGIONS or word.lower() in _country_names()


def _not_a_town(text: str, start: int, end: int) -> bool:
    """A street, venue, team, firm's site or holiday, or a place that is not where someone is."""
    return names_a_facility(text, start, end) or not_where_someone_is(text, start, end)


def names_a_facility(text: str, start: int, end: int) -> bool:
    """A place name that is the first word(s) of a street, venue, team, firm or holiday ("Dunmore Road", "Westside
    Arena", "Denver Broncos", "Phelan Plumbing", "Canada Day") or of a firm's site ("the Leeds site"), or a span that
    ends in such a word and names no town ("Phoenix Greenlight Hub", "the Burnet Road"): not a LOCATION."""
    if _SITE_AFTER.match(text, end) or _HOLIDAY_AFTER.match(text, end):
        return True  # "the Leeds site", "Canada Day"
    if _DOCUMENT_AFTER.match(text, end):
        return True  # "UK student visa", "my Irish passport"
    if _PRODUCT_AFTER.match(text, end) and _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return True  # "the Berlin plan", "a Chelsea boot"
    if _MAKE_OR_CLUB_BEFORE.search(text, max(0, start - 12), start):
        return True  # "Hyundai Santa Fe", "Real Madrid"
    if _organisation_context(text, start, end):
        return True  # "University of Manchester", "Air Canada", "PulseFit Kingsford", "log in to Ledgerline"
    if (team := _TEAM_AFTER.match(text, end)) and team.group(1).lower() not in _SETTLEMENT_WORDS:
        return True
    span = _LEADING_THE.sub("", text[start:end])
    last = span.rsplit(" ", 1)
    if len(last) == 2 and last[1].lower() in _FACILITY_WORDS | _AIRPORT_WORDS and fold(span) not in cities():
        return True  # not "Highland Park", "Rocky Hill": towns whose last word is a street type
    if text[end : end + 2] in ("'s", "\u2019s"):
        end += 2  # "St Columba's University Hospital"
    following = _TITLE_AFTER.match(text, end)
    return following is not None and any(w is not None and w.lower() in _FACILITY_WORDS for w in following.groups())
