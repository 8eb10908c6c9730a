"""PERSON: lower-case and noisy names after chat phrases ("my name is", "thanks,") and first+last name pairs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from ._base import STOP_WORDS, ChatEntityRecognizer, span_result, typo_tolerant, words
from .fold import english_zipf, fast_zipf, romanize


@cache
def _word_file(name: str) -> frozenset[str]:
    """A packaged word list, one lower-case word a line, '#' comments ignored."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    """First names from Faker's person providers and a hand-written list of names they cover thinly."""
    extra = frozenset(word for line in _word_file("extra_first_names.txt") for word in line.split())
    return _word_file("first_names.txt") | _word_file("census_first_names.txt") | extra


@cache
def last_names() -> frozenset[str]:
    """Last names from Faker's person providers and the US Census (see the data files' headers)."""
    return _word_file("last_names.txt")


def _listed(word: str, names: frozenset[str]) -> bool:
    key = romanize(word)
    if key in names:
        return True
    if "-" not in key:
        return False
    # Korean and Chinese given names are romanized with or without a hyphen ("Ji-woo" is "Jiwoo"); a double
    # name ("Mary-Kate", "Anna-Lena") has a name on each side.
    return key.replace("-", "") in names or all(len(part) > 1 and part in names for part in key.split("-"))


def is_first_name(word: str) -> bool:
    """Whether `word`, in any case, with or without accents, in Latin, Cyrillic or Greek, is a known first name."""
    return _listed(word, first_names())


def is_last_name(word: str) -> bool:
    """Whether `word` (any case, accents, script) is a known last name."""
    return _listed(word, last_names())


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
        string str int integer bool boolean float double null none nil undefined void varchar true false
        btw lol lmao pls plz thx tho fyi imo tbh lmk idk omg rn ty tysm np i'm i\u2019m i'd i'll i've
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
    acts_on: bool = False  # a verb before the person it acts on ("tell", "add", "can ...")
    capitalized: bool = False  # only a capitalized name follows it ("Mayor Chaudhari", not "Sir bot")
    title: bool = False  # a title: any surname may follow it ("Mrs Yoon", "mr adeyemi")
    # A known first name that is also a word, typed in lower case, when it stands alone after the cue:
    # "hi its mark, can you ..." when the cue opens the message or a clause ("open"); "nah thats it cheers
    # will" when the name ends the line ("end").
    alone_lower: str = ""
    # A relative or colleague: a capitalized known first name after it is a name even when it is also a word
    # ("my neighbour Hank", "my son Will", "my friend Grace").
    kin: bool = False
    # Lower-case literals one of which every match holds: the cue runs apart, only on texts that hold one
    # (a long alternation tried at every word of every message is the scan's main cost).
    probe: tuple[str, ...] = ()


_APOS = "['\u2019]"  # typed apostrophes: straight and curly
# Lower-case words inside surnames: "de la Cruz", "van der Berg", "bin Salman".
PARTICLES = frozenset(
    words("de del della der den di da das dos du la le van von ten ter het zu af av dei bin binti bint ibn al el y e")
)

