"""STREET_ADDRESS in international and multi-line layouts: a street core, then the address lines after it.

The US recognizer (`addresses.py`) reads "number street suffix, city, ST 12345" on one line. Addresses from
elsewhere put the type word first ("26 rue des Lilas", "Via Roma 131", "ul. Słowicza 10"), glue it to the
name ("Feldstrasse 42", "Hersnapvej 18", "Kiannonkatu 98"), or have none at all ("Edeby 55"), put the house
number after the street, and continue over lines: unit, town, region code, country, postcode, in varying
order. So the recognizer finds a street core and then walks forward over segments while they look like
address lines, keeping the walk only up to its last segment that is evidence of an address (a unit, a
postcode, a country) or a town set off by a comma. A core with no type word ("Edeby 55") needs that
evidence, or an address cue before it ("lives at", "address:"), so "2 Pixel 7 phones" stays prose.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS
from wordfreq import zipf_frequency

from ._base import (
    DEFAULT_FLAGS,
    REGEX_TIMEOUT_SECONDS,
    STOP_WORDS,
    ChatEntityRecognizer,
    alternation,
    span_result,
    words,
)
from .addresses import _STREET_SUFFIXES, _STREET_WORD, _USPS_SUFFIXES
from .names import common_words


@cache
def countries() -> frozenset[str]:
    """English country names and common short forms (see the data file's header)."""
    text = resources.files(__package__).joinpath("data", "countries.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# Street-type words that open the street name, which follows in Title Case or after a connector.
# These are everyday English words too ("via email", "place orders"), so they count only in Title Case.
_PREFIX_TYPES_TITLE = words(
    """
    Via Avenue Boulevard Plaza Quai Corso Largo Paseo Quadra Allee Odos Acceso Ronda Cuesta Alameda Campo
    Parque Lago Lagoa Vale Feira Setor Jardim Trecho Distrito Morro Praia Retorno Gang Jalan Jl. Gg. Jln
    Plac Drumul Intrarea Aleea Diagonal Transversal Cl. Cr. Av. Av Avda. Blv. Ruta Sitio Quinta Cra. Kr.
    Conjunto Residencial Condomínio Núcleo Viela Vereda Recanto
    Tv. Dg. Bd. Bd Ch. Ctra. Pl. Al.
    """
)
# These are not English words, so any case reads as an address ("26 rue des lilas", "avenida praia 1").
_PREFIX_TYPES_ANY = words(
    """
    rue calle avenida rua ulica ulice ul. viale vicolo piazza piazzale strada carrer carrera praça praca
    travessa chemin allée impasse rambla camino callejón ulitsa trg calea aleja
    glorieta urbanización cañada pasaje pasadizo vial ampliación andador calzada cerrada circuito privada
    prolongación periférico peatonal estrada rodovia ladeira chácara esplanada loteamento incrocio rotonda
    contrada borgo stretto canale bulevardul soseaua șoseaua montée allé avinguda passeig
    вулиця провулок проспект площа набережна улица ул. пер. пр. бул. наб. шосе đường phố πλ. πάρ. λεωφ.
    c/ rúa jalan jl. jln lorong lrg strada soseaua șos. drumul aleea cl. cra. carrera av. avda. al. pl. plac
    булевар бульвар сквер ш. бул. алл. ал. пл. парк узвіз trg náměstí nábřeží třída námestie nábrežie bulevar bulevardi
    """
)
# Words that end a lower-case street name: "26 rue des lilas is my new place".
_PROSE_WORDS = sorted(STOP_WORDS | {"and", "or", "but", "near", "next", "apt", "suite", "unit", "flat"})
# Street-type endings glued to the street name: German, Dutch, Nordic, Finnish, Hungarian, Slavic.
# Left out because English words end in them too: -ring ("spring"), -kade ("arcade"), -sti, -vei.
_GLUED_TYPES = words(
    """
    straße strasse weg gasse platz allee damm ufer steig pfad chaussee straat laan plein gracht steeg
    dreef singel vej vænget gade stræde gata gatan vägen väg gränd torget veien vegen katu tie kuja polku
    raitti utca braut ulica iela stien bakken haugen lunden svingen kroken jordet løkka stigen hof baan lei bulevardi
    str. str
    """
)
# Street-type words written as their own word after the name: "Passauer Strasse 33", "Király u. 15.".
_AFTER_TYPES = words(
    """
    straße strasse str. str weg gasse platz allee utca u. út útja tér körút sokak caddesi bulevardi ulica
    cesta avenija trieda nábrežie námestie nám. třída nábřeží náměstí sétány ul. šetalište sokak
    caddesi cad. sk. vrh naselje baan laan straat weg gracht kade plein dreef
    """
)
# English street types of Australia, New Zealand and Britain that the USPS list lacks (Faker's en_AU, en_NZ
# and en_GB street suffixes, MIT), less the everyday words ("End", "Top", "Line"); Title Case, with evidence.
_EN_EXTRA_TYPES = words(
    """
    access alleyway amble anchorage approach arcade artery basin beach bend brace brae brow byway centre
    centreway chase circlet circuit circus colonnade concourse copse corso courtyard crossway cruiseway
    cul-de-sac cutting dell deviation distributor driveway elbow entrance esplanade fairway firetrail footway
    foreshore formation frontage gate gates glade grange gully highroad interchange intersection laneway lees
    lookout meander nook outlook parade parklands piazza plateau pocket promenade quad quadrant quays ramble
    reserve retreat ridgeway rise riverway riviera roadside roadway ronde rosebowl rotary siding slope strand
    strip subway tarn thoroughfare tollway tor towers triangle trunkway vale villas wade walkway
    """
)

_TITLE = r"(?-i:\p{Lu}[\p{L}'\u2019.\-]*)"  # "Rue", "SEINÄJOKI", "Μεγάλη", "O'Neil"
# A word of a script without letter case (Devanagari, Hebrew, Arabic, Thai, ...), with its combining marks.
_UNCASED = r"(?:\p{Lo}[\p{Lo}\p{M}]*)"
_LOWER = r"(?-i:\p{Ll}[\p{L}'\u2019\-]*)"
# Lower-case words inside a street or town name: "Rue de la Gare", "Črni Vrh nad Idrijo", "Chomutice u Horic".
_CONNECTORS = words(
    "de del della dei di da do dos das du des la le les el los las van von der den am an im nad pod u v y e i of"
    " d' l' z ze na bei sur sous en lès"
)
_CONNECTOR = rf"(?-i:(?:{alternation(_CONNECTORS)})(?=[\s\p{{Lu}}]))"
# House number after the street: "82", "12a", "15." (Hungarian), "2/2", "29-27", "1c/9", a Cyrillic letter.
_NUMBER = (
    r"(?:\d{1,5}(?:\p{L}(?![\p{L}]))?(?:[/-]\d{1,4}[a-z]?)?(?:[ -]?(?:bis|ter)(?![\p{L}]))?\.?|(?-i:[Ss]/[Nn]))"
    r"(?![\w/-])"  # "211-bis", "14 ter": the French and Dutch repeat of a number
)
# Leading building number(s): "28245", "17151 2450"; not the tail of a price, time, decimal or id.
_HOUSE = (
    r"(?<![\w$.,/:#-])(?:\d{1,4}-\d{1,3}-\d{1,3}(?![\w/-])"  # Japanese chome-block-house "2-14-9"
    r"|\d{1,6}[a-z]?(?:[-/]\d{1,5}[a-z]?|-[a-z](?![\w]))?(?:[ ]\d{1,5}[a-z]?)?"
    r"|(?:block|blk)[ ]?\d{1,4}[ ]+lot[ ]?\d{1,4}|b\d{1,4}[ ]l\d{1,4})"  # Philippines "Block 03 Lot 31", "B02 L94"
)

# A street named by a number: "Cl. 197", "Calle 8I", "Av. 6", "пер. 8 Марта".
_NUMBERED_NAME = r"\d{1,3}(?:\p{L}|[ªº°]|-\p{L}{1,2})?(?![\w/-])"  # "8I", "3ª", "2-й" (Ukrainian ordinal)
# What is written before the house number: "N° 481", "nr. 474", "д. 1" (Russian), "буд. 9" (Ukrainian).
_NUMBER_WORD = r"(?:No|N°|Nº|nº|n°|n|nr|Nro|д|буд|дом|b)"

# The street-type alternatives of a typed core. A text is searched only with the groups of alternatives (below)
# whose quick check finds something in it: the full alternation is slow to try at every position, and leaving
# out alternatives that cannot match anywhere in the text changes no match.
_TYPED_PREFIX = rf"""
        (?:
          (?-i:{alternation(_PREFIX_TYPES_TITLE)})(?![\p{{L}}])\.?        # "Via", "Avenue": Title Case words
          (?:[ ]+{_NUMBERED_NAME}(?:[ ]+(?:{_CONNECTOR}|{_TITLE}(?=[\s,;)]|$))){{0,4}}
            |(?:[ ]+(?:{_CONNECTOR}|{_TITLE}(?=[\s,;)]|$))){{1,5}})
        |
          (?:{alternation(_PREFIX_TYPES_ANY)})(?![\p{{L}}])\.?           # "rue", "ul.": words in any case
          (?:[ ]+{_NUMBERED_NAME}(?:[ ]+(?:{_CONNECTOR}|{_TITLE}(?=[\s,;)]|$)
              |(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}])|{_NUMBER_WORD}[.°º]?[ ]*\d){_LOWER})){{0,4}}
            |(?:[ ]+(?:{_CONNECTOR}|{_TITLE}(?=[\s,;)]|$)
              |(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}])){_LOWER})){{1,5}})
        |
          (?:(?:boulevard|avenue|route|chemin|place|quai|cours|rampe|via)[ ]+{_CONNECTOR}  # "avenue de Morand"
            |(?:boulevard|avenue|chemin|allée|impasse)(?=[ ]+\p{{L}}))                      # "boulevard béguelin"
          (?:[ ]+(?:{_CONNECTOR}|{_TITLE}|(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}])){_LOWER})){{1,4}}
        )
        (?:[ ]+\d{{1,2}}-\p{{L}}{{1,2}}(?![\w-]))?                          # "Проїзний 2-й": an ordinal
        (?:,?[ ]+(?:{_NUMBER_WORD}\.?[ ]*|\#[ ]*)?{_NUMBER}                 # "Via Franscini 71", "Piazza Anita, 34"
          (?:[ ]+(?:este|oeste|sur|norte|bis))?)?                            # Colombia "# 69-65 sur"
"""
_TYPED_HOUSE_NO = rf"""
        (?:h\.?[ ]?no|house[ ]no|holding[ ]no|building[ ]no|plot[ ]no|door[ ]no|(?:{_UNCASED}[ ])?নং)\.?[ ]*
        \d{{1,5}}[a-z]?(?:/\d{{1,4}})?
        (?![\w/-])                                                  # South Asia: "H.No. 860", "Holding No. 42"
"""
_TYPED_HOUSE_BOULEVARD = rf"""
        {_HOUSE},?[ ]+(?:boulevard|avenue|bd|av|route|chemin|rang|montée)\.?  # "41, boulevard lamy", "624 route Lepage"
        (?:[ ]+(?:{_CONNECTOR}|{_TITLE}|(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}])){_LOWER})){{1,4}}
"""
_TYPED_GLUED = rf"""
        (?:{_TITLE}[ ]+(?:{_CONNECTOR}[ ]+)?){{0,3}}
        [\p{{L}}'.\-]{{3,}}(?:{alternation(_GLUED_TYPES)})          # "Feldstrasse", "hersnapvej", "h.-dieter-str."
        [ ]+{_NUMBER}
"""
_TYPED_AFTER = rf"""
        (?:{_TITLE}[ ]+){{1,3}}(?:{_LOWER}[ ]+)?                  # "Passauer", "Árpád fejedelem"
        (?:{alternation(_AFTER_TYPES)})(?![\p{{L}}])[ ]*{_NUMBER}
"""
_TYPED_TITLE_SUFFIX = rf"""
        {_HOUSE},?[ ]+(?:{_TITLE}[ ]+){{1,4}}                      # "74 Diakou Street", "68, Devan Road"
        (?-i:(?=\p{{Lu}}))(?:{alternation(_STREET_SUFFIXES)})\b\.?
        (?:[ ]+(?-i:North|South|East|West|[NSEW]|NE|NW|SE|SW)\b\.?)?   # "89 Queen's Road East"
"""
_TYPED_STREET_SUFFIX = rf"""
        {_HOUSE}[ ]+(?:{_STREET_WORD}[ ]+){{1,4}}?                 # "0538 15 millicent drive", "136 filadelfeos str."
        (?:{alternation(_STREET_SUFFIXES)}|str)\b\.?
        (?:[ ]+(?:[nsew]|ne|nw|se|sw|north|south|east|west)\b\.?)?      # "67 devon street west"
"""
_TYPED_MILITARY = r"""
        (?:(?:PSC|Unit)[ ]\d{3,5},?[ ]+Box[ ]\d{3,5}|(?:USNS|USNV|USS|USCGC)[ ]+\p{L}+)  # US military
        ,?\s+(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5}                                # mail and ZIP
"""
_TYPED_PO_BOX = r"""
        (?:p\.?\s?o\.?\s*box|post\s+office\s+box)\s*\#?\s*\d{1,7}\b           # PO box, then its lines
"""
_TYPED_ALTERNATIVES = [
    _TYPED_PREFIX, _TYPED_HOUSE_NO, _TYPED_HOUSE_BOULEVARD, _TYPED_GLUED, _TYPED_AFTER, _TYPED_TITLE_SUFFIX,
    _TYPED_STREET_SUFFIX, _TYPED_MILITARY, _TYPED_PO_BOX,
]  # fmt: skip
# Which of the alternatives above each group holds: the type words (slow: they can start at any word), the
# English suffixes after a house number, and the ones that start with a literal.
_TYPE_WORD_GROUP = (True, False, True, True, True, False, False, False, False)
_SUFFIX_GROUP = (False, False, False, False, False, True, True, False, False)
_LITERAL_GROUP = (False, True, False, False, False, False, False, True, True)
_BOULEVARD_WORDS = words("boulevard avenue route chemin place quai cours rampe via allée impasse")  # prefix, any case
_HOUSE_BOULEVARD_WORDS = words("boulevard avenue bd av route chemin rang montée")
_ANY_NUMBER = r"(?:\d|(?-i:[Ss]/[Nn]))"  # how _NUMBER starts
_HOUSE_END = r"\d(?:-?\p{L})?"  # how _HOUSE ends
# Case folding as the patterns' IGNORECASE compares letters (a test checks every letter of the word lists):
# Python's casefold, and the three letters `regex` folds otherwise.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\U0001df95": "\u00df"})


def _fold(word: str) -> str:
    return word.translate(_FOLD).casefold()


# A type word of the lists is a whole run of letters in the text (a non-letter before and after it).
_LETTER_RUN = regex.compile(r"\p{L}+")
_NUMBER_AFTER_LETTER = regex.compile(rf"(?<=\p{{L}})\.?[ ]*{_ANY_NUMBER}")
_RUN_BEFORE = regex.compile(r"\p{L}+", regex.REVERSE)  # matched back from where a number starts
_TITLE_TYPE_RUNS = frozenset(w.rstrip("./") for w in _PREFIX_TYPES_TITLE)  # case-sensitive in the pattern
_ANY_TYPE_RUNS = frozenset(_fold(w.rstrip("./")) for w in _PREFIX_TYPES_ANY)
_BOULEVARD_RUNS = frozenset(_fold(w) for w in _BOULEVARD_WORDS)
_HOUSE_BOULEVARD_RUNS = frozenset(_fold(w) for w in _HOUSE_BOULEVARD_WORDS)
_AFTER_TYPE_RUNS = frozenset(_fold(w.rstrip("./")) for w in _AFTER_TYPES)
_GLUED_ENDINGS = tuple(_fold(w) for w in _GLUED_TYPES)
_BOULEVARD_QUICK = regex.compile(
    rf"(?:{alternation(words('boulevard avenue route chemin place quai cours rampe via'))})[ ]+{_CONNECTOR}"
    rf"|(?:boulevard|avenue|chemin|allée|impasse)[ ]+\p{{L}}",
    DEFAULT_FLAGS,
)
_HOUSE_BOULEVARD_QUICK = regex.compile(
    rf"{_HOUSE_END},?[ ]+(?:{alternation(_HOUSE_BOULEVARD_WORDS)})\.?[ ]", DEFAULT_FLAGS
)


def _words_before_numbers(text: str) -> frozenset[str]:
    """The folded letter runs right before a number ("feldstrasse" in "Feldstrasse 42", "u" in "u. 15.")."""
    words_found = set()
    for number in _NUMBER_AFTER_LETTER.finditer(text):
        if run := _RUN_BEFORE.match(text, 0, number.start()):
            words_found.add(run.group())
    return frozenset(map(str.lower if text.isascii() else _fold, words_found))


def _type_word_may_match(text: str, before_numbers: frozenset[str]) -> bool:
    """False only when no alternative of the type-word group can match anywhere in `text`."""
    runs = set(_LETTER_RUN.findall(text))
    if not runs.isdisjoint(_TITLE_TYPE_RUNS):
        return True  # "Via", "Avenue"
    folded = set(map(str.lower if text.isascii() else _fold, runs))  # ASCII letters fold as lower case
    if not folded.isdisjoint(_ANY_TYPE_RUNS):
        return True  # "rue", "ul."
    if not folded.isdisjoint(_BOULEVARD_RUNS) and _BOULEVARD_QUICK.search(text):
        return True  # "avenue de Morand"
    if not folded.isdisjoint(_HOUSE_BOULEVARD_RUNS) and _HOUSE_BOULEVARD_QUICK.search(text):
        return True  # "41, boulevard lamy"
    # "Feldstrasse 42", "Király u. 15."
    return not before_numbers.isdisjoint(_AFTER_TYPE_RUNS) or any(w.endswith(_GLUED_ENDINGS) for w in before_numbers)


_SUFFIX_QUICK = regex.compile(
    rf"{_HOUSE_END},?[ ]+(?:[^ ]+[ ]+){{1,4}}(?:{alternation(_STREET_SUFFIXES)}|str)\b", DEFAULT_FLAGS
)
_LITERAL_QUICK = regex.compile(r"(?:no|নং)\.?[ ]*\d|(?:apo|fpo|dpo)[ ]+(?:aa|ae|ap)[ ]+\d{5}|box", DEFAULT_FLAGS)
_BARE_QUICK = regex.compile(rf"(?-i:\p{{Lu}})[^ \n]*(?:[ ]+[^ \n]+){{0,3}}[ ]+{_ANY_NUMBER}", DEFAULT_FLAGS)
_HOUSE_THEN_WORDS = regex.compile(rf"{_HOUSE_END},?[ ]+[^ ]+[ ]+[^ ]", DEFAULT_FLAGS)
_USPS_QUICK = regex.compile(rf"{_HOUSE_END}[ ]+(?:[^ ]+[ ]+){{1,3}}(?-i:\p{{Lu}})", DEFAULT_FLAGS)
_UNITFIRST = r"""
      (?:flat|studio|apartment|apt|suite|unit)\.?[ ]*\d{1,5}[a-z]?(?=[ \t]*[,\n])
"""
_BARE = rf"""
      (?:{_HOUSE}[ ]+)?
      {_TITLE}(?:[ ]+(?:{_TITLE}|{_CONNECTOR})){{0,3}}[ ]+{_NUMBER}
"""
_USPS = rf"""
      {_HOUSE}[ ]+(?:{_TITLE}[ ]+){{1,3}}(?-i:(?=\p{{Lu}}))(?:{alternation(_USPS_SUFFIXES + _EN_EXTRA_TYPES)})
      (?![\p{{L}}\d])
"""
_NEVER = "(?!)"


@lru_cache(maxsize=32)
def _core(type_words: bool, suffixes: bool, literals: bool, bare: bool, usps: bool) -> regex.Pattern[str]:
    """The street core pattern with only the groups of alternatives asked for (the others never match)."""
    keep = [
        (type_words and word) or (suffixes and suffix) or (literals and literal)
        for word, suffix, literal in zip(_TYPE_WORD_GROUP, _SUFFIX_GROUP, _LITERAL_GROUP, strict=True)
    ]
    alternatives = [alt for alt, kept in zip(_TYPED_ALTERNATIVES, keep, strict=True) if kept]
    typed = f"(?:{_HOUSE},?[ ]+)?(?:{'|'.join(alternatives)})" if alternatives else _NEVER
    pattern = (
        f"(?P<typed>{typed})|(?P<unitfirst>{_UNITFIRST})"
        f"|(?P<bare>{_BARE if bare else _NEVER})|(?P<usps>{_USPS if usps else _NEVER})"
    )
    return regex.compile(rf"(?x)(?<![\p{{L}}\d])(?:{pattern})", DEFAULT_FLAGS)


# Compiled at import: the full pattern, for the few texts with a type word (its variants are slow to compile),
# and every variant without the type-word group.
_CORE = _core(True, True, True, True, True)
for _flags in range(16):
    _core(False, bool(_flags & 1), bool(_flags & 2), bool(_flags & 4), bool(_flags & 8))


def _core_for(text: str, before_numbers: frozenset[str]) -> regex.Pattern[str]:
    """The core pattern without the groups of alternatives that cannot match anywhere in `text`."""
    if _type_word_may_match(text, before_numbers):
        return _CORE
    house_then_words = _HOUSE_THEN_WORDS.search(text) is not None  # both the suffix and the usps group need it
    lower = text.lower()  # the literals' letters fold only to themselves (a test checks)
    literal = "no" in lower or "po" in lower or "box" in lower or "নং" in text
    return _core(
        False,
        house_then_words and _SUFFIX_QUICK.search(text) is not None,
        literal and _LITERAL_QUICK.search(text) is not None,
        _BARE_QUICK.search(text) is not None,
        house_then_words and _USPS_QUICK.search(text) is not None,
    )


# The type word after a lower-case name ("debreceni utca 35."): tried at every word, so only when the quick
# pattern finds a type word and a number in the text. The same groups as _CORE.
_AFTER_TYPE_QUICK = regex.compile(rf"(?<![\p{{L}}])(?:{alternation(_AFTER_TYPES)})(?![\p{{L}}])[ ]*\d", DEFAULT_FLAGS)
_LOWER_AFTER_CORE = regex.compile(
    rf"""(?x)(?<![\p{{L}}\d])
    (?P<typed>
      (?:{_HOUSE},?[ ]+)?(?:{_TITLE}[ ]+)?                           # "Petőfi sándor utca 34."
      (?:(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}])){_LOWER}[ ]+){{1,3}}
      (?:{alternation(_AFTER_TYPES)})(?![\p{{L}}])[ ]*{_NUMBER}
    )
    (?:(?P<bare>(?!))(?P<usps>(?!))(?P<unitfirst>(?!)))?
    """,
    DEFAULT_FLAGS,
)
# East Asian addresses, written without spaces from the province down: Chinese and Japanese (a province,
# prefecture or city marker, then the street and numbers: "河北省呼和浩特市永川孙路t座 923194",
# "兵庫県豊島区東大和町16丁目3番18号"), Taiwanese ("128 阿里山縣廣慈路460號3樓") and Korean road addresses
# ("대구광역시 서대문구 학동로 60 (도현이동)").
_EAST_ASIAN_QUICK = regex.compile(r"[\p{Han}\p{Hangul}]")
_EAST_ASIAN = regex.compile(
    r"""(?x)
    (?:\d{3,6}[ ]?)?
    (?:
      \p{Han}{1,8}?(?:省|県|都|道|府|市|縣|区|區|自治区)[\p{Han}\p{Katakana}\p{Hiragana}ー\w\-之]*?
      (?:\d+[\p{Han}\w\-之]*|(?<=[座号號室楼樓])(?=[ ]\d{5,6}(?!\d)))            # "…謝街f座 761318"
      |\p{Han}{2,}(?:路|街|道|巷)\d+(?:號|号)[\p{Han}\w之]*
    )
    (?:[ ][\p{Han}\p{Katakana}\p{Hiragana}ー\w]+?\d+)?(?:[ ]\d{5,6}(?!\d))?       # building, postcode
    |
    \p{Hangul}+(?:도|시)[ ](?:\p{Hangul}+(?:시|군|구)[ ]){1,2}[\p{Hangul}\d]+(?:로|길|거리|가)[ ](?:지하)?\d+(?:-\d+)?
    (?:[ ]\([\p{Hangul}\d]+\))?
    """
)
# The number that ends a loose street line.
_LOOSE_NUMBER = regex.compile(rf"(?<![\w/.-]){_NUMBER}", DEFAULT_FLAGS)
# A house number and a name of Title Case words ending its line or before a comma, with no type word:
# "901 Rivonia Isitaladi, Centurion, 7016" (Zulu type words), "27 Main, Springfield 12345"; only with a
# postcode-and-town line or a country after it.
_HOUSE_AND_NAME = regex.compile(
    rf"""(?x)(?<![\p{{L}}\d]){_HOUSE},?[ ]+
    (?:{_TITLE}(?:[ ]+(?:{_TITLE}|{_CONNECTOR})){{0,3}}|{_UNCASED}(?:[ ]+{_UNCASED}){{0,3}})  # "कल्पना आहूजा"
    (?=[ \t]*[,\n])""",
    DEFAULT_FLAGS,
)
# A street line of any words ending in a house number ("mala 86", "Do Dubin 84", "pot na orle 88"): an address
# only when a postcode-and-town line or a country follows it. Run on the text no other core covered.
_LOOSE_CORE = regex.compile(
    rf"""(?x)
    (?<![\p{{L}}\d'.\-])
    (?:{_HOUSE}[ ]+)?
    (?:(?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}]))\p{{L}}[\p{{L}}'\u2019.\-]*[ ]+){{0,3}}
    (?!(?:{alternation(_PROSE_WORDS)})(?![\p{{L}}]))\p{{L}}[\p{{L}}'\u2019.\-]*
    ,?[ ]+(?:(?:nr|no|n°|nº)\.?[ ]*)?{_NUMBER}
    """,
    DEFAULT_FLAGS,
)
_LOOSE_CORE_TO_END = regex.compile(_LOOSE_CORE.pattern + r"\Z", DEFAULT_FLAGS)

# What says "an address follows" in the 60 characters before a bare core.
_CUE = regex.compile(
    r"""(?x)
    (?:address|addr|lives?\s+(?:at|in|on)|lived\s+(?:at|in)|located\s+at|(?:ship|send|sent|deliver|mail)
       (?:ed|ing)?\s+(?:it\s+|them\s+)?to|moved\s+to|meet\s+(?:me|you|us)\s+at|arrived\s+at|stop\s+at
       |(?:office|offices|restaurant|store|shop|house|home|flat|apartment)\s+is\s+(?:at|on)
       |corner\s+of)
    [^\n]{0,60}$
    """,
    DEFAULT_FLAGS,
)

# Between two address lines: a comma, a line break (indented or quoted with '>'), or spaces.
_SEPARATOR = regex.compile(
    # "… apto 74 - Pinheiros, São Paulo - SP" (any dash): a spaced dash before a district, a town or a state
    r"(?:[ \t]*(?:,|\n[ \t>]*)[ \t]*)+|[ \t]+/[ \t]+|[ \t]+[-\u2013\u2014][ \t]+(?=(?-i:\p{Lu}))|[ \t]+"
    r"|-(?=\d{6}(?!\d))"  # "Pinto do Galho - CE": a Brazilian town and its state
)
_UNIT = regex.compile(
    r"""(?x)
    (?:(?:apt|apartment|suite|ste|unit|flat|fl|floor|room|rm|bldg|building)(?![\p{L}])|\#)  # not "United"
    \.?[ ]*\#?[ ]*
    (?=[\w-]*\d|[a-z](?![\w-]))[a-z0-9-]{1,6}(?![\w-])   # "595", "4b", "B": a number or a single letter
    (?:[ ]+(?:este|oeste|sur|norte)(?![\w-]))?              # Colombia "# 69-65 sur"
    |
    \d{1,3}(?:st|nd|rd|th)[ ]+(?:floor|fl)(?![\p{L}])\.?      # "2nd floor"
    |
    \d{1,2}[ ]?[ºª°](?:[ ]?(?:izq(?:uierda|da)?|dcha|dch|der(?:echa)?|ctro|centro|\d{1,2}[ºª°]?|(?-i:\p{Lu}))
      (?![\p{L}\d]))?\.?                                       # Spain "3º izq", "2º B": floor and door
    |
    (?:apto|apartamento|appartamento|depto|dpto|dto|departamento|piso|interior|int|edif|edificio|local|oficina
       |of|torre|bodega|casa|lote|bloque|etapa|piano|scala|interno|escalera|esc|puerta|pta|étage|etage|bâtiment
       |stiege|stock|top|whg|кв|к|стр|корп|оф|studio|lot|block|blk|phase)
    (?![\p{L}])\.?[ ]*\#?[ ]*
    (?=[\w/-]*\d)[\w/-]{1,7}(?![\w-])                      # other languages' units: a number after the word
    """,
    DEFAULT_FLAGS,
)
_POSTCODE = regex.compile(
    r"""(?x)
    (?:
      (?-i:\d{4}[ ]?[A-Z]{2})                          # Netherlands "1234 AB"
      |(?-i:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2})         # UK "SW1A 1AA"
      |(?-i:[A-Z]\d[A-Z][ ]?\d[A-Z]\d)                  # Canada "M5V 2T6"
      |(?-i:[A-Z]\d[\dW][ ]?[A-Z\d]{4})(?<=\d\D*)       # Ireland "D02 X285" (Eircode)
      |(?-i:(?:[A-Z]{1,2}|\u03a4\u039a)[ -]?)?\d{3}[ ]\d{2}  # Sweden, Czechia, Greece (TK in Greek)
      |(?-i:[A-Z]{1,2}-|\u03a4\u039a[ ])?\d{3,8}(?:-\d{3,4})?  # US, most of Europe, "H-6908", Brazil, Portugal
      |\d{2}-\d{3}                                    # Poland
    )(?![\w-])
    (?![ \t]*[-.(]?\d)                                  # not the first group of a phone number
    (?![ \t]?(?:gb|mb|tb|kb|ghz|mhz|hz|mah|kg|lbs?|oz|cm|mm|km|ml|kw|px|dpi|fps|usd|eur|gbp|pcs|units)(?!\w))  # 256 GB
    """,
    DEFAULT_FLAGS,
)
# UK, Canadian and Dutch codes typed in lower case, in a lower-case address ("ls41 1pl", "9590nc").
_LOWER_POSTCODE = regex.compile(
    r"(?x)(?:[a-z]{1,2}\d[a-z\d]?[ ]?\d[a-z]{2}|[a-z]\d[a-z][ ]?\d[a-z]\d|\d{4}[ ]?[a-z]{2}|[a-z]{1,2}-\d{4,5})"
    r"(?![\w-])",
    DEFAULT_FLAGS,
)
# A state, province or region code ("CO", "NSW", "ec"), or "nan", which data-frame exports write for an
# empty field.
_REGION = regex.compile(
    r"(?x)(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tel|fax|mob|ref|attn)(?![\w-]))"  # a date, a label
    r"(?:(?-i:[A-Z]{2,3})|nan|\d{1,2})(?![\w-])",
    DEFAULT_FLAGS,
)
_LOWER_REGION = regex.compile(r"(?-i:[a-z]{2,4})(?![\w-])")  # "/ rr" after a town in a lower-case address
_PLACE = regex.compile(
    rf"""(?x)
    (?:(?:{_CONNECTOR}[ ]+)?{_TITLE}(?:[ ]+(?:{_CONNECTOR}[ ]+)*{_TITLE}){{0,5}}  # "Dusino San Michele", "da Costa"
      |{_UNCASED}(?:[ ]+{_UNCASED}){{0,3}})                                       # "अम्बाजी", "כפר יונה"
    (?:(?:[ ]+{_CONNECTOR})?[ ]+{_LOWER}(?=[ \t]*(?:[,\n]|$)))?     # "Novo mesto", "San Gabriela los bajos"
    (?<!\p{{L}}{{3}}\.)                                          # not the full stop after the town
    (?![\w']|-(?!\d))                                          # "Jorhat-590139": an Indian PIN after a dash
    """,
    DEFAULT_FLAGS,
)
# Chat words that end a lower-case town: "tota, boyacá pls".
_CHAT_WORDS = words("pls plz please thx thanks thank ty asap ok okay lol btw tomorrow today tonight")
_LOWER_PLACE = regex.compile(
    rf"""(?x)(?!(?:{alternation(_CHAT_WORDS)})(?![\p{{L}}])){_LOWER}
    (?:[ ]+(?!(?:{alternation(_PROSE_WORDS + _CHAT_WORDS)})(?![\p{{L}}])){_LOWER}){{0,3}}(?![\w']|-(?!\d))""",
    DEFAULT_FLAGS,
)
# A unit written just before the street core: "Apt. 117 5720 Skoanveien 226", "Flat 3, 12 High Street".
_UNIT_BEFORE = regex.compile(
    r"(?x)(?<![\p{L}\d])(?:(?:apt|apartment|suite|ste|unit|flat|studio|lot|room|level|no"
    r"|অ্যাপার্টমেন্ট|ফ্ল্যাট|ষ্টুডিও)\.?[ ]*\#?[ ]*"
    r"(?=[\w-]*\d)[a-z\d-]{1,6}"
    r"|(?:г|с|д|п|ст|пос|пгт|смт|клх|к|м)\.?[ ]\p{L}[\p{L}'\-]*)"  # noqa: RUF001 - a Russian settlement first
    r"(?:,?[ ]+|[ ]*\n[ \t>]*)$",  # on the same line or the line before: "Unit 21\n27 Isla Road"
    DEFAULT_FLAGS,
)
_QUALIFIER = regex.compile(r"[ ]*\(\p{L}+\)")  # "Cyprus (Greek)", "Verona (VR)"
_COUNTRY = regex.compile(rf"(?x)(?:{alternation(sorted(countries()))})(?![\w-])", DEFAULT_FLAGS)

# A Vietnamese lane, alley or street after the house number or the lane ("ngõ 53", "phố Đinh Bộ Lĩnh",
# "hẻm 12/4", "đường Lê Lợi"), or a hamlet or a quarter ("tổ 5", "khu phố 3", "thôn Đông").
_VIETNAMESE_PART = regex.compile(
    r"(?:phố|đường|ngõ|ngách|hẻm|kiệt|tổ|khu[ ]phố|thôn|xóm|ấp|kp\.?)[ ]+"
    r"(?:\d{1,4}(?:/\d{1,4})?[a-z]?(?![\w/])|(?-i:\p{Lu})[\p{L}\p{M}]*(?:[ ](?-i:\p{Lu})[\p{L}\p{M}]*){0,4})",
    DEFAULT_FLAGS,
)
_VIETNAMESE_BEFORE = regex.compile(
    r"(?<![\p{L}\d])(?:(?:số|ngõ|ngách|hẻm|kiệt)[ ]\d{1,4}(?:/\d{1,4})?[a-z]?,?[ ]){0,3}(?:số|ngõ|ngách|hẻm|kiệt)[ ]$",
    DEFAULT_FLAGS,
)
_MAX_SEGMENTS = 8
_STATE_GAP = regex.compile(r"[/\-\u2013]")  # "Cassiano do Amparo / PA", "Castro de Cirino - MA"
# What may follow a town on its own line: the line's end, punctuation or a chat word ("sluiskil pls").
_LINE_END = regex.compile(rf"[ \t]*(?:\n|$|[,.!?;:)]|(?:{alternation(_CHAT_WORDS)})(?![\p{{L}}]))", DEFAULT_FLAGS)
# An ordinal street line after a comma: Indian "14th Cross", "3rd Main Road", "5th Block".
_ORDINAL_LINE = regex.compile(rf"\d{{1,3}}(?:st|nd|rd|th)(?:[ ]+{_TITLE}){{1,3}}(?![\w'])", DEFAULT_FLAGS)
# A romanized Japanese municipality ("Musashino-shi", "Shibuya-ku", "Chiba-ken"): only addresses name one so.
_MUNICIPALITY = regex.compile(r"(?-i:\p{Lu}\p{Ll}+)-(?:shi|ku|ken|gun|machi|cho|mura)$")
# Patterns the helpers below use on each call, compiled once.
_WORD_BEFORE_NUMBER = regex.compile(r"\p{L}[.,]?[ ]+(?:n[°º]?[ ]*)?$|\p{L}\.[ ]*$")
_NAME_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'\-]+")
_LONG_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}]{2,}")
_DOTTED_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'\-.]*")
_ANY_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'\-]*")
_NON_WORD = regex.compile(r"\W")
_PLACE_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}]*")