_CUES = [
    _Cue(rf"my\s+name\s*(?:is|{_APOS}s|=|:|-)", True),
    # "her name was Grace", "his name's tomasz", "the name's Bond": someone else's name.
    _Cue(rf"(?:his|her|their|whose|the)\s+name\s*(?:is|was|{_APOS}s)", True),
    # "my husband's name, rahul mehta", "the account holder's name: ...": whose name it is, then the name.
    _Cue(
        r"(?!(?:company|business|store|shop|app|product|file|restaurant|hotel|street|road|town|city|country|bank"
        r"|brand|website|site|game|team|school|band|song|book|movie|film|ship|boat|car|dog|cat|pet|horse|plan|wifi"
        r"|network|server|project|group|channel|page|event|place|venue|clinic|firm|org|organi[sz]ation)"
        rf"{_APOS})\w+{_APOS}s?\s+name\s*(?:is|was|{_APOS}s|[:,=\-])",
        True,
        probe=("name",),
    ),
    # "booking under the name nguyen", "reserved under Sato", "in the name of Okafor".
    _Cue(
        rf"(?:under|in)\s+the\s+name(?:\s+of)?|(?:booked|booking|reserved|reservation|registered|listed|put|it{_APOS}?s)"
        r"\s+(?:it\s+)?under(?:\s+the\s+name(?:\s+of)?)?",
        True,
        probe=("under",),
    ),
    _Cue(
        r"(?:(?:full|first|last|maiden|middle|family|given|legal|birth|nick)\s+|sur|nick)name\s*(?:is|was|:|=|-)", True
    ),
    _Cue(r"(?<![\w/])name\s*[:=]", True),
    # JSON and form fields: "first_name": "Olumide", 'last-name': 'Bankole', fullName=...
    _Cue(r"[\"']?(?:first|last|full|given|family|middle|sur|maiden)[_\-]?name[\"']?\s*[:=]", True),
    _Cue(r"[\"']name[\"']\s*[:=]", True),
    # JSON keys without "name": {"first": "Haruto", "last": "Sasaki"}, 'surname': 'Okafor'.
    _Cue(r"[\"'](?:first|last|given|family|surname|forename|middle|firstname|lastname)[\"']\s*[:=]", True),
    _Cue(r"(?:you\s+can\s+)?call\s+me", True),
    # "He goes by Bash", "known as Kiki", "prefers to be called Sam".
    _Cue(r"goes\s+by|known\s+as|a\.k\.a\.?|aka|prefers?\s+to\s+be\s+called|preferred\s+name\s*(?:is|:)?", True),
    _Cue(r"i\s+am\s+called|they\s+call\s+me|it\s+is\s+spelled|spelled", True),
    _Cue(rf"(?:this|it){_APOS}?\s*(?:is|s)", False, alone_lower="open"),
    _Cue(rf"i\s*{_APOS}?\s*m|i\s+am", False),
    # "me llamo Lucía", "je m'appelle Anaïs", "ich heiße Jörg", "nazywam się Zofia", "tên tôi là Minh".
    _Cue(
        rf"me\s+llamo|mi\s+nombre\s+es|me\s+chamo|meu\s+nome\s+(?:é|e)|je\s+m{_APOS}appelle|mon\s+nom\s+est"
        r"|ich\s+hei(?:ß|ss)e|mein\s+name\s+ist|mi\s+chiamo|il\s+mio\s+nome\s+è|nazywam\s+si(?:ę|e)"
        r"|mam\s+na\s+imi(?:ę|e)|mijn\s+naam\s+is|ik\s+heet|t(?:ê|e)n\s+(?:t(?:ô|o)i|em|m(?:ì|i)nh)\s+l(?:à|a)",
        True,
    ),
    # "soy Lucía de Banco Horizonte", "je suis Anaïs", "ich bin Jörg", "sono Giulia", "jestem Zofia".
    _Cue(r"soy|sou|je\s+suis|ich\s+bin|sono|jestem|ik\s+ben|t(?:ô|o)i\s+l(?:à|a)|em\s+l(?:à|a)", False),
    _Cue(
        rf"{typo_tolerant('thanks')}|thank\s+you|thnak\s+you|thx|ty|cheers|regards|best|sincerely",
        False,
        alone_lower="end",
    ),
    _Cue(
        r"(?:speaking|talking|chatting|spoke|spoken|talked|chatted)\s+(?:with|to|w/)|ask\s+for|transferred\s+to", False
    ),
    # "Chat ended by Yusra", "approved by Dana": who did something in a log or a ticket.
    _Cue(
        r"(?:created|signed|approved|submitted|reviewed|handled|closed|opened|ended|assigned|updated|resolved"
        r"|written|raised|reported|logged|escalated)\s+by",
        False,
    ),
    # The same in Dutch, German, Spanish, French, Portuguese, Italian and Polish: "u spreekt met Mohamed".
    _Cue(
        r"(?:u|je|jij)\s+spreekt\s+met|(?:sie\s+sprechen|du\s+sprichst)\s+mit|(?:habla|hablas|est(?:á|a)s?\s+hablando)\s+con"
        r"|le\s+atiende|vous\s+(?:parlez|(?:ê|e)tes\s+en\s+contact)\s+avec|(?:fala|est(?:á|a)\s+falando)\s+com"
        r"|(?:parla|sta\s+parlando)\s+con|rozmawia(?:sz|\s+pan(?:i)?)\s+z",
        False,
        probe=("spreekt", "sprech", "sprichst", "habla", "atiende", "vous", "fala", "parla", "rozmawia"),
    ),
    # "tell catherine I said hi", "add brian to my plan", "can martina use my account?": a person the verb
    # acts on, or the subject of a question.
    _Cue(
        r"(?:tell|ask|let|remind|text|call|email|e-mail|message|ping|thank|cc|pay|add|remove|authori[sz]e|meet|help"
        r"|loop(?:ing|ed)?\s+in|cc(?:'?ing|'?d)|copying\s+in|looping)"
        r"|(?:(?<=^|[.!?\n][ \t]*)(?:can|could|will|would|should|did|does|has|may|might|is|was))",
        False,
        acts_on=True,
    ),
    # "my daughter ludmila", "our son, Kofi", "my wife priya": a relative, partner or colleague by name.
    _Cue(
        r"(?:my|our|his|her|their|your)\s+(?:(?:little|older|younger|big|baby|eldest|youngest|oldest|late|ex|step"
        r"|twin|best)[\s\-]*)?(?:son|daughter|wife|husband|partner|spouse|mom|mum|mother|dad|father|brother|sister"
        r"|kid|child|boyfriend|girlfriend|fianc[eé]e?|friend|grandson|granddaughter|grandma|grandmother|grandpa"
        r"|grandfather|aunt|uncle|cousin|niece|nephew|colleague|co-?worker|roommate|flatmate|neighbou?r|boss"
        r"|manager|landlord|landlady|tenant|nanny|carer|caregiver)",
        False,
        kin=True,
    ),
    _Cue(r"(?:hi|hello|hey)(?:\s+there)?|good\s+(?:morning|afternoon|evening|day)|dear", False),
    _Cue(r"mr|mrs|ms|miss|mx|dr", False, title=True),
    # "Uncle Femi", "auntie bisi", "Grandma Rose", "cousin Rahul", "Tita Marites": a relative by name.
    _Cue(
        r"uncle|auntie|aunty|aunt|cousin|grandma|grandpa|granny|grandad|granddad|grandmother|grandfather|nana"
        r"|tita|tito|lola|lolo|kuya|tante|oom|onkel|oma|opa|nonna|nonno|zia|zio|t(?:í|i)[ao]|abuela|abuelo"
        r"|babcia|dziadek|ciocia|wujek",
        False,
        title=True,
        probe=(
            "uncle",
            "aunt",
            "cousin",
            "gran",
            "nana",
            "tita",
            "tito",
            "lola",
            "lolo",
            "kuya",
            "tante",
            "oom",
            "onkel",
            "oma",
            "opa",
            "nonn",
            "zia",
            "zio",
            "ti",
            "abuel",
            "babcia",
            "dziadek",
            "ciocia",
            "wujek",
        ),
    ),
    # Honorifics of other languages before a capitalized name: "Frau Schneider", "mevrouw De Graaf", "Pani
    # Kowalska", "Pak Budi", "chị Hà", "si Maricel", "Ate Joy", "señora Ruiz", "domnul Popescu".
    _Cue(
        r"frau|herrn?|mevrouw|mevr\.?|meneer|dhr\.?|monsieur|madame|mme\.?|mlle\.?|se(?:ñ|n)or(?:a|ita)?|sra?\.|srta\."
        r"|senhora?|dona|signora?|sig\.(?:ra)?|dott(?:\.|ssa|oressa)?|pan(?:i|ie|u|a)|domnul|doamna|dl\.|dna\."
        r"|pak|bu|ibu|bapak|mbak|kak|(?-i:Ate|Kuya)|si|ni|anh|chị|cô|chú|bác|ông|bà"
        r"|bhai|didi|bhabhi|sahab|saheb|ustaz|ustadh|sheikh|hajj?i",
        False,
        capitalized=True,
        title=True,
    ),
    # "a guy named Chase", "a nurse called Faith": a person, then the name they go by.
    _Cue(
        r"(?:guy|man|woman|lady|girl|boy|person|someone|somebody|gentleman|chap|bloke|dude|fellow|driver|agent"
        r"|nurse|doctor|technician|tech|rep|representative|friend|colleague|neighbou?r|kid|son|daughter|officer"
        r"|courier|landlord|landlady|tenant|customer|client|patient|student|teacher)\s+(?:named|called)",
        True,
    ),
    # "by email to Janelle at the front desk", "I gave it to Hank": the person something went to.
    _Cue(
        r"(?:e-?mail(?:ed)?|text(?:ed)?|sen[dt]|spoke|talked|wrote|forward(?:ed)?|repl(?:y|ied)|speak|talk"
        r"|gave|give|hand(?:ed)?|passed|paid)\s+(?:it\s+|this\s+|that\s+|them\s+)?to",
        False,
        acts_on=True,
    ),
    # "Mayor Chaudhari", "Judge Okafor", "Coach Dlamini": a title before a surname.
    _Cue(
        r"(?-i:Mayor|Judge|Senator|Councill?or|Officer|Inspector|Detective|Det\.|Sergeant|Sgt\.?|Professor|Prof\.?"
        r"|Coach|Pastor|Rabbi|Imam|Reverend|Rev\.?|Captain|Capt\.?|Governor|Gov\.?|President|Minister|Chancellor"
        r"|Lieutenant|Lt\.?|Constable|Sheriff|Deputy|Nurse|Dame|Sir|Lord|Lady)",
        False,
        capitalized=True,
        title=True,
    ),
]