class InternationalAddressRecognizer(ChatEntityRecognizer):
    """A street core in any of several national layouts, extended over the address lines that follow."""

    NAME = "ChatInternationalAddressRecognizer"
    ENTITY = "STREET_ADDRESS"
    SCORE = 0.9  # above spaCy's 0.85, so the merged span is an address, not the PERSON it guessed a street was

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every core, extended over the following address lines; bare cores need a cue or evidence."""
        results: list[RecognizerResult] = []
        before_numbers = _words_before_numbers(text)
        if not before_numbers.isdisjoint(_AFTER_TYPE_RUNS) and _AFTER_TYPE_QUICK.search(text):
            for match in _LOWER_AFTER_CORE.finditer(text):
                if found := self._accept(text, match):
                    results.append(found)
        first = [(r.start, r.end) for r in results]
        core = _core_for(text, before_numbers)
        pos = 0
        while pos < len(text):
            # Out of time raises TimeoutError: the detector fails closed (see ChatPatternRecognizer.analyze).
            match = core.search(text, pos, timeout=REGEX_TIMEOUT_SECONDS)
            if match is None:
                break
            if any(s < match.end() and match.start() < e for s, e in first):
                pos = match.end()  # "žerjalova ulica 996": read as a lower-case name and its type word
                continue
            found = self._accept(text, match)
            if found is None:
                # A rejected core may hide an address that starts inside it: "It's 41377 Schachterlweg 62".
                space = text.find(" ", match.start() + 1, match.end())
                pos = space + 1 if space > 0 else match.end()
                continue
            results.append(found)
            pos = match.end()
        if _EAST_ASIAN_QUICK.search(text):
            for match in _EAST_ASIAN.finditer(text):
                results.append(self._result(*match.span()))
        covered = [(r.start, r.end) for r in results]
        for match in [*self._loose_cores(text, covered), *_HOUSE_AND_NAME.finditer(text)]:
            start, end = match.span()
            if any(s < end and start < e for s, e in covered):
                continue
            tail_end, evidence, strong, comma_town = _extend(text, end, _lower(text[start:end]))
            if not _loose_is_street(match.group()) or (
                match.re is _HOUSE_AND_NAME and not _bare_is_street(match.group())
            ):
                continue  # "12 Big Macs, 2000 Euros": everyday words are not a street
            if not _rare_word(match.group(), everyone=False) and not _unit_after(text, end):
                continue  # "Rocky 2, Rocky 3, Rocky 4\n1985 Stallone", "3 Coffees, 2 Teas\n1500 Calories"
            # "06111 μεγάλη άμμος 198 apt. 822", "172 maneeži 75, saareküla": a house number, a street of unusual
            # words and its number, then a unit or a town.
            if not strong and not (
                match.re is _LOOSE_CORE_TO_END
                and (evidence or comma_town)
                and _LEADING_NUMBER.match(match.group())
                and _unusual(match.group())
            ):
                continue
            covered.append((start, tail_end))
            results.append(self._result(_unit_start(text, _type_start(text, start)), tail_end))
        return EntityRecognizer.remove_duplicates(results)

    @staticmethod
    def _loose_cores(text: str, covered: list[tuple[int, int]]) -> list[regex.Match[str]]:
        """Street lines of any words ending in a number, found from the numbers whose walk finds an address line
        after them (the loose pattern is slow to try at every word)."""
        found = []
        for number in _LOOSE_NUMBER.finditer(text):
            end = number.end()
            before = text[max(0, number.start() - 3) : number.start()]
            if not _WORD_BEFORE_NUMBER.search(before) and not before.endswith("° "):
                continue  # a street line's number comes after a word: "mala 86", "nr. 474"
            if any(s < end <= e for s, e in covered):
                continue
            line_start = max(text.rfind("\n", 0, number.start()) + 1, end - 80)
            _, evidence, strong, comma_town = _extend(text, end, True)  # lower case: the walk that reads most
            if not (strong or evidence or comma_town):
                continue
            if match := _LOOSE_CORE_TO_END.search(text, line_start, end):
                found.append(match)
        return found

    def _accept(self, text: str, match: regex.Match[str]) -> RecognizerResult | None:
        """The address of a core and the lines after it, or None when the core is not a street."""
        start, end = match.span()
        if match.group("typed") and (code := _HOUSE_THEN_CODE.fullmatch(match.group())):
            end = start + code.start("code")  # "5 rue de rivoli 75001 paris": the number after is the postcode
        lower_case = _lower(text[start:end])
        tail_end, evidence, strong, _ = _extend(text, end, lower_case)
        bare, usps = match.group("bare"), match.group("usps")
        if match.group("unitfirst") and not strong:
            # A unit line, then lines up to a postcode or a country, or a named building: "Flat 3, Rowan House",
            # "Flat 302, Lakshmi Residency"; "Flat 3,\nthanks" is not.
            if (building := _BUILDING_AFTER.match(text, end)) is None:
                return None
            tail_end = max(tail_end, building.end())
        # "Place Order", "Via Email": a type word without a number is an address only with a postcode and
        # town line after it ("rue Rey\n7091 Wicht").
        if not any(c.isdecimal() for c in match.group()) and (not strong or match.group("typed") is None):
            return None
        # A core with no type word, or with one that is also an everyday word ("Station", "Ports"), needs
        # an address line after it or an address cue before it.
        if bare is not None or usps is not None:
            name = bare if bare is not None else usps.rsplit(" ", 1)[0]
            if not _accept_untyped(
                text, start, name, evidence, strong, house_first=_LEADING_HOUSE.match(name), bare=bare is not None
            ):
                return None
            if end >= tail_end and text[end - 1] == ".":
                end = end - 1  # the full stop of the sentence, not a Hungarian "15."
            start = _type_start(text, start)
        if crossing := _CROSSING_BEFORE.search(text, max(0, start - 60), start):
            start = crossing.start("street")  # "to Katrina and Rúa do Paseo 46": two streets that cross
        return self._result(_unit_start(text, start), max(end, tail_end))

    def _result(self, start: int, end: int) -> RecognizerResult:
        explanation = f"Detected by `{self.NAME}`: street core and address lines"
        return span_result(self, self.ENTITY, start, end, self.SCORE, explanation)


# A named building after a unit: ", Rowan House", ", Lakshmi Residency", ", Block C Sunrise Apartments".
_BUILDING_AFTER = regex.compile(
    r"[ \t]*,[ \t]*(?:(?-i:\p{Lu})[\p{L}'\-]+[ ]){1,3}"
    r"(?-i:House|Court|Residency|Residences|Apartments|Towers?|Mansions|Heights|Enclave|Villas|Lodge|Chambers"
    r"|Building|Complex|Gardens|Hall|Buildings)(?![\p{L}\d])"
)
# A street with its house number first and a number of four or five digits after it: a postcode.
_HOUSE_THEN_CODE = regex.compile(r"\d{1,5}[a-z]?,?[ ]+\D+?(?P<code>[ ]\d{4,5})", DEFAULT_FLAGS)
_LEADING_HOUSE = regex.compile(r"\d{1,6}[a-z]?(?:[-/]\d{1,5}[a-z]?)?[ ]+(?-i:\p{Lu})")


_UNIT_WORD_BEFORE = regex.compile(
    r"(?<![\p{L}\d])(?:apt|apartment|suite|ste|unit|flat|room|studio|lot|level|no|অ্যাপার্টমেন্ট|ফ্ল্যাট|ষ্টুডিও)\.?[ ]*\#?[ ]*$",
    DEFAULT_FLAGS,
)


_PRECEDING_TYPE = regex.compile(
    rf"(?x)(?<![\p{{L}}\d])(?:{alternation(_PREFIX_TYPES_TITLE + _PREFIX_TYPES_ANY)})\.?[ ]+(?:{_CONNECTOR}[ ]+)*$",
    DEFAULT_FLAGS,
)


def _unit_after(text: str, end: int) -> bool:
    """A unit right after the street: "974 via roma 131\n apt. 425"."""
    sep = _SEPARATOR.match(text, end)
    return sep is not None and _ENGLISH_UNIT.match(text, sep.end()) is not None


_ENGLISH_UNIT = regex.compile(
    r"(?:apt|apartment|suite|ste|unit|flat|floor|room|bldg|building)(?![\p{L}])\.?[ ]*\#?[ ]*\d", DEFAULT_FLAGS
)


def _lower(core: str) -> bool:
    """A core typed in lower case; not one in a script without letter case."""
    return core == core.lower() and core != core.upper()


# A street named before "and" and an address: an intersection, after "to", "at", "is" or a colon, question
# mark: "send it to Katrina and Rúa do Paseo 46", "validate the following? Cinzia and Hammarvägen 15".
_CROSSING_BEFORE = regex.compile(
    rf"(?x)(?:(?<=[:?][ ]*|\b(?:to|at|is|on)[ ]+))(?P<street>(?:{_TITLE}[ ]+){{1,3}}(?:and|&)[ ]+)$",
    DEFAULT_FLAGS,
)


def _type_start(text: str, start: int) -> int:
    """Where a street without a recognised core starts when a type word is just before it: "boulevard Chaudet 46"."""
    before = _PRECEDING_TYPE.search(text, max(0, start - 30), start)
    return before.start() if before else start


def _unit_start(text: str, start: int) -> int:
    """Where the address starts when a unit is typed before the street: "Suite 541 6343 Skogstien 106", and
    the named building and cluster before them: "Cluster D, Lake View Tower, Apt 1708, …"."""
    for _ in range(4):  # "Room 1114 Matumtum Tower, 444 Coconut Street": a unit, a building, the street
        unit = _UNIT_BEFORE.search(text, max(0, start - 24), start) or _UNIT_WORD_BEFORE.search(
            text, max(0, start - 16), start
        )
        start = unit.start() if unit else start
        if (
            start < len(text)
            and text[start].isdigit()
            and (label := _LABEL_BEFORE.search(text, max(0, start - 12), start))
        ):
            start = label.start()  # "Block 428, Seef": the label of a numbered block, road or villa
        if (
            start < len(text)
            and text[start].isdigit()
            and (lane := _VIETNAMESE_BEFORE.search(text, max(0, start - 40), start))
        ):
            start = lane.start()  # "số 12 ngõ 5 đường Lê Lợi": the house and the lanes before the street
        building = _BUILDING_BEFORE.search(text, max(0, start - 50), start)
        if building is None:
            break
        start = building.start()
    return start


# A numbered block, road, street or villa, as Gulf, Pakistani and Cambodian addresses write them: "Villa 23",
# "Street 14", "Road 2803", "Block 428", "House No. 45".
_NUMBERED_PART = (
    r"(?-i:Cluster|Block|Blk|Building|Bldg|Tower|Wing|Phase|Sector|Plot|Villa|Compound|Street|St|Road|Rd|Avenue"
    r"|Ave|Lane|Way|Alley|Zone|House|Office|Shop|Số|số)\.?(?:[ ](?-i:No)\.?)?"
)
_LABEL_BEFORE = regex.compile(_NUMBERED_PART + r"[ ]$")
# A building or a block named before the unit or the street, after a comma: "Lake View Tower, ", "Cluster D, ",
# "Block 4B, ", "Rose Cottage, " (Gulf, South Asian and British layouts).
_BUILDING_BEFORE = regex.compile(
    r"(?<![\p{L}\d'\-])"
    rf"(?:{_NUMBERED_PART}[ ]?(?-i:[A-Z\d][A-Z\d\-]{{0,4}})"
    r"|(?:(?-i:\p{Lu}[\p{L}'\-]+)[ ]){1,3}"
    r"(?-i:Tower|Towers|Building|House|Court|Residency|Residence|Residences|Apartments|Heights|Mansions|Complex"
    r"|Villas|Lodge|Chambers|Cottage|Farm|Barn|Manor|Grange|Rectory|Vicarage))"
    r"[ \t]*,[ \t]*$"
)


def _accept_untyped(
    text: str, start: int, name: str, evidence: bool, strong: bool, house_first: object, bare: bool
) -> bool:
    """A core without a type word: a street name after a house number ("5049 Harjukuja 54") or with an
    address line after it or a cue before it; with a postcode-and-town line after it, any name but a word
    that takes a number in prose ("Page 4")."""
    if strong:
        return _loose_is_street(name + " 1") and (not bare or _rare_word(name, everyone=False))
    if not _bare_is_street(name):
        return False
    if _CUE.search(text[max(0, start - 80) : start]):
        return not bare or _rare_word(name, everyone=False)  # "deliver it to Gate 4, Terminal 2": not a street
    if evidence:  # "Kesk 53\n Suite 343"; not "Quantity 3, Unit Price 1299"
        return not bare or _rare_word(name, everyone=False)
    # With nothing before or after it, the street's words must all be rare in English: "737 Max 8" is a plane.
    return bool(house_first) and _rare_word(name, everyone=True)


@lru_cache(maxsize=4096)
def _rare(word: str) -> bool:
    """A word rare in English text (wordfreq Zipf frequency below 3): "Harjukuja", not "Rocky" or "Max"."""
    return zipf_frequency(word, "en") < _RARE_ZIPF


_RARE_ZIPF = 3.0


def _rare_word(core: str, everyone: bool) -> bool:
    """Some (or every) word of a street without a type word is rare in English: street names of other
    languages are, product and game names with numbers ("Xbox 360", "Rocky 4", "Vitamin D 1000") are not."""
    name_words = [w.lower() for w in _NAME_WORDS.findall(core)]
    if not name_words:
        return False
    return all(map(_rare, name_words)) if everyone else any(map(_rare, name_words))


_LEADING_NUMBER = regex.compile(r"\d")


def _unusual(core: str) -> bool:
    """Some word of the street is not an everyday word."""
    return any(w.lower() not in common_words() for w in _LONG_WORDS.findall(core))


def _loose_is_street(core: str) -> bool:
    """Any street words, but not a lone everyday word or a word that takes a number in prose."""
    name_words = [w.lower().strip(".") for w in _DOTTED_WORDS.findall(core)]
    if not name_words or any(w in _NOT_STREET_NAMES for w in name_words):
        return False
    return not (len(name_words) == 1 and (name_words[0] in common_words() or len(name_words[0]) < 3))


def _bare_is_street(core: str) -> bool:
    """A bare core's name words must not be everyday words ("Order 12", "March 3", "Room 5")."""
    name_words = _ANY_WORDS.findall(core)
    if not any(len(w) >= 3 for w in name_words):
        return False  # "IA 50941": a region code and a ZIP, not a street
    everyday = STOP_WORDS | common_words() | _NOT_STREET_NAMES
    return bool(name_words) and not any(
        w.lower().strip(".") in everyday or w.lower().replace("'", "") in everyday for w in name_words
    )  # "It's 41377"