def _cue_regex(indexed: list[tuple[int, _Cue]]) -> regex.Pattern[str]:
    return regex.compile(
        # One look-behind for all cues: inside each alternative it made the scan three times slower.
        "(?<![\\w'\u2019])(?:"
        + "|".join(f"(?P<c{i}>{cue.phrase})" for i, cue in indexed)
        # The cue ends with punctuation or a space before the name, or with an emoji: "Hey 👋 Jennifer".
        + r")(?:[ \t,:;.!\-]*[\p{So}\p{Sk}\p{Cf}]+[ \t,:;.!\-]*|\s*[,:;.!\-]\s*|\s+)",
        regex.IGNORECASE,
    )


_CUE_REGEX = _cue_regex([(i, cue) for i, cue in enumerate(_CUES) if not cue.probe])
_PROBED_CUE_REGEXES = [(cue.probe, _cue_regex([(i, cue)])) for i, cue in enumerate(_CUES) if cue.probe]


def _cue_matches(text: str) -> list[regex.Match[str]]:
    """Every cue's matches: the shared alternation, and each probed cue whose literal the text holds."""
    matches = list(_CUE_REGEX.finditer(text))
    lower: str | None = None
    for probe, pattern in _PROBED_CUE_REGEXES:
        lower = lower if lower is not None else text.lower()
        if any(literal in lower for literal in probe):
            matches.extend(pattern.finditer(text))
    return matches


_TOKEN = regex.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*")
_OPENING_QUOTE = regex.compile(r"[\"'][ \t]*")
_GAP = regex.compile(r"[ \t]+")
_OPENS_CLAUSE = regex.compile(r"(?:^|[\n.!?]|\b(?:hi|hello|hey|hiya))[ \t!,.]*$", regex.IGNORECASE)
_GLUED = regex.compile(r"[\d_@]|\.\w")
_POSSESSIVE = regex.compile(r"['\u2019]s$", regex.IGNORECASE)


# What may follow a name standing alone after a cue: "Thanks Faith.", "Hi Will!", "I'm Rose from Tradeloop".
_ALONE_AFTER = regex.compile(r"[ \t]*(?:[.,!?;)]|$)|[ \t]+(?:from|here)\b")
_SIGN_OFFS = frozenset(words("best kind warm love"))
# Short forms of given names that no name list has because they are English words first.
_WORD_NICKNAMES = frozenset(words("will pat art rich sunny"))
# What people call each other, not names: "cheers mate", "thanks love", "thx hun".
_ADDRESS_TERMS = frozenset(
    words("mate mates love luv dear hun hon honey babe baby buddy bud pal man bro sis boss chief sir doll darling")
)
_LAST_FIRST_COMMA = regex.compile(r",[ \t]*(?=([^\W\d_]+))")
_ENDS_LINE = regex.compile(r"[ \t]*[.!?]*[ \t]*(?:$|\n)")