# Words that take a number after them in prose, dates and product names.
_NOT_STREET_NAMES = frozenset(
    words(
        """
        january february march april may june july august september october november december jan feb mar
        apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday room
        order item table gate page chapter step level version model size flat apt suite unit floor box
        windows pixel galaxy iphone series season episode part section line
        """
    )
)


@lru_cache(maxsize=64)  # the loose-core search and the acceptance walk from the same numbers
def _extend(text: str, pos: int, lower_case: bool) -> tuple[int, bool, bool, bool]:
    """Walk address lines after `pos`; return where the address ends, whether a line was evidence, whether
    the evidence was strong (a postcode next to a town that is not an everyday word, or a country), and whether
    a town was kept after a comma."""
    kept_end, evidence, strong, placed, coded, towned, united = pos, False, False, False, False, False, False
    comma_town, pending, long_code = False, False, False
    for segment in range(_MAX_SEGMENTS):
        sep = _SEPARATOR.match(text, pos)
        if sep is None:
            break
        gap = sep.group()
        if gap.count("\n") > 1:  # a blank line ends the address
            break
        at = sep.end()
        comma = "," in gap
        after_code, coded = coded, False
        after_town, towned = towned, False
        after_unit, united = united, False
        if pending and not _UNIT.match(text, at):
            break  # "beacon 2 doorbell keeps disconnecting": words after the number with no unit after them
        pending = False
        if m := _UNIT.match(text, at):
            pos, kept_end, evidence, united = m.end(), m.end(), True, True
        elif m := _VIETNAMESE_PART.match(text, at):
            pos, kept_end, evidence = m.end(), m.end(), True  # "Số 8 Ngõ 53 phố Đinh Bộ Lĩnh"
        elif (m := _COUNTRY.match(text, at)) and not (after_code and len(m.group()) <= 3):  # not "256 GB"
            end = m.end()
            if q := _QUALIFIER.match(text, end):
                end = q.end()
            pos, kept_end, evidence, strong = end, end, True, True
        elif (lower_case and (m := _LOWER_POSTCODE.match(text, at))) or (m := _POSTCODE.match(text, at)):
            # Right after the street a number could be anything ("March 3, 2026"); after a town it is a code.
            pos, kept_end, evidence, coded = m.end(), m.end(), evidence or placed, True
            long_code = len(_NON_WORD.sub("", m.group())) >= 4  # strong next to a town: not "error 404"
            strong = strong or (after_town and long_code)
        elif _STATE_GAP.search(gap) and after_town and (m := _REGION.match(text, at)):
            if kept_end == sep.start():
                kept_end = m.end()  # "Cassiano do Amparo / PA": the state of a kept town
            pos, placed, towned = m.end(), True, True
        elif comma and (m := _ORDINAL_LINE.match(text, at)):
            pos, kept_end, placed = m.end(), m.end(), True  # "…, 14th Cross, Indiranagar": a cross street
        elif (m := _PLACE.match(text, at)) and not _everyday(m.group()):
            pos, placed, towned = m.end(), True, not _common(m.group())
            strong = strong or (comma and _MUNICIPALITY.search(m.group()) is not None)  # "…, Musashino-shi"
            # "sold 12 Big Macs, 2000 Euros": everyday words after the number are a town only before a unit.
            pending = segment == 0 and not comma and "\n" not in gap and _first_common(m.group())
            if q := _QUALIFIER.match(text, pos):
                pos = q.end()  # "Verona (VR)"
            # "…, Toronto", "10115 Berlin", "Apt. 501 POLSING": the town of the address
            if comma or after_code or after_unit:
                kept_end = pos
                comma_town = comma_town or comma
                # A code on its own line or after a comma, then a town: "…\n4821 XG Weurt", "…, 10115 Berlin".
                evidence = evidence or after_code
                strong = strong or (after_code and towned and long_code)
        elif (m := _REGION.match(text, at)) and (comma or "\n" in gap or after_town):  # "ASKER nan 1386"
            if after_town and kept_end == sep.start():
                kept_end = m.end()  # "Araújo Verde / AM": the state of a kept town
            pos, placed = m.end(), True
            towned = after_town  # "Fitzroy VIC 3065": the code after the state still follows a town
        elif lower_case and after_town and ("/" in gap or comma) and (m := _LOWER_REGION.match(text, at)):
            if "/" in gap and kept_end == sep.start():
                kept_end = m.end()  # "da serra / rr"; after a comma only a code after it keeps it: "…, at 31295"
            pos, placed, towned = m.end(), True, True
        elif (
            lower_case
            and (comma or after_code or after_unit or "\n" in gap or segment == 0)  # kept only with a line after
            and (m := _LOWER_PLACE.match(text, at))
            and not _everyday(m.group())
            and not ((after_unit or after_code) and not comma and "\n" not in gap and _prose_start(m.group()))
            # A line after a code line is a town only when it ends there: "…560038\nvacated on 31 jan" is prose.
            and not (after_code and "\n" in gap and not _LINE_END.match(text, m.end()))
        ):
            # "…\n4786 schlieren"; words after the street on its line are a town only with a unit between
            # ("… apt. 501 polsing"): "beacon 2 doorbell keeps disconnecting, error 404" is prose.
            towned = not _common(m.group()) and (comma or after_code or after_unit or "\n" in gap)
            pos, placed, pending = m.end(), True, segment == 0 and not comma and "\n" not in gap
            if q := _QUALIFIER.match(text, pos):
                pos = q.end()  # "pescara (pe)"
            if comma or after_code or after_unit:
                kept_end = pos
                strong = strong or (after_code and towned and long_code)
                comma_town = comma_town or (comma and towned)
        else:
            break
    return kept_end, evidence, strong, comma_town


def _first_common(place: str) -> bool:
    """A place whose first word is an everyday word ("Big Macs"): prose after a street number, not a town."""
    return place.split()[0].lower() in common_words()


def _prose_start(place: str) -> bool:
    """A place whose first word is a function, chat or time word ("next month", "within range", "right now"):
    prose after a unit or a code, not a town ("75001 paris")."""
    return place.split()[0].lower() in _PROSE_START


_PROSE_START = frozenset(
    STOP_WORDS
    | SPACY_STOP_WORDS
    | set(_CHAT_WORDS)
    | set(words("yesterday morning evening afternoon night week month year weekend asap soon later"))
)


def _common(place: str) -> bool:
    """A place of everyday words only ("Done", "Thanks team"): not a town."""
    return all(w.lower() in common_words() for w in _PLACE_WORDS.findall(place))


def _everyday(segment: str) -> bool:
    """A segment whose first word is a function word or greeting is prose, not a town ("Thanks", "Please")."""
    first = segment.split()[0].lower().strip(".,'")
    if first == "new" and segment[:1] == "N" and len(segment.split()) > 1:
        return False  # "New Delhi", "New OsmaniCenter"
    return first in STOP_WORDS or first in _NOT_TOWNS


_NOT_TOWNS = frozenset(
    words(
        """
        regards best cheers sincerely call text order ticket tel phone fax mobile cell email
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec
        """
    )
)  # a month: "…, 19 SEP 1985" is a date