class ContextNameRecognizer(ChatEntityRecognizer):
    """Names after chat phrases, typed in any case; the phrase decides how much evidence a word needs."""

    ENTITY: ClassVar[str] = "PERSON"
    NAME: ClassVar[str] = "ChatContextNameRecognizer"
    STRONG_SCORE: ClassVar[float] = 0.85
    WEAK_SCORE: ClassVar[float] = 0.7
    # After a weak cue ("I'm", "thanks"), a capitalized word rarer than this in English is taken as a name.
    UNUSUAL_ZIPF: ClassVar[float] = 3.1
    # After a strong cue ("name:"), a word no name list knows is taken unless English uses it this much.
    STRONG_UNKNOWN_MAX_ZIPF: ClassVar[float] = 3.5
    MAX_TOKENS: ClassVar[int] = 3

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language)
        self._common = common_words()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find a cue, then take up to three name-like words after it."""
        results: list[RecognizerResult] = []
        for cue_match in _cue_matches(text):
            cue = _CUES[int(str(cue_match.lastgroup)[1:])]
            strong = cue.strong
            alone_lower = cue.alone_lower
            if alone_lower == "open" and _OPENS_CLAUSE.search(text, 0, cue_match.start()) is None:
                alone_lower = ""
            span = self._name_after(text, cue_match.end(), strong, cue.title, alone_lower, cue.kin)
            if span is not None and cue.capitalized and not text[span[0]].isupper():
                continue
            # "add Visa to my wallet", "ask Alexa to reorder": after a verb, a brand is the thing acted on.
            if span is not None and cue.acts_on and text[span[0] : span[1]].split()[0].lower() in _BRANDS:
                continue
            # "Thanks for chatting with Northwind Mobile", "Welcome back to Brightline": the company.
            if span is not None and not strong and _business_name(text, *span):
                continue
            if span is not None and text[span[0] : span[1]].split()[-1].lower() in _org_or_place_words():
                continue
            if span is not None:
                results.append(self._result(span, self.STRONG_SCORE if strong else self.WEAK_SCORE))
        return EntityRecognizer.remove_duplicates(results)

    def _name_after(
        self, text: str, pos: int, strong: bool, title: bool = False, alone_lower: str = "", kin: bool = False
    ) -> tuple[int, int] | None:
        if strong:  # a quoted value in JSON or code: "first_name": "Olumide"
            quote = _OPENING_QUOTE.match(text, pos)
            pos = quote.end() if quote else pos
        prev_capitalized = False
        last_particle = False
        # "MS SITI NURHALIZA BINTI TARUDIN", "Patient Name: GUTIERREZ, MARIA L": a name in capitals after a
        # title or a form label; its words count as capitalized.
        shouted = False
        # Words of the name so far: (start, end, is a particle). Particles do not count towards MAX_TOKENS.
        taken: list[tuple[int, int, bool]] = []
        index = 0
        while sum(not particle for *_, particle in taken) < self.MAX_TOKENS and index < self.MAX_TOKENS + 3:
            token = _TOKEN.match(text, pos)
            if token is None:
                break
            # "its jill484@btinternet.com", "lisa1982", "kayla.rodriguez@...": the word is part of a handle.
            if _GLUED.match(text, token.end()):
                break
            word = _POSSESSIVE.sub("", token.group())
            lower = word.lower()
            if index == 0:
                shouted = (strong or title) and len(word) > 1 and word.isupper() and not text.isupper()
                # "Mr DHL", "Dr NHS": an acronym, not a surname; a name has a vowel or is known.
                if shouted and not (is_first_name(lower) or is_last_name(lower) or _VOWEL.search(word)):
                    break
            capitalized = word[:1].isupper() and (not word.isupper() or shouted)
            known_first, known_last = is_first_name(lower), is_last_name(lower)
            # "MARIA L", "Kwame A.": a middle or last initial ends a capitalized name.
            if index > 0 and prev_capitalized and len(word) == 1 and word.isupper():
                dot = 1 if text[token.end() : token.end() + 1] == "." else 0
                taken.append((token.start(), token.end() + dot, False))
                break
            # "My name is April": a capitalized known name after a strong cue outranks the month.
            if len(lower) < 2 or (lower in _NEVER_NAMES and not (strong and capitalized and known_first)):
                break
            # "name: my-app", "name: web-server": a lower-case hyphenated identifier made of everyday words.
            if "-" in word and word.islower() and any(part in self._common for part in word.split("-")):
                break
            # "sent to IBAN PL74...", "ask HR": capitals in mixed-case text are an acronym, not a name.
            if index == 0 and not strong and not title and len(word) > 1 and word.isupper() and not text.isupper():
                break
            # "Chaudhari said": after a capitalized word, a lower-case one ends the name unless it is a particle.
            if index > 0 and prev_capitalized and word.islower() and word not in PARTICLES:
                break
            # "Mohamed van GlasNet" (Dutch "from"): a brand-shaped word after a particle is not a surname.
            if last_particle and not shouted and any(c.isupper() for c in word[1:]):
                break
            # "soy Lucía de Banco Horizonte": after a particle, another language's everyday word is the firm.
            if last_particle and index > 0 and foreign_everyday(lower) and not known_last:
                break
            particle = lower in PARTICLES and (
                word.islower() or (title and index == 0) or last_particle or (shouted and index > 0)
            )
            if particle and (index > 0 or (title and capitalized)):
                # "Mr. Van der Merwe", "Ilse de Vries": a particle is kept while a surname follows it.
                accepted = True
            elif index == 0:
                accepted = (
                    self._first_word_ok(lower, capitalized, known_first, known_last, strong)
                    or self._titled_or_alone(text, token.end(), lower, capitalized, known_first, title, alone_lower)
                    or (
                        kin
                        and capitalized
                        and (known_first or lower in _WORD_NICKNAMES)
                        and lower not in _ADDRESS_TERMS
                        and lower not in _SIGN_OFFS
                    )
                )
            else:
                accepted = (known_last or known_first or (capitalized and prev_capitalized) or strong) and (
                    lower not in self._common or ((known_last or known_first) and capitalized)
                )
            if not accepted:
                break
            taken.append((token.start(), token.start() + len(word), particle or word in PARTICLES))
            last_particle = taken[-1][2]
            prev_capitalized = capitalized or (last_particle and prev_capitalized)
            index += 1
            gap = _GAP.match(text, token.end())
            if gap is None and strong and index == 1 and token.end() == taken[-1][1]:
                # A form's "Last, First": after a label, a surname, a comma and a known given name.
                gap = _LAST_FIRST_COMMA.match(text, token.end())
                if gap is not None and not is_first_name(gap.group(1)):
                    gap = None
            # A name continues over a single run of spaces only; a comma or a line break ends it.
            if gap is None or token.end() != taken[-1][1]:
                break
            pos = gap.end()
        # "soy Lucía de Banco Horizonte": a particle ends the name only when a surname follows it.
        while taken and taken[-1][2]:
            taken.pop()
        return (taken[0][0], taken[-1][1]) if taken else None

    def _titled_or_alone(
        self, text: str, end: int, lower: str, capitalized: bool, known_first: bool, title: bool, alone_lower: str
    ) -> bool:
        """After a title any surname ("Mrs Yoon", "mr adeyemi"); a first name that is also a word when it
        stands alone after the cue ("Thanks Faith.", "Hi Will!", "I'm Rose from Tradeloop")."""
        if title:
            if capitalized:
                return lower not in self._common or known_first
            return english_zipf(lower) < self.STRONG_UNKNOWN_MAX_ZIPF and not foreign_everyday(lower)
        known_first = known_first or lower in _WORD_NICKNAMES
        if not capitalized and alone_lower:
            after = _ALONE_AFTER if alone_lower == "open" else _ENDS_LINE
            return (
                known_first
                and lower in _AMBIGUOUS
                and lower not in _SIGN_OFFS
                and lower not in _NOT_SPEAKERS
                and lower not in _ADDRESS_TERMS
                and after.match(text, end) is not None
            )
        return (
            capitalized
            and known_first
            and lower in _AMBIGUOUS
            and lower not in _SIGN_OFFS
            and lower not in _ADDRESS_TERMS
            and _ALONE_AFTER.match(text, end) is not None
        )

    def _first_word_ok(self, lower: str, capitalized: bool, known_first: bool, known_last: bool, strong: bool) -> bool:
        if lower in self._common or lower in _AMBIGUOUS:
            # "My name is Will" is a name; "I'm will..." or "thanks, good" is not.
            return strong and capitalized and (known_first or known_last or lower in _AMBIGUOUS)
        # "soy su hija": another language's everyday word typed in lower case, or its function word even when
        # a name list has it ("su", "lo"); "thanks ana de souza" keeps its known first name.
        if not strong and not capitalized and foreign_everyday(lower) and (not known_first or function_word(lower)):
            return False
        if strong:
            # "name: Install dependencies" (a CI step), "Name: Deploy": an English word no name list knows.
            return known_first or known_last or english_zipf(lower) < self.STRONG_UNKNOWN_MAX_ZIPF
        # "Hello, I am Rohit", "ok thanks Seun": a capitalized word English does not use, not another
        # language's everyday word ("I'm Bored" and "gracias Amigo" are not names).
        unusual = capitalized and english_zipf(lower) < self.UNUSUAL_ZIPF and not foreign_everyday(lower)
        return known_first or (capitalized and known_last) or unusual

    def _result(self, span: tuple[int, int], score: float) -> RecognizerResult:
        return span_result(self, self.ENTITY, span[0], span[1], score, "name after a chat phrase")


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
            # "Georgia said": a capitalized word before a lower-case one is not a lower-case name.
            if first.group()[:1].isupper() and not second.group()[:1].isupper():
                continue
            # The surname may be an everyday word ("emily brown"); the first name may not ("mark price").
            if (
                is_first_name(a)
                and is_last_name(b)
                and a not in self._common | _AMBIGUOUS | _NEVER_NAMES
                and b not in self._common | _NEVER_NAMES
            ):
                results.append(self._result((first.start(), second.end()), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


_CONJUNCTION = r"(?:and|or|&|y|e|et|und|i|og|en|och|ve|va|dan)"
_ITEM = rf"[^\W\d_][\w'\u2019\-]*(?:[ ](?!{_CONJUNCTION}\b)[^\W\d_][\w'\u2019\-]*)?"


class NameEnumerationRecognizer(ContextNameRecognizer):
    """Every name of a list most of whose items are first names: "Ana, Luis and Sofia", "tom, jeri and ayo".

    Lists of people are common in chats (travellers, children, attendees, authorized users), typed in any
    case and with names no list knows ("Efimiya, Mary and Ariana"). When at least two items and at least
    half of them are known first names, the other items that look like names are names too.
    """

    NAME: ClassVar[str] = "ChatNameEnumerationRecognizer"
    SCORE: ClassVar[float] = 0.6
    # An unknown lower-case item is taken when English barely uses it ("leonti").
    RARE_ZIPF: ClassVar[float] = 2.5
    _LIST = regex.compile(
        rf"""(?x)
        (?<![\w'\u2019\-])
        (?P<list>{_ITEM}(?:[ \t]*,[ \t]*{_ITEM})+(?:[ \t]*,?[ \t]+{_CONJUNCTION}[ \t]+{_ITEM})?)
        (?![\w'\u2019\-])
        """,
        regex.IGNORECASE,
    )
    _SPLIT = regex.compile(rf"[ \t]*,[ \t]*(?:{_CONJUNCTION}[ \t]+)?|[ \t]+{_CONJUNCTION}[ \t]+", regex.IGNORECASE)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Split each comma list into items; keep its name-shaped items when first names dominate it."""
        results: list[RecognizerResult] = []
        for match in self._LIST.finditer(text):
            items = self._items(text, match.start("list"), match.end("list"))
            if len(items) < 3:
                continue
            known = sum(1 for _, _, kind in items if kind == "known")
            if known < 2 or 2 * known < len(items):
                continue
            for start, end, kind in items:
                if kind in ("known", "shaped"):
                    results.append(self._result((start, end), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)

    def _items(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        items: list[tuple[int, int, str]] = []
        pos = start
        for sep in [*self._SPLIT.finditer(text, start, end), None]:
            item_end = sep.start() if sep is not None else end
            words = text[pos:item_end].split(" ")
            # "Hello Maria, Jose and Carlos", "somos Lucía, Mateo y Valentina": a word before the name.
            if len(words) == 2 and self._kind(words[1], 0) != "other" and self._kind(words[0], 0) == "other":
                pos += len(words[0]) + 1
                words = words[1:]
            kinds = [self._kind(word, index) for index, word in enumerate(words)]
            kind = "other" if "other" in kinds else kinds[0]
            # "Hola, somos Lucía, ...": words before the first name are not items of the list.
            if items or kind != "other":
                items.append((pos, item_end, kind))
            pos = sep.end() if sep is not None else end
        return items

    def _kind(self, word: str, index: int) -> str:
        """ "known": a first name (a surname after it); "shaped": looks like a name; "other": a word."""
        bare = _POSSESSIVE.sub("", word)
        lower = bare.lower()
        if len(lower) < 2 or lower in self._common or lower in _NEVER_NAMES:
            return "other"
        first = is_first_name(lower)
        if (first if index == 0 else (is_last_name(lower) or first)) and (
            lower not in _AMBIGUOUS or bare[:1].isupper()
        ):
            return "known"
        if _is_place_name(lower) or foreign_everyday(lower):
            return "other"
        # "soy Mateo, farmacéutico": an unknown lower-case word that another language uses is that word.
        if bare.islower() and any_language_word(lower):
            return "other"
        zipf = english_zipf(lower)
        if zipf < (_EVERYDAY_NAME_ZIPF if bare[:1].isupper() else self.RARE_ZIPF):
            return "shaped"
        return "other"


# A capitalized word rarer than this in English may be a name in a list of names.
_EVERYDAY_NAME_ZIPF = 3.5


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
                known = is_first_name(lower) or is_last_name(lower)
                capitalized = token.group()[:1].isupper()
                everyday = lower in self._common or lower in _NEVER_NAMES
                # "Agent April joined": a capitalized known name wins over the month or the word; "a white van
                # exited": a lower-case everyday word or particle does not.
                if (everyday and not (capitalized and known)) or not (known or capitalized):
                    break
                if not capitalized and (lower in PARTICLES or english_zipf(lower) >= _EVERYDAY_NAME_ZIPF):
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
            if is_first_name(first) and first not in self._common | _AMBIGUOUS | _NEVER_NAMES:
                results.append(self._result(match.span("value"), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


# Words spaCy pulls into the front of a name or place: "I'm Andre", "Hi Sarah", "Mr Okonkwo", "Dear Ms Lee".
LEADING_NOT_NAME = frozenset(
    words(
        """
        i i'm i\u2019m im it's it\u2019s its this is hi hello hey hiya dear thanks thank thx cheers ok okay
        sorry please pls yes yeah no welcome congrats congratulations bye goodbye attn attention cc
        mr mr. mrs mrs. ms ms. mx mx. dr dr. prof prof. sir madam miss mister
        mayor judge senator councillor councilor officer inspector detective sergeant sgt professor coach pastor
        rabbi imam reverend rev captain capt governor president minister chancellor lieutenant constable sheriff
        nurse dame
        uncle auntie aunty aunt cousin grandma grandpa granny grandad frau herr herrn mevrouw meneer monsieur madame
        señor señora senhor senhora signor signora pani pak bapak ibu
        call email text ask tell ping message remind contact
        gracias merci danke obrigado obrigada grazie dziękuję dziekuje bedankt dank tack takk kiitos mulțumesc
        multumesc teşekkürler teşekkür tesekkurler hola bonjour salut hallo ciao olá ola merhaba namaste salaam
        soy sou je suis jestem sono m'appelle m\u2019appelle llamo chamo heiße heisse
        """
    )
)

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
          |(?P<company>(?:from|de|von|di|da)[ ]+(?:the[ ]+)?(?-i:\p{Lu}))           # "Kenji from Burrito Bros"
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
            start, end = match.span("value")
            # "I'm Andre from the fraud team", "Dr Mensah from the clinic": the name is after the lead word.
            if len(tokens) == 2 and tokens[0].lower() in LEADING_NOT_NAME:
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
            first = _POSSESSIVE.sub("", tokens[0])
            lower = first.lower()
            known = is_first_name(lower)
            everyday = lower in self._common or lower in _AMBIGUOUS or lower in _NEVER_NAMES or lower in _NOT_SPEAKERS
            capitalized = first[:1].isupper() and not first.isupper()
            if match.group("weak"):
                ok = known and not everyday
            elif match.group("company"):
                # "Hi! Ji-woo from Tallybook": after a greeting or at the start of a turn, a name that is known
                # or that English does not use; "Hi! Support from Acme" or "Orders from Acme" are not.
                opens = _OPENS_CLAUSE.search(text, 0, match.start("value"))
                ok = (
                    opens is not None
                    and capitalized
                    and not everyday
                    and (known or (english_zipf(lower) < 2.5 and not foreign_everyday(lower)))
                )
            else:
                ok = (known or capitalized) and not everyday
            if not ok:
                continue
            if len(tokens) == 2:
                second = tokens[1].lower()
                # The second word is a surname only when it looks like one: "James Carter from", not "James pls".
                if (
                    second in self._common
                    or second in _NEVER_NAMES
                    or not (is_last_name(second) or tokens[1][:1].isupper())
                ):
                    continue
            results.append(self._result((start, end), self.SCORE))
        return EntityRecognizer.remove_duplicates(results)


# Words that end a street, a building or a place rather than a person's name: "Grace Street", "Austin Airport".
_PLACE_ENDINGS = frozenset(
    words(
        """
        street st road rd avenue ave lane ln drive dr boulevard blvd way court ct place pl square sq terrace
        crescent close gardens park parkway highway hwy bridge station airport port harbour harbor bay beach
        island islands lake river mount mountain hill hills valley heights city town county village district
        province state region center centre mall plaza tower towers building hall house hospital school
        college university institute academy museum library church cathedral temple stadium arena theatre
        theater cinema hotel motel inn club orchestra band choir foundation association society council
        committee museum gallery restaurant cafe bar pub grill diner
        """
    )
)

# Family-name endings of many languages: evidence that an unknown capitalized word is a surname.
_SURNAME_ENDING = regex.compile(
    r"""(?xi)(?:sson|sen|son|dottir|dóttir|ski|ska|sky|cki|cka|wicz|vich|vic|vić|ić|ović|ov|ova|ová|ev|eva
    |enko|chuk|yuk|escu|eanu|poulos|opoulou|idis|akis|oglu|oğlu|yan|ian|ini|elli|etti|inen|nen|aki|mann
    |berg|stein|feld|ez|es|ás|os|ák|ek|ik|ná|ný|ová|ou|ow|uk|sch)$"""
)

# A capitalized name word ("Wisława", "O'Brien", "McKay", "Anne-Marie") or a middle initial ("R", "J.").
_CAP = r"(?:\p{Lu}['\u2019])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?"
_INITIAL = r"\p{Lu}\.?"
_CAP_OR_INITIAL = regex.compile(rf"{_CAP}|{_INITIAL}")
# Lower-case particles inside a Title Case name: "Ana Luiza da Luz", "Evi van het Heerenveen".
_PARTICLE = r"(?:de|del|della|der|den|di|da|das|dos|du|van|von|ten|ter|het|zu|bin|ibn|al|el)"
_TITLE_NAME = regex.compile(
    rf"(?<![\w'\u2019@./\-])(?P<first>{_CAP})(?P<middle>(?:[ ](?:{_INITIAL}|{_CAP}|{_PARTICLE})){{0,3}})"
    rf"[ ](?P<last>{_CAP})(?![\w@]|['\u2019]\w\w|\.\w)"
)
# A capitalized word standing alone, not inside a Title Case run (which _TITLE_NAME reads).
_SINGLE_TITLE_WORD = regex.compile(
    rf"(?<![\w'\u2019@./\-]|\p{{Lu}}\p{{Ll}}*[ ])(?:{_CAP})(?![\w@]|['\u2019]\w\w|\.\w|[ ](?!I\b)\p{{Lu}})"
)
_NEXT_WORD = regex.compile(r"[ \t]+(\w+)")
_NUMBER_BEFORE = regex.compile(r"\d[ \t]*$")
_DETERMINER_BEFORE = regex.compile(
    r"(?:^|\W)(?:the|my|your|our|their|his|her|a|an|this|that|new|old)\s+$", regex.IGNORECASE
)


@cache
def _countries() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "countries.txt").read_text(encoding="utf-8")
    return frozenset(
        romanize(word) for line in text.splitlines() if line and not line.startswith("#") for word in line.split()
    )


def _is_place_name(word: str) -> bool:
    """A word of a country's name ("Jordan", "Chad", "Georgia"): not taken as a person without a cue."""
    return romanize(word) in _countries()


# First names that are everyday words first when they stand alone: "Crystal clear", "Angel investor".
_WORDY_NAMES = frozenset(
    words(
        """
        crystal diamond angel grace virginia sydney max ray christian jesus lee dean drew kelly morgan jackson
        clinton taylor sterling chance destiny trinity harmony melody summer autumn winter spring brooklyn
        """
    )
)
# Two lower-case words, or three with a one-letter middle initial: "eva kleist", "benjamin a seiler".
_LOWER_RUN = regex.compile(
    r"(?<![\w'\u2019@./\-])(?P<first>\p{Ll}{2,})[ ](?:(?P<middle>\p{Ll}\.?)[ ])?(?P<last>\p{Ll}{3,})(?![\w@]|\.\w)"
)
# A capitalized word that opens a clause, then a verb phrase only a person does.
# Where a lower-case run can start: a whole lower-case word before a space (the run's first word).
_LOWER_RUN_START = regex.compile(r"(?<![\w'\u2019@./\-])\p{Ll}{2,}(?=[ ])")
_SUBJECT_OF_PERSON_VERB = regex.compile(
    r"""(?x)
    (?:^|(?<=[\n.!?;:,"(]\s*))(?P<name>(?-i:\p{Lu}\p{Ll}{2,}|\p{Ll}{3,}))
    (?:
      [ ](?:lives|lived|is[ ]from|was[ ]born|had[ ]given|has[ ]given|gave|said|says|shouted|told|asked
        |wrote|called|emailed|texted|replied|is[ ]a[ ]very|is[ ]my|was[ ]my|works[ ]at|worked[ ]at
        |owns|reviews|approves|signs[ ]off|leads|handles|drafts|presents|confirmed|agreed|promised|reckons
        |thinks|suggested|mentioned|volunteered|offered|will[ ](?:own|review|handle|lead|send|check|draft|call)
        |married|divorced|died|passed[ ]away|graduated|studied|moved[ ](?:to|in|out|back)
        |to[ ](?:send|follow[ ]up|review|check|confirm|draft|book|call|email|update|share|prepare|schedule|chase
          |circulate|investigate|contact|liaise|own))\b                     # an action item: "Sibal to follow up"
      |,[ ](?:can|could|would|will)[ ](?:i|you|we)\b
    )
    """,
    regex.IGNORECASE | regex.MULTILINE,
)


# "R. Castellanos", "V. Choudhury", "A. Costa": one initial, then a capitalized surname (not "U.S. Army").
_INITIAL_SURNAME = regex.compile(
    r"(?<![\w.'\u2019])\p{Lu}\.[ \t]?(?P<surname>\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}{2,})?)(?![\w@]|\.\w)"
)
# A name spelled letter by letter: "O-S-E-I", "s.m.i.t.h", "K O W A L S K A" (capitals only with spaces; dotted,
# four letters at least: "S.A.S." is a legal form).
_SPELLED = regex.compile(
    r"(?<![\w\-.])(?:\p{L}(?:-\p{L}){2,}|\p{L}(?:\.\p{L}){3,}\.?|\p{Lu}(?:[ ]\p{Lu}){3,})(?![\w\-])"
)
_SPELLING_SEPARATORS = regex.compile(r"[\-. ]")
_VOWEL = regex.compile("[AEIOUY]")
# A name in capitals in mixed-case text: "1) NGUYEN THI LAN 2) NGUYEN VAN MINH", "Passenger: JOHN SMITH".
_CAPS_RUN = regex.compile(r"(?<![\w'\u2019\-])\p{Lu}{2,}(?:[ ]\p{Lu}{2,}){1,3}(?![\w'\u2019\-])")
# A name before a birth or death mark: "Thandi (b. 1959)", "Peter (1961)", "Harold Hartley (d. 2004)".
_BEFORE_BIRTH_MARK = regex.compile(
    r"(?<![\w'\u2019])(?P<name>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})[ \t]*\((?:(?:b|d)\.|born|died|n[ée]e"
    r"|(?P<year>(?:19|20)\d\d)\))"
)
# First names that, without a cue, are more often an assistant or a brand: "Alexa won't connect".
_BRANDS = frozenset(
    words(
        """
        alexa siri cortana bixby mercedes tesla dell ford chevy jaguar visa mastercard amex discover paypal venmo
        zelle klarna afterpay apple google amazon netflix hulu roku kindle echo nest ring
        """
    )
)


# A speaker's label at the start of a line of a pasted chat log or script: "mika: ...", "> Tracy: ...".
# An exported chat's time stamp may lead: "[08/03/2026, 09:20] Olu: ...", "08/03/2026, 09:20 - Olu: ...",
# "[09:20] Olu: ...", "10:06 PM Olu: ..."; a summary may bold the label: "- **Olu**: ...".
_SPEAKER_LABEL = regex.compile(
    r"(?m)^[ \t>*\-]*"
    r"(?P<stamp>\[[^\]\n]{4,32}\][ \t]*"
    r"|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[APap]\.?[Mm]\.?)?"
    r"[ \t]*[-\u2013:][ \t]*"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[APap]\.?[Mm]\.?)?[ \t]+(?:-[ \t]+)?)?"
    r"(?P<name>[^\W\d_][\w'\u2019\-]+(?:[ ][^\W\d_][\w'\u2019\-]+)?)"
    r"(?:\*\*)?[ \t]*:(?:\*\*)?(?=[ \t]*[\"'\u201c\w\p{So}])(?![ \t]*\d)"
)


class PersonShapeRecognizer(ContextNameRecognizer):
    """Full names the small NER model misses or files as an organisation: "Júlia Gyarmathy", "Miki C Kristiansen".

    A Title Case run of two to four words is a name when its first word is a known first name (any language,
    accents optional) and its last word is neither an everyday word nor a place or company word. spaCy's ORG
    guesses of two to four capitalized words with a known name or a family-name ending ("Valbergsdóttir")
    and no organisation word are names too: en_core_web_sm calls most unfamiliar full names ORG.
    """

    NAME: ClassVar[str] = "ChatPersonShapeRecognizer"
    SCORE: ClassVar[float] = 0.65
    SINGLE_SCORE: ClassVar[float] = 0.55
    # A lower-case word after a lower-case known first name is a surname when English hardly uses it.
    LOWER_SURNAME_ZIPF: ClassVar[float] = 2.0
    # Below this Zipf frequency a word is rare in English: a foreign name, a coined brand, a typo.
    RARE_ZIPF: ClassVar[float] = 2.6
    # A known first name standing alone is a name unless it is this common in English ("Will" is 6.5; the
    # commonest first names, "David" and "James", are 5.1); names that are words first are in _WORDY_NAMES.
    SINGLE_MAX_ZIPF: ClassVar[float] = 5.2
    # A lower-case known first name before a person's verb ("selma is from") unless English uses it this much.
    LOWER_SUBJECT_ZIPF: ClassVar[float] = 4.5

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Title Case runs, lower-case runs with a middle initial, and person-shaped ORG spans."""
        results: list[RecognizerResult] = []
        upper = text != text.lower()
        for match in _TITLE_NAME.finditer(text, overlapped=True) if upper else ():
            if self._title_run_is_name(match):
                results.append(self._result(match.span(), self.SCORE))
        for match in _SINGLE_TITLE_WORD.finditer(text) if upper else ():
            if self._single_name(text, match):
                results.append(self._result(match.span(), self.SINGLE_SCORE))
        for word in _LOWER_RUN_START.finditer(text):
            # Every run starts with a lower-case known first name: look for the run only where one stands.
            if not self._first_ok(word.group()):
                continue
            match = _LOWER_RUN.match(text, word.start())
            if match is None:
                continue
            first, middle, last = match.group("first"), match.group("middle"), match.group("last")
            if middle:  # "benjamin a seiler", "leidy t muris"
                if self._last_ok(last) and (is_last_name(last) or is_first_name(last)):
                    results.append(self._result(match.span(), self.SCORE))
                continue
            # "monika žilková", "eva kleist": a known first name, then a word English does not use.
            surname = len(last) >= 4 and english_zipf(last) < self.LOWER_SURNAME_ZIPF and not foreign_everyday(last)
            if surname and not foreign_everyday(first) and not self._everyday(last):
                results.append(self._result(match.span(), self.SINGLE_SCORE))
        for match in _SUBJECT_OF_PERSON_VERB.finditer(text):
            # "Timotea lives on ...", "Warrane, can I please speak to your boss?": a person's verb after it;
            # typed in lower case ("selma is from ...", "cormac had given ..."), a known first name only.
            word = match.group("name")
            if word.islower():
                ok = self._first_ok(word) and english_zipf(word) < self.LOWER_SUBJECT_ZIPF
            else:
                ok = self._first_ok(word) or self._rare(word)
            if ok and not _is_place_name(word) and not foreign_everyday(word.lower()):
                results.append(self._result(match.span("name"), self.SINGLE_SCORE))
        for match in _INITIAL_SURNAME.finditer(text) if upper else ():
            # "R. Castellanos", "V. Choudhury": an initial and a surname a list knows or English does not use.
            surname = match.group("surname")
            last = surname.split("-")[-1]
            if (is_last_name(last) or self._rare(last)) and not self._everyday(last) and not _is_place_name(last):
                results.append(self._result(match.span(), self.SCORE))
        for match in _SPELLED.finditer(text) if ("-" in text or "." in text or upper) else ():
            # A spelled word is a name when it spells one, or a word this text also writes out ("uh O-S-E-I Osei").
            word = _SPELLING_SEPARATORS.sub("", match.group())
            lower = word.lower()
            again = regex.match(rf"[ \t,:\-]*({regex.escape(word)})\b", text[match.end() :], regex.IGNORECASE)
            known = is_first_name(lower) or is_last_name(lower)
            # Spelled with dashes or spaced capitals, a word English does not use is spelled for a reason too.
            vowels = sum(c in "aeiou" for c in lower) / len(lower)
            in_order = all(ord(b) - ord(a) == 1 for a, b in itertools.pairwise(lower))  # "A-B-C-D"
            unusual = (
                "." not in match.group()
                and len(word) >= 4
                and english_zipf(lower) < 3.0
                and 0.25 <= vowels <= 0.7  # pronounceable: "K O W A L S K A", not "T-P-L-I-N-K"
                and not in_order
            )
            if (known or again is not None or unusual) and (lower not in self._common or is_last_name(lower)):
                end = match.end() + again.end(1) if again is not None else match.end()
                results.append(self._result((match.start(), end), self.SCORE))
        for match in _CAPS_RUN.finditer(text) if upper and not text.isupper() else ():
            # Every word a known name or a particle, two names at least, and not every word an everyday one.
            caps = match.group().split()
            names_ = [w for w in caps if w.lower() not in PARTICLES and w.lower() not in ("thi",)]
            if (
                len(names_) >= 2
                and all(is_first_name(w) or is_last_name(w) for w in names_)
                and not all(self._everyday(w) or w.lower() in _AMBIGUOUS for w in names_)
                and not any(w.lower() in _NEVER_NAMES or _is_place_name(w) for w in caps)
            ):
                results.append(self._result(match.span(), self.SCORE))
        for match in _BEFORE_BIRTH_MARK.finditer(text) if upper else ():
            # "Thandi (b. 1959)", "Harold Hartley (d. 2004)", "Lindiwe (1965)": a family tree's people.
            name = match.group("name")
            words_ = name.split()
            year_only = match.group("year") is not None
            if any(self._everyday(w) or _is_place_name(w) for w in words_):
                continue
            if year_only and not self._first_ok(words_[0]):
                continue
            results.append(self._result(match.span("name"), self.SINGLE_SCORE))
        for match in _SPEAKER_LABEL.finditer(text):
            # A pasted chat log or script: "mika: who are you?", "Tracy:\"I'm Roberto's daughter\"".
            if self._speaker_is_name(match.group("name"), stamped=bool(match.group("stamp"))):
                results.append(self._result(match.span("name"), self.SINGLE_SCORE))
        doc = getattr(nlp_artifacts, "tokens", None) if nlp_artifacts is not None else None
        for ent in getattr(doc, "ents", ()) or ():
            if ent.label_ == "ORG" and self._org_is_person(ent.text):
                results.append(self._result((ent.start_char, ent.end_char), self.SCORE))
        return EntityRecognizer.remove_duplicates([r for r in results if not _business_name(text, r.start, r.end)])

    def _speaker_is_name(self, label: str, stamped: bool = False) -> bool:
        words_ = label.split(" ")
        if any(self._everyday(w) or w.lower() in _NOT_SPEAKERS or _is_place_name(w) for w in words_):
            return False
        # A time-stamped line of an exported chat names its sender: any capitalized word English does not use.
        if stamped and all(w[:1].isupper() for w in words_) and not foreign_everyday(words_[0].lower()):
            return self._first_ok(words_[0]) or self._rare(words_[0])
        # Form labels ("IBAN:", "Anschrift:") stand there too: only a known first name is a speaker.
        return self._first_ok(words_[0]) and not foreign_everyday(words_[0].lower())

    def _everyday(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._common or lower in _NEVER_NAMES or lower in _org_or_place_words()

    def _first_ok(self, word: str) -> bool:
        lower = word.lower()
        return is_first_name(word) and not self._everyday(word) and lower not in _AMBIGUOUS and lower not in _BRANDS

    def _last_ok(self, word: str) -> bool:
        return len(word) >= 2 and not self._everyday(word) and word.lower() not in _AMBIGUOUS

    def _rare(self, word: str) -> bool:
        lower = word.lower()
        rare = english_zipf(lower) < self.RARE_ZIPF and not self._everyday(word) and lower not in _BRANDS
        return rare and not foreign_everyday(lower)  # "Transferencia" is rare in English, everyday in Spanish

    def _title_run_is_name(self, match: regex.Match[str]) -> bool:
        first, last = match.group("first"), match.group("last")
        middle = match.group("middle").split()
        if any(len(w.rstrip(".")) > 1 and w not in PARTICLES and self._everyday(w) for w in middle):
            return False
        if middle and all(w in PARTICLES for w in middle) and not (self._first_ok(first) or self._rare(first)):
            return False  # "Port de Sóller", "Banco de Chile": a particle between two words of a place or a firm
        if _is_place_name(last) or _is_place_name(first) or last.lower() in _org_or_place_words():
            return False
        # "Zoe Young": after a known first name a known surname may be an everyday word too.
        if self._first_ok(first):
            return self._last_ok(last) or (is_last_name(last) and last.lower() not in _NEVER_NAMES)
        # "Wisława Szczepańska", "Arquímedes Ballesteros", "Ravil G Yefimov": words English does not use,
        # or a rare first word before a known or family-shaped surname.
        if self._rare(first) and first.lower() not in _AMBIGUOUS:
            surname = is_last_name(last) or _SURNAME_ENDING.search(last) is not None
            return self._rare(last) or (self._last_ok(last) and surname)
        return False

    def _single_name(self, text: str, match: regex.Match[str]) -> bool:
        word = match.group()
        if (
            word.lower() in _WORDY_NAMES
            or word.lower() in LEADING_NOT_NAME  # "Olá, meu nome é ...": a greeting that is also a name ("Ola")
            or not self._first_ok(word)
            or len(word) < 3
            or english_zipf(word.lower()) >= self.SINGLE_MAX_ZIPF
        ):
            return False
        if _is_place_name(word) or _DETERMINER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return False
        if _NUMBER_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            return False  # "14 Jun", "page 3 Mark": a date or a count, not a name
        following = _NEXT_WORD.match(text, match.end())
        return following is None or following.group(1).lower() not in _org_or_place_words()

    def _org_is_person(self, span: str) -> bool:
        tokens = span.split()
        if not 2 <= len(tokens) <= 4 or not all(_CAP_OR_INITIAL.fullmatch(t) for t in tokens):
            return False
        if regex.fullmatch(_INITIAL, tokens[0]) or regex.fullmatch(_INITIAL, tokens[-1]):
            return False
        words_only = [t for t in tokens if len(t.rstrip(".")) > 1]
        if any(self._everyday(t) for t in words_only):
            return False
        return any(is_first_name(t) or is_last_name(t) for t in words_only) or any(
            _SURNAME_ENDING.search(t) for t in words_only[1:]
        )


def _business_name(text: str, start: int, end: int) -> bool:
    from .ner_filter import is_business_name

    return is_business_name(text, start, end)


# Above this Zipf frequency in Spanish, German, Polish... a word is that language's everyday word ("una",
# "cuenta", "jaki"); names that are also words there ("Rosa", 4.7) need more evidence than their shape.
_FOREIGN_EVERYDAY_ZIPF = 4.6


_ANY_LANGUAGE_ZIPF = 3.0
_FUNCTION_WORD_ZIPF = 6.0


@lru_cache(maxsize=65536)
def _foreign_zipf(word: str) -> float:
    """The word's highest Zipf frequency among the other chat languages (Spanish, German, Polish...)."""
    from .ner_filter import _OTHER_LANGUAGES

    lower = word.lower()
    return max(fast_zipf(lower, lang, "small") for lang in _OTHER_LANGUAGES)


def function_word(word: str) -> bool:
    """One of the commonest words of Spanish, German, Polish... (Zipf >= 6): "su", "lo", "mi", "und"."""
    return _foreign_zipf(word) >= _FUNCTION_WORD_ZIPF


def any_language_word(word: str) -> bool:
    """A word Spanish, German, Polish... use at all (Zipf >= 3.0): "farmacéutico", "zlecenie"."""
    return _foreign_zipf(word) >= _ANY_LANGUAGE_ZIPF


def foreign_everyday(word: str) -> bool:
    """An everyday word of Spanish, German, Polish... (Zipf >= 4.6): "una", "cuenta", "gracias"."""
    return _foreign_zipf(word) >= _FOREIGN_EVERYDAY_ZIPF


@cache
def _org_or_place_words() -> frozenset[str]:
    """Place endings and organisation words (built on first use: ner_filter imports this module)."""
    from .ner_filter import BUSINESS_WORDS

    return _PLACE_ENDINGS | BUSINESS_WORDS
