"""ACCOUNT_ID and ORDER_ID: account, customer, order, ticket and tracking numbers, plus user patterns."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import (
    DEFAULT_FLAGS,
    ChatPatternRecognizer,
    digits_of,
    typo_tolerant,
    verbose_pattern,
)
from .names import common_words as _common_words

# An identifier token: letters, digits and inner dashes, at least one digit somewhere.
_ID_VALUE = r"(?=[a-z0-9-]*\d)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,29}"
# After a cue word an identifier may also hold underscores and slashes and run to a UUID's length:
# "pi_3MtwBwLkdIwHu7ix28a3tqPa", "2026/00412", "9b2c4f3e-7a1d-4c2e-9f8a-1b2c3d4e5f60" (a date is rejected).
_CUE_ID_VALUE = r"""(?=[a-z0-9_/-]*\d)[a-z0-9]
    (?:[a-z0-9]|[-_](?=[a-z0-9])|(?<=(?<![a-z0-9])(?:[a-z]+\d*|(?:19|20)\d\d))/(?=[a-z0-9])
      |(?<=(?<![a-z0-9/])\d{1,4})/(?=\d{5,10}/\d)|(?<=(?<![a-z0-9])\d{1,4}/\d{5,10})/(?=\d)){2,39}"""
# ("ZK/2026/118450", "R87/95456", "2026/00412": a slash after letters, letters and digits, or a year; a policy's
# "282/194702/10"; "orders 1234/1235" is a list)
_DATE_LIKE = regex.compile(r"\d{1,4}/\d{1,2}(?:/\d{1,4})?")

# After a cue in another language: "Nr.", "número", "ist", "lautet", "của chị là", then the value.
_FOREIGN_ID_TAIL = r"""
    (?:\s+(?:nr\.?|no\.?|n[º°]\.?|n\.|numer|n[úu]mero|num[ée]ro|nummer|es|est|le|ist|lautet|é|è|jest|to|là
        |is|was|är|er|của\s+\p{L}+|c[uủ]a\s+\p{L}+|van\s+u|ihre[rs]?|uw|votre|su|tu|il|la|el|saya|adalah|ay|ko))*\s*[:\#]?\s*
    (?P<value>(?=[a-z0-9/-]*\d)[a-z0-9](?:[a-z0-9]|[-/](?=[a-z0-9])){3,29})(?![\w-])  # "ZK/2026/118450"
"""

# Who got the identifier, between the cue and "is"/":" ("the ticket i opened yesterday was 48213", "the order
# number they gave me is ..."); only taken before a separator.
_ID_QUALIFIER = r"""
    (?:
    # What it is for: "the claim number for the disputed charges is ...", "case number for your refund: ...".
    \s+for\s+(?:the\s+|my\s+|your\s+|our\s+|this\s+|that\s+|his\s+|her\s+|their\s+)?[a-z]+(?:\s+[a-z]+){0,2}
    |
    # Where it is written: "the account number on the bill is ...", "order number from the email: ...".
    \s+(?:on|from|in|with)\s+(?:the\s+|my\s+|your\s+|our\s+|his\s+|her\s+|their\s+)?
      (?:file|bill|card|statement|letter|invoice|account|app|portal|e-?mail|receipt|system|record|form|confirmation
        |back|front|screen|display|label|sticker|website|site|dashboard|contract|policy|paperwork|documents?
        |you(?:\s+guys)?|us)
    |
    (?:\s+(?:that|which))?
    \s+(?:i|you|they|we|u|it|she|he)(?:'ve|'re|'m|'d|\s+(?:have|had|just|was|were))?
    \s+(?:just\s+)?(?:opened|placed|made|got|received|was\s+given|were\s+given|created|submitted|filed|have|had
      |used|booked|put\s+in|gave|sent|raised|logged|emailed|texted|issued|assigned|quoted)
    (?:\s+(?:me|us|you|yesterday|today|earlier|online|last\s+(?:week|month|night|time)|with\s+you))?
    )
    (?=\s+(?:is|was|will\s+be|reads|says|shows|=)\b|\s*[:=])
"""

# "number", "no.", "#", "id" ... between the cue and the value, then an optional "is"/":".
_ID_WORD = rf"""
    (?:\.(?=\s*[:\#])                                                     # "Kundennr.: 4471-2290"
      |(?<=(?:nr|no|num|acct|ref))\.(?=\s)                                    # "Mitgliedsnr. 771209"
      # "number", "nº", "acc. no.", "Konto-Nr.", "Customer-ID"
      |(?:\.?\s*|-)(?:(?:{typo_tolerant("number")}|num|nbr|no|nr|id|code|ref(?:erence)?)\b\.?|\#|n[º°]\.?))?
    (?:{_ID_QUALIFIER})?
    # Linking words of other languages: Tagalog "ko ay", Indonesian "saya adalah", Hindi in Latin letters "hai".
    # A linking word is a whole word: "account ER4471209" keeps its "ER".
    (?:\s+(?:ko|namin|niya|nya|saya|anda|ku)(?!\w))?
    # Fillers of speech and chat: "member number is, um, 88120934".
    (?:\s*,?\s+(?:um+|uh+|erm+|ah+|hm+|like|basically|i\s+think|let\s+me\s+see|lemme\s+see)(?!\w)\s*,?)?
    (?:\s+(?:(?:is|was|will\s+be|would\s+be|should\s+be|es(?:\s+(?:la|el))?|est(?:\s+le)?|ist|lautet|è|é|jest|as|là|är
        |er|ay|hai|adalah|yaitu|ialah|este|je)(?!\w)(?:\s*:)?|=
        # What a card or a screen shows, when that holds a letter: "reads HX-88120-44" (not "shows 1200 dollars").
        |(?:reads|says|shows)(?=\s+[\#(]?[a-z0-9-]*[a-z]))
      |\s*,\s*(?:it'?s|it\s+is|which\s+is)(?!\w)                           # "my order, it's 4471209"
      |\s*[:=,]|\s+[-\u2013\u2014](?=\s)|\s*(?:\.{{2,}}|\u2026))?             # "...:", "ID - X", "no..."
    (?:\s*,?\s+(?:um+|uh+|erm+|ah+|hm+|like|basically|i\s+think)(?!\w)\s*,?)?
    (?:\s+(?:still|now|currently|actually))?                               # "member ID still XKP918203344"
    \s*[(\"\u201c']?\s*(?:\#\s*)?                                        # "order #A1B2", "order (#A1B2)", quoted
"""

# An identifier typed in groups: "300 448 1925", "912 4471-B08", "TREE 8405 5914" (a short capitalised
# prefix); every group after the first holds a digit, and the whole needs six digits (see `reject_match`).
_SPACED_ID_VALUE = r"""
    (?:(?-i:[A-Z]{2,5})|(?=[a-z-]*\d)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,19})
    (?:\s(?=[a-z-]*\d)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,19}){1,4}
    (?:\s\d{1,2}(?![\w-]))?                                 # a short check group: "2123 45670 1"
"""
_SPACED_MIN_DIGITS = 6

# Account cues that are not English words: medical record and health card numbers, bank account numbers
# (CLABE, CBU), and "account", "customer number", "policy" in Spanish, French, German, Portuguese, Italian
# and Polish. Literal words only, so the alternation stays cheap.
_OTHER_ACCOUNT_CUE = r"""
    (?:mrn|medical\s+record(?:\s+number)?|clabe(?:\s+interbancaria)?|cbu|cvu
      # Words that also precede amounts ("loan 250000", "insurance 1200 a year"): only before "number"/"id".
      |(?:health\s+(?:card|plan|insurance)|insurance|medicare|medicaid|nhi|loan|mortgage|utility|lease|tenancy
         |rental|finance|credit\s+line|line\s+of\s+credit)
        # ... or before a code with a capital prefix: "your loan ML-5520193-01 has a payoff", "tenancy ref TNC-2291".
        (?=\s*(?:number|num\b|no\b|\#|id\b|account|ref\b|reference)|\s+(?-i:[A-Z]{1,5})-?\d)
      # Who a platform knows a business or a worker as: "org ID", "merchant id", "courier ID", "seller number".
      |(?:org(?:ani[sz]ation)?|workspace|tenant|merchant|seller|vendor|supplier|affiliate|courier|dasher
         |advertiser|publisher|developer|franchise|practitioner|prescriber)
        (?=\s*(?:id\b|number\b|no\b\.?|nr\b|\#))
      # ... and words whose "number" is as often a phone's ("the driver's number", "business number"): "id" only.
      |(?:driver|rider|shopper|host|company|business|household|family|agency|dealer|partner|provider)(?=\s*id\b)
      |cuenta|p[óo]liza|compte|conto|konto|polisy|rachunku|ap[óo]lice|polizza|conta
      # User ids, and people's numbers at a school, an employer, an admissions office ("applicant no.",
      # "student ID", "matricola"); the words that also describe people only before "number"/"id".
      |uid|user[\s_-]?id|matr[íi]cula|matricola|matrikelnummer|personalnummer
      |(?:applicant|candidate|student|employee|staff|enrol(?:l)?ee|beneficiary|profile|pupil|learner|plan|group
         |badge|tenant|resident|voter|vin|id)
        (?=\s*(?:number|num\b|no\b|nr\b|\#|id\b))
      # A bare "id" after a possessive or "new": "new id is WPB 4410 7723 01", "your ID: 55120".
      |(?<=\b(?:my|your|his|her|their|our|the|new|old)\s)id
      # Cards that carry an account number (not payment cards), and health numbers.
      |(?:loyalty|membership|member|rewards?|library|health|insurance|club|frequent\s+flyer)\s+card
      |ohip|nhs|ramq|carte\s+vitale|tarjeta\s+sanitaria
      # Frequent-flyer and travel-programme numbers; Vietnamese account, customer and contract numbers.
      |frequent[\s-]+fl(?:y|i)er(?:\s+(?:program(?:me)?|account))?|skymiles|mileage\s*plus|aadvantage|known\s+traveler
      |(?:s(?:ố|o)\s+)?t(?:ài|ai)\s+kho(?:ả|a)n(?:\s+(?-i:\p{Lu}[\p{L}&-]+))?|m(?:ã|a)\s+kh(?:ách|ach)\s+h(?:à|a)ng|s(?:ố|o)\s+h(?:ợ|o)p\s+(?:đ|d)(?:ồ|o)ng
      |kundennummer|kunden-?nr|kontonummer|vertragsnummer|mitgliedsnummer|versicherungsnummer|versichertennummer
      # Dutch and Scandinavian compounds, and their "-nr" short forms: "klantnummer", "polisnr", "medlemsnummer".
      |(?:klant|kund|lid|lidmaatschaps|medlems|polis|contract|abonnee|abonnements|avtals|kunde|klient|pati(?:ë|e)nt
         |mitglieds|vertrags|versicherungs|versicherten|konto|kunden
         |verzekerings|verzekerden|deelnemers|relatie|leden|cli(?:ë|e)nt)(?:nummer|nr\b\.?)
      # A noun, then its "Nr."/"nº": "Kunden Nr.", "Vertrag Nr.", "Abo-Nr.", "cliente nº", "póliza nº".
      |(?:kunden?|vertrag|vertrags|mitglied|mitglieds|police|polizze|versicherungsschein|versicherungs|abo
         |abonnement|kundenkonto|cliente|socio|p(?:ó|o)liza|contrato|cuenta|conta|polizza|contratto|compte|contrat
         |adh(?:é|e)rent|assur(?:é|e))[\s-]*(?:nr\b|nummer\b|n[º°]|no\.|num\b)  # not Spanish "no"
      # Indonesian and Malay, Turkish, Romanian: "nomor pelanggan", "müşteri numaram", "numărul de client".
      |(?:nomor|no\.?)\s+(?:rekening|pelanggan|polis|kontrak|anggota|akun|nasabah|member|id\s+pelanggan|kartu\s+anggota)
      |id\s+pelanggan|kode\s+pelanggan
      |(?:m(?:ü|u)(?:ş|s)teri|hesap|poli(?:ç|c)e|s(?:ö|o)zle(?:ş|s)me|abone|(?:ü|u)yelik|sigorta)\s+(?:numara|no\b)\w*
      |num(?:ă|a)r(?:ul)?\s+(?:de\s+)?(?:client|cont|contract|poli(?:ț|ţ|t)(?:ă|a)|abonat|membru)(?:ul(?:ui)?|ului|ei)?
      |cod(?:ul)?\s+(?:de\s+)?client
      |m(?:ã|a)\s+h(?:ợ|o)p\s+(?:đ|d)(?:ồ|o)ng|s(?:ố|o)\s+th(?:ẻ|e)\s+th(?:à|a)nh\s+vi(?:ê|e)n
      |c[óo]digo\s+(?:de\s+)?(?:cliente|socio|afiliado|usuario)|codice\s+(?:cliente|utente|socio)|code\s+client
      |id\s+(?:cliente|client|usuario|utente)|identifiant\s+client
      |(?:n[úu]mero|num[ée]ro|numer|numero|nummer|n[º°o]|nr)\.?\s+(?:de\s+|da\s+|do\s+|di\s+|del\s+|d['\u2019]\s?)?
        (?:cliente|client|klienta|socio|afiliado|adh[ée]rent|assur[ée]|contrat[oa]?|contratto|umowy|abonado|usuario
          |conta|cuenta|compte|konta|conto|p[óo]liza|polizza|polisy|ap[óo]lice|police|tessera|abbonato|membre|membro
          |s[óo]cio|abonn[ée]|abonnement|asegurado|miembro|cz[łl]onkowski|adherente))
"""
_ACCOUNT_CUE = rf"""
    \b(?:{typo_tolerant("account")}|acct|a/c|acc(?=\.?\s*(?:no|nr|num|number|\#)(?![a-z])|\s*:?\s+\d{{6,}}(?![\d.,]))|{typo_tolerant("customer")}|client|{typo_tolerant("member")}
       |membership|subscriber|subscription|loyalty|rewards|policy|patient|billing|contract|{_OTHER_ACCOUNT_CUE})\b
"""

# Passports, identity cards and tax or insurance numbers outside the US (a US driver's licence is left to
# Presidio's own type): "passport number still A09917342", "NI number QQ123456C", "codice fiscale RSSMRA85T10A562S".
# Names of the document alone, or words that mean something else too ("pan", "tin", "sin") before "number"/":".
_DOCUMENT_CUE = r"""
    \b(?:aadhaa?r|codice\s+fiscale|steuer-?id|personnummer|henkil(?:ö|o)tunnus|pesel|curp|personalausweis(?:nummer)?
       |reisepass(?:nummer)?|(?:passport|national\s+(?:id(?:entity)?|insurance)(?:\s+card)?|identity\s+card|id\s+card|ni
         |pasaporte|passeport|passaporto|paszport|carte\s+d'identit(?:é|e)|cpf|bsn|dni|nie|tfn|pan|tin|nif|rut|sin
         |tax(?:\s+file)?|(?:tax|vat)\s+(?:id|identification))
       (?=\s*(?:number|num\b|no\b|nr\b|\#|id\b|card\b|[:=]|is\b|was\b|still\b|n(?:º|°))))
"""

# A key of a JSON object or a form line, with underscores or camel case: "account_number": "...",
# accountNumber=..., "member_id": ...; the value may be quoted.
_KEY_TAIL = r"[_\-\s]?(?:number|num|no|nr|id|code)"
_ACCOUNT_KEY = rf"""
    (?:account|acct|customer|client|member(?:ship)?|subscriber|policy|patient|insurance|loyalty|contract|mrn)
    (?:{_KEY_TAIL})?
"""
_ORDER_KEY = rf"""
    (?:order|ticket|case|booking|reservation|confirmation|tracking|reference|ref|invoice|claim|transaction|txn
      |shipment|registration|report)(?:{_KEY_TAIL})
"""
_KEYED_VALUE = r"""
    ["']?\s*[:=]\s*["']?
    (?P<value>(?=[a-z0-9-]*\d)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){3,39})(?![\w-])
"""

# The second and later identifiers of a list after a cue: "orders 1234567 and 1234568", "tickets #1, #2, #3".
# A lookbehind, so that every item is its own finding; plain cue words (no typo tolerance) keep it cheap.
_ORDER_LIST_WORDS = r"""(?:order|ticket|case|booking|reservation|confirmation|tracking|reference|invoice|return|rma
    |claim|request|transaction|shipment|package|parcel|purchase)"""
_ACCOUNT_LIST_WORDS = r"(?:account|acct|policy|policie|membership|member|customer|subscriber|loyalty)"
_LIST_CUE = r"""
    s?
    (?:\s+(?:numbers?|nos?\.?|\#s?|ids?|codes?))?
    (?:\s+(?:are|were|is|was)|\s*[:=,])?\s*\(?\s*\#?\s*
"""
_LIST_SEP = r"(?:\s*(?:,|&|\+|/|\band\b|\bor\b)\s*)+\#?\s*"


_POSSESSIVE_BEFORE = regex.compile(r"\b(?:my|your|his|her|our|their)\s+$", regex.IGNORECASE)
# Words of a cue that a capitalised first group of a spaced value could take for a prefix ("Member ID 4410 7723").
_CUE_TAIL_WORDS = frozenset({"id", "no", "nr", "num", "nbr", "ref", "code"})


def _looks_random(letters: str) -> bool:
    """Generated codes ("UAXZHCPL", "QZXPLM") lack the vowels words have: at most a quarter are vowels, or
    four consonants run together somewhere."""
    lower = letters.lower()
    vowels = sum(ch in "aeiouy" for ch in lower)
    return vowels * 4 <= len(lower) or regex.search(r"[^aeiouy]{4}", lower) is not None


def _is_year(value: str) -> bool:
    """A bare year after a cue ("member since 2019", "order 2026") is not an identifier."""
    return value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2099


# A pattern, its literals and probe (or None), and the slots where their result for the current text is kept.
_PlanStep = tuple[Pattern, tuple[str, ...] | None, int, regex.Pattern[str] | None, int]


class PrefilteredRecognizer(ChatPatternRecognizer):
    """A recognizer some of whose patterns run only when a word they need occurs in the text.

    `PREFILTERS` maps a pattern name to a regex that every match of that pattern contains (its cue words,
    matched with the same flags), so skipping the pattern when the probe is absent never changes a finding;
    it saves the per-position work of patterns that start anywhere ("X is my password", lists of ids).
    """

    PREFILTERS: ClassVar[dict[str, str]] = {}
    # Cheaper still: substrings of the lower-cased text, one of which every match contains (checked first).
    # Build a tuple with `folded_literals` when the words hold an "s" or an "i" (see there).
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {}

    # Each pattern with its literals and compiled probe, built once per instance (and rebuilt if a test swaps
    # the tables); a probe or a literal tuple shared by several patterns has one slot, checked once per text.
    _plan: list[_PlanStep] | None = None
    _plan_slots: int = 0
    _plan_key: tuple[int, int, int] = (0, 0, 0)

    def _prefilter_plan(self) -> list[_PlanStep]:
        key = (id(self.PREFILTERS), id(self.LITERALS), len(self._patterns))
        if self._plan is None or self._plan_key != key:
            slots: dict[object, int] = {}
            plan: list[_PlanStep] = []
            for pattern in self._patterns:
                literals = self.LITERALS.get(pattern.name)
                source = self.PREFILTERS.get(pattern.name)
                probe = _probe(source) if source is not None else None
                literal_slot = slots.setdefault(("literals", literals), len(slots))
                probe_slot = slots.setdefault(("probe", source), len(slots))
                plan.append((pattern, literals, literal_slot, probe, probe_slot))
            self._plan, self._plan_slots, self._plan_key = plan, len(slots), key
        return self._plan

    def _patterns_for(self, text: str) -> Iterator[Pattern]:
        """The patterns whose probe occurs in `text`, and those without one."""
        plan = self._prefilter_plan()
        present: list[bool | None] = [None] * self._plan_slots
        lower: str | None = None
        for pattern, literals, literal_slot, probe, probe_slot in plan:
            if literals is not None:
                hit = present[literal_slot]
                if hit is None:
                    if lower is None:
                        lower = text.lower()
                    hit = False
                    for literal in literals:  # a plain loop: a third faster than any() over a generator
                        if literal in lower:
                            hit = True
                            break
                    present[literal_slot] = hit
                if not hit:
                    continue
            if probe is not None:
                hit = present[probe_slot]
                if hit is None:
                    hit = present[probe_slot] = probe.search(text) is not None
                if not hit:
                    continue
            yield pattern


def folded_literals(*literals: str) -> tuple[str, ...]:
    """Literals for `PrefilteredRecognizer.LITERALS` that stay necessary under the patterns' case folding.

    A case-insensitive `regex` pattern matches "s" on the long s (U+017F) and "i" on the dotted capital I
    (U+0130), which `str.lower` keeps as the long s or turns into "i" plus a combining dot (U+0307): a text
    holding either always runs the pattern. No other character matches an ASCII letter without lower-casing to
    it (tests/anonymizer/detect/test_speed_prefilters.py checks every code point).
    """
    sentinels = ("\u017f",) * any("s" in w for w in literals) + ("\u0307",) * any("i" in w for w in literals)
    return tuple(literals) + sentinels


@functools.cache
def _probe(pattern: str) -> regex.Pattern[str]:
    return regex.compile("(?x)" + pattern, DEFAULT_FLAGS)  # verbose, as the patterns are


class _IdRecognizer(PrefilteredRecognizer):
    """Identifier recognizers share their rejection rules: enough digits, not a bare year or a price."""

    MIN_DIGITS: ClassVar[int] = 4

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Keep values with enough digits, or short mixed codes like "XK7P2Q"; drop bare years."""
        value = match.group("value")
        digits = len(digits_of(value))
        if "spaced" in match.re.groupindex:
            # "Student ID S2231984": the capitals "ID" are the cue's word, not a group of the value.
            return digits < _SPACED_MIN_DIGITS or value.split()[0].lower() in _CUE_TAIL_WORDS
        mixed_code = len(value) >= 5 and digits >= 1 and any(ch.isalpha() for ch in value)
        if "/" in value and _DATE_LIKE.fullmatch(value):
            return True  # "my order 12/05 hasn't arrived": a date
        return (digits < self.MIN_DIGITS and not mixed_code) or _is_year(value)


# Object ids of platforms (Stripe, SaaS consoles): a type prefix, "_", then 8-32 letters and digits, with two
# digits and both cases ("org_7Hq2LmX9"), or one digit in letters with few vowels ("cus_NffrFeUfNV2Hib"), or six
# digits ("usr_00912877"); not "team_2024q3", "user_id" or a camel-case name ("user_ProfileSettingsV2").
_PLATFORM_ID_BODY = r"""(?P<platform>)(?=[A-Za-z0-9]*\d)
    (?:(?=[A-Za-z0-9]*(?-i:[a-z]))(?=[A-Za-z0-9]*(?-i:[A-Z]))[A-Za-z0-9]{8,32}|(?=(?:[A-Za-z]*\d){6})[A-Za-z0-9]{6,32})"""
_PLATFORM_ACCOUNT_PREFIXES = r"""(?-i:org|acct|cus|cust|usr|user|team|ws|wks|tenant|mem|sub|client|acc|merch|mch
    |seller|vendor|partner|aff|sub_sched)"""
_PLATFORM_ORDER_PREFIXES = r"""(?-i:ord|order|inv|in|pi|ch|txn|tx|re|py|po|tkt|ticket|case|bk|rsv|ship|shp|rma|cs
    |sess|pay|rfnd|refund|dp|dispute|ret)"""


def _platform_rejected(value: str) -> bool:
    """A platform id needs two digits, or one among letters that look generated (see `_PLATFORM_ID_BODY`)."""
    body = value.split("_", 1)[1]
    digits = len(digits_of(body))
    letters = "".join(ch for ch in body if ch.isalpha())
    vowels = sum(ch in "aeiouyAEIOUY" for ch in letters)
    return digits < 2 and not (len(body) >= 10 and vowels * 4 <= len(letters))


# Codes whose shape alone says they are records: capitals, a dash and digits; capitals, a space and digits;
# capitals glued to digits. Orders by default, accounts when the sentence is about an account (see
# `_account_sentence`).
_LETTER_PREFIXED = r"""
    (?<![\w-])(?P<value>(?P<single>)(?-i:[A-Z]{2,4})-\d{5,12}        # "RF-9928314", "SR-482201"
      # "MGH-REG-20418", "WTR-26-0419", "WT-20260304-88817", "ML-5520193-01", "CS-2026-004417-B"
      |(?P<multi>)(?-i:[A-Z]{1,5}(?:-(?:\d{2,12}|[A-Z0-9]{2,6})){1,3}-(?:\d{2,12}|[A-Z]{1,2})))
    (?![\w-])
"""
_SPACED_PREFIXED = r"""
    (?<![\w-])(?P<value>(?P<spaced_prefix>(?-i:[A-Z]{2,4}))\s\d{6,12})   # "RX 6620194", "PHC 334190"
    (?![\w.,/-]?\d|\s\d|[\w-])
"""
_LETTER_GLUED = r"""
    (?<![\w-])(?P<value>(?P<glued>)(?-i:\d?[A-Z]{2,6})\d{7,16})(?![\w-])  # "FLT00482917", "3SGLN0041927723"
"""
_SHAPE_PREFILTERS = {
    "letter-glued reference": r"(?-i:[A-Z])\d{7}",
    "spaced letter-prefixed reference": r"(?-i:[A-Z]{2})\s\d{6}",
}
# What the sentence before a shaped code is about: the nearest cue word decides ("pet health club, the number is
# PHC-334190" is a membership; "my policy claim CLM-2026-44120" a claim).
_SENTENCE_CUE = regex.compile(
    r"""\b(?:(?P<account>accounts?|acct|members?|membership|polic(?:y|ies)|club|subscriptions?|subscriber|insurance
      |insured|loyalty|patient|contract|tenancy|lease|loan|mortgage|customer|client)
      |order|ticket|case|booking|reservation|confirmation|tracking|invoice|claim|return|rma|parcel|package|shipment
      |delivery|refund|receipt|transaction|payment|transfer|wire|appointment|job|incident|request|quote)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_ACCOUNT_SENTENCE_LITERALS = folded_literals(
    "account", "acct", "member", "polic", "club", "subscri", "insur", "loyalty", "patient", "contract", "tenancy",
    "lease", "loan", "mortgage", "customer", "client",
)  # fmt: skip


def _account_sentence(text: str, start: int) -> bool:
    """The nearest cue word before `start` in its sentence (80 characters at most) names an account."""
    window_start = max(0, start - 80)
    for end in (text.rfind(mark, window_start, start) for mark in ".!?\n"):
        if end >= 0 and (end + 1 >= start or not text[end + 1].isalnum()):
            window_start = max(window_start, end + 1)
    cues = list(_SENTENCE_CUE.finditer(text, window_start, start))
    return bool(cues) and cues[-1].start("account") >= 0


_DIGITS = tuple("0123456789")

# Literals every document cue holds (both document patterns): checked before their alternations run.
_DOCUMENT_LITERALS = folded_literals(
    "pass", "national", "ident", "id", "ni", "ausweis", "pasaporte", "paszport", "aadha", "fiscale", "steuer",
    "personnummer", "henkil", "pesel", "cpf", "curp", "bsn", "dni", "nie", "tfn", "pan", "tin", "nif", "rut", "sin",
    "tax", "vat",
)  # fmt: skip


class AccountIdRecognizer(_IdRecognizer):
    """Account, customer and member numbers after a cue word, and ACC-style prefixed ids anywhere."""

    ENTITY = "ACCOUNT_ID"
    NAME = "ChatAccountIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "prefixed account id",
            r"""
            \b(?P<value>(?:acc|acct|cust|cus|mbr|mem|cid|uid|usr|cst|sub)     # an account-like prefix
            [-_\#]?\d{4,16})\b                                                # ACC-12345678, CUST#00912
            """,
            0.8,
        ),
        verbose_pattern(
            "platform account id",
            # A platform's object id, a type prefix and an underscore: "org_7Hq2LmX9", "cus_NffrFeUfNV2Hib".
            rf"(?<![\w-])(?P<value>(?:{_PLATFORM_ACCOUNT_PREFIXES})_{_PLATFORM_ID_BODY})(?![\w-])",
            0.6,
        ),
        verbose_pattern("account cue", _ACCOUNT_CUE + _ID_WORD + rf"(?P<value>{_CUE_ID_VALUE})\b", 0.7),
        verbose_pattern(
            "national or travel document number after cue",
            _DOCUMENT_CUE + _ID_WORD + rf"(?P<document>)(?P<value>{_CUE_ID_VALUE})\b(?!\s\d{{4}})",
            0.8,
        ),
        verbose_pattern(
            "spaced national document number after cue",
            _DOCUMENT_CUE + _ID_WORD + rf"(?P<spaced>)(?P<value>{_SPACED_ID_VALUE})(?![\w-])",
            0.8,
        ),
        verbose_pattern(
            "spaced account id after cue",
            _ACCOUNT_CUE + _ID_WORD + rf"(?P<spaced>)(?P<value>{_SPACED_ID_VALUE})(?![\w-])",
            0.7,
        ),
        verbose_pattern(
            "account number after a branch code",
            r"""
            # A UK sort code, an Australian BSB, a US routing or a Canadian transit number, then the account:
            # "sort code 20-00-00 12345678", "BSB 062-000 12345678", "my bank details: 20-00-00 12345678".
            (?:\b(?:sort\s*code|bsb|routing(?:\s+(?:number|no\.?|\#))?|aba|transit)\b[\s:#]*
               (?:\d{2}-\d{2}-\d{2}|\d{3}-?\d{3}|\d{9}|\d{5}(?:[\s-]\d{3})?)
              |(?<![\w-])\d{2}-\d{2}-\d{2})                                 # a sort code's shape alone
            [\s,;/]+(?:(?:and\s+)?(?:acc(?:oun)?t?|a/c)\.?(?:\s*(?:no\.?|number|\#))?\s*[:#]?\s*)?
            (?P<value>\d{6,12})(?![\w-])
            """,
            0.7,
        ),
        # The order recognizer's shaped codes, in a sentence about an account: "pet health club, the number is
        # PHC-334190", "my policy HX 4471209".
        verbose_pattern("letter-prefixed account reference", _LETTER_PREFIXED, 0.5),
        verbose_pattern("spaced letter-prefixed account reference", _SPACED_PREFIXED, 0.45),
        verbose_pattern("letter-glued account reference", _LETTER_GLUED, 0.5),
        verbose_pattern(
            "keyed account id",
            rf"(?<![a-z]){_ACCOUNT_KEY}{_KEYED_VALUE}",  # "account_number": "12-4471-09"
            0.75,
        ),
        verbose_pattern(
            "listed account ids",
            rf"""
            (?<=\b{_ACCOUNT_LIST_WORDS}{_LIST_CUE}{_ID_VALUE}(?:{_LIST_SEP}{_ID_VALUE}){{0,4}}{_LIST_SEP})
            (?P<value>{_ID_VALUE})\b
            """,
            0.65,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "account", "customer", "member", "acct", "client", "policy", "membership", "loyalty", "subscriber", "patient",
        "contract",
    ]  # fmt: skip

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Besides the shared rules: four digits or fewer straight after a bare cue word, with no possessive
        before it, name a row or a count ("Customer 1042 logged in twice"), not a record; "customer number
        1042" and "my account 4421" still count."""
        groups = match.re.groupindex
        if "platform" in groups:
            return _platform_rejected(match.group("value"))
        if "single" in groups or "spaced_prefix" in groups or "glued" in groups:
            return not _account_sentence(text, match.start()) or _shape_rejected(match, text)
        if super().reject_match(match, text):
            return True
        value = match.group("value")
        if not value.isdigit() or len(value) > 4:
            return False
        between = text[match.start() : match.start("value")]
        if regex.fullmatch(r"[^\W\d_]+\s+", between) is None:
            return False
        # "my account 4421" is the writer's own number; "Customer 1042 logged in" is a row of a table.
        return _POSSESSIVE_BEFORE.search(text, 0, match.start()) is None

    PREFILTERS: ClassVar[dict[str, str]] = {
        # The lookbehind read forwards: the cue, the first id and a separator precede every later item.
        "listed account ids": rf"\b{_ACCOUNT_LIST_WORDS}{_LIST_CUE}{_ID_VALUE}{_LIST_SEP}",
        "spaced national document number after cue": r"(?:\d[a-z0-9-]*|(?-i:[A-Z]{2,5}))\s[a-z-]*\d",
        # The first group (with a digit, or capitals), a space and a second group with a digit.
        "spaced account id after cue": r"(?:\d[a-z0-9-]*|(?-i:[A-Z]{2,5}))\s[a-z-]*\d",
        # The prefix's last letter, then the digits after an optional separator.
        "prefixed account id": r"[a-z][-_\#]?\d",
        "platform account id": r"[a-z]_[a-z0-9]{5}",
        "letter-prefixed account reference": r"(?-i:[A-Z])-[A-Z0-9]",
        "spaced letter-prefixed account reference": _SHAPE_PREFILTERS["spaced letter-prefixed reference"],
        "letter-glued account reference": _SHAPE_PREFILTERS["letter-glued reference"],
        # A branch code's digits, a separator and the account's six digits.
        "account number after a branch code": r"\d[\s,;/]+[a-z/.\#:\s]*\d{6}",
    }
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "national or travel document number after cue": _DOCUMENT_LITERALS,
        "spaced national document number after cue": _DOCUMENT_LITERALS,
        "prefixed account id": folded_literals("acc", "cus", "mbr", "mem", "cid", "uid", "usr", "cst", "sub"),
        "keyed account id": (":", "="),
        # Every value after a cue holds a digit: a text without one skips the cue's long alternation.
        "account cue": _DIGITS,
        "letter-prefixed account reference": _ACCOUNT_SENTENCE_LITERALS,
        "spaced letter-prefixed account reference": _ACCOUNT_SENTENCE_LITERALS,
        "letter-glued account reference": _ACCOUNT_SENTENCE_LITERALS,
        "listed account ids": folded_literals(
            "account", "acct", "polic", "member", "customer", "subscriber", "loyalty"
        ),
    }


# Words of the order cues that both the listed-ids and the spaced-id patterns hold.
_ORDER_CUE_WORDS = ("order", "ticket", "case", "booking", "reservation", "confirmation", "tracking", "reference")


class OrderIdRecognizer(_IdRecognizer):
    """Order, ticket, case, booking and confirmation numbers; UPS/USPS/FedEx tracking numbers."""

    ENTITY = "ORDER_ID"
    NAME = "ChatOrderIdRecognizer"
    MIN_DIGITS = 3
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "prefixed order id",
            r"""
            \b(?P<value>(?:ord|order|tkt|ticket|inc|case|cs|rma|inv|bk|bkg|ref|conf|po|sr|req|txn|trx|rtn|res)
            [-_\#]?\d[a-z0-9]*(?:-[a-z0-9]+){0,3})\b       # ORD-2026-004512, TKT#48213, INC0012345
            """,
            0.75,
        ),
        verbose_pattern(
            "order cue",
            rf"""
            \b(?:{typo_tolerant("order")}|{typo_tolerant("ticket")}|case|incident|{typo_tolerant("booking")}
               |reservation|{typo_tolerant("confirmation")}|conf|{typo_tolerant("tracking")}|reference|ref|invoice
               |return|rma|claim|request|transaction|txn|receipt|shipment|package|parcel|waybill|pnr|itinerary
               |purchase|sales\s+order|work\s+order|service\s+request|consignment|awb|airway\s+bill|bag(?:gage)?\s+tag
               |track\s*(?:&|and|n|\+)\s*trace|trace\s+(?:number|code|id)|tracking\s+code|barcode
               # Words that also precede amounts and times ("the refund is 129", "quote 250"): only with "number".
               |prescription|intake|docket
               # A purchase order's capitals before five digits or more ("PO 4500012345"), not a PO box.
               |(?-i:PO)(?=\s*(?:\#|number\b|no\b\.?|:)?\s*\d{5})
               |(?:quote|estimate|job|appointment|application|dispute|refund|delivery|pro|ra|registration|report
                 |permit|enrol(?:l)?ment|complaint|warranty|repair|file|matter|referral|submission|visa
                 |petition|grievance|filing|admission|receta|ordonnance|rezept|rx|fault|wire|transfer|payment
                 |remittance|enquiry|inquiry|cancellation|exchange|collection|pickup|pick-up
                 |consignment)
                 (?=\s*(?:number|num\b|no\b|\#|id\b|ref\b|reference|code))
               |courier(?=\s*(?:number|num\b|no\b|\#|ref\b|reference|tracking))
               |(?:support|service)(?=\s*(?:id\b|ref\b|reference|\#)))\b
            """
            + _ID_WORD
            + rf"(?P<value>{_CUE_ID_VALUE})\b(?!\s\d{{4}})",  # a spaced number is read whole below
            0.7,
        ),
        verbose_pattern(
            "platform order id",
            # "pi_3MtwBwLkdIwHu7ix28a3tqPa", "in_1MtHbELkdIwHu7ixl4OzzPMv", "txn_00912877"
            rf"(?<![\w-])(?P<value>(?:{_PLATFORM_ORDER_PREFIXES})_{_PLATFORM_ID_BODY})(?![\w-])",
            0.6,
        ),
        verbose_pattern(
            "listed order ids",
            rf"""
            (?<=\b{_ORDER_LIST_WORDS}{_LIST_CUE}{_ID_VALUE}(?:{_LIST_SEP}{_ID_VALUE}){{0,4}}{_LIST_SEP})
            (?P<value>{_ID_VALUE})\b
            """,
            0.65,
        ),
        verbose_pattern(
            "order cue in another language",
            r"""
            \b(?:pedido|referencia|reserva|reclamo|reclamaci[óo]n|commande|r[ée]servation|dossier|r[ée]f[ée]rence
               |bestellung|bestellnummer|auftragsnummer|auftrag|buchungsnummer|buchung|vorgangsnummer|referenz
               |sendungsnummer|trackingnummer|paketnummer|rechnungsnummer|ticketnummer|fallnummer
               |aktenzeichen|zam[óo]wienie|zlecenie|zg[łl]oszenie|encomenda|protocolo|ordine|prenotazione|pratica
               # An invoice or order word before its "No.": "Rechnung Nr. 2026-0418", "Factura nº F2026-00417".
               |(?:rechnung|factura|facture|fattura|faktura|factuur|fatura|bestelling|bestellung|commande|pedido
                 |ordine|zam(?:ó|o)wienie|auftrag|lieferschein|bon|albar(?:á|a)n|quittung|beleg|recibo|re(?:ç|c)u)
                 (?=\s+(?:nr|no|n[º°o]|n(?:ú|u)m|num(?:ér|er)o|nummer)\b\.?|\s+n[º°])
               # Indonesian, Turkish and Romanian: "nomor pesanan", "no resi", "sipariş numaram", "numărul comenzii".
               |(?:nomor|no\.?)\s+(?:pesanan|resi|tiket|booking|klaim|tagihan|invoice|faktur|transaksi|referensi|order)
               |(?:sipari(?:ş|s)|takip|kargo\s+takip|fatura|rezervasyon|bilet|talep|(?:ş|s)ikayet|ba(?:ş|s)vuru)
                 \s+(?:numara\w*|no\b\.?)
               |num(?:ă|a)r(?:ul)?\s+(?:de\s+)?(?:comand(?:ă|a)|comenzii|rezerv(?:are|(?:ă|a)rii)|factur(?:ă|a|ii)
                 |urm(?:ă|a)rire|awb)
               |(?:comand(?:ă|a)|rezervarea|rezervare)(?=\s+(?:nr|n)\b\.?)
               |ma\s+numer|m(?:ã|a)\s+(?:đơn\s+hàng|don\s+hang|v(?:ậ|a)n\s+(?:đơn|don)|đặt\s+chỗ|dat\s+cho
                 |h(?:ồ|o)\s+s(?:ơ|o)|y[êe]u\s+c(?:ầ|a)u|b(?:ồ|o)i\s+th(?:ư|u)(?:ờ|o)ng|giao\s+d(?:ị|i)ch)
               |s(?:ố|o)\s+(?:h(?:ồ|o)\s+s(?:ơ|o)|tham\s+chi(?:ế|e)u|(?:đơn|don)|v(?:ậ|a)n\s+(?:đơn|don))
               |(?:numer|n[úu]mero|num[ée]ro|nummer)\s+(?:de\s+|del\s+|da\s+|do\s+|di\s+)?
                 (?:pedido|referencia|reserva|commande|r[ée]servation|dossier|zam[óo]wienia|zlecenia|zg[łl]oszenia
                   |referencyjny|protocolo|ordine|prenotazione|pratica|caso|seguimiento|suivi|rastreio
                   |receta|ordonnance|ricetta|expediente))\b
            """
            + _FOREIGN_ID_TAIL,
            0.7,
        ),
        verbose_pattern(
            "order cue compound in -nummer",
            r"""
            # Compounds of "-nummer" (Dutch, German, Scandinavian) other than a phone's, a house's, a room's or an
            # account's: "zaaknummer", "dossiernummer", "Schadensnummer", "ärendenummer", "referentienummer".
            \b\p{L}{3,20}(?<!telefon|telefoon|handy|mobil|mobiel|fax|ruf|haus|huis|zimmer|kamer|post|tele|hus
              |kunden|konto|klant|rekening|lid|mitglieds|polis|vertrags|versicherten|versicherungs|kund|medlems
              |personal|steuer|sozialversicherungs|burgerservice|bsn|iban|karten|kaart|pass|paspoort|ausweis
              |tracking|bestell|auftrags|buchungs|vorgangs|sendungs|paket|rechnungs|ticket|fall|matrikel
              |service|hotline|kunde|kontakt|contact|nood|not|durchwahl|vorwahl|seite|pagina|artikel|serien
              |modell|model|produkt|product|teil|onderdeel|versie|version|tafel|tisch|stoel|sitz|platz
              |gleis|spoor|flug|vlucht|linien|lijn|bus|zug|trein|kenn|kennzeichen)nummer\b
            """
            + _FOREIGN_ID_TAIL,
            0.7,
        ),
        verbose_pattern(
            "keyed order id",
            rf"(?<![a-z]){_ORDER_KEY}{_KEYED_VALUE}",  # "order_id": "A-20418", ticketNumber=48213
            0.75,
        ),
        verbose_pattern(
            "spaced order id after cue",
            r"""
            \b(?:order|ticket|case|booking|reservation|confirmation|tracking|reference|claim|bag(?:gage)?\s+tag
               |work\s+order|waybill|awb|pnr|incident|prescription)\b
            """
            + _ID_WORD
            + rf"(?P<spaced>)(?P<value>{_SPACED_ID_VALUE})(?![\w-])",  # "bag tag SK 482113"
            0.65,
        ),
        verbose_pattern(
            "letter-only reference after cue",
            rf"""
            \b(?:{typo_tolerant("order")}|{typo_tolerant("booking")}|reservation|{typo_tolerant("confirmation")}
               |reference|ref|pnr|record\s+locator|locator|ticket|case|voucher)\b
            """
            + _ID_WORD
            + r"""
            (?P<value>(?P<letters>(?-i:[A-Z]{5,10})))(?![\w-])   # booking codes and order refs: "UAXZHCPL"
            """,
            0.6,
        ),
        verbose_pattern(
            "lower-case booking code after a named cue",
            r"""
            \b(?:(?:booking|reservation|confirmation|airline)\s+(?:ref(?:erence)?|code|number|no\.?|\#|locator)
               |pnr|record\s+locator)\b(?:\s+(?:is|was)|\s*[:=])?\s*
            (?<![a-z])(?P<value>(?P<letters>(?P<lower>)(?-i:[a-z]{6,8})))(?![\w-])     # "booking ref fgvwrk"
            """,
            0.55,
        ),
        verbose_pattern(
            "Amazon order number",
            r"(?<![\w-])(?P<value>\d{3}-\d{7}-\d{7})(?![\w-])",  # 112-4839201-5523901
            0.85,
        ),
        verbose_pattern(
            "carrier tracking formats",
            r"""
            (?<![\w-])(?P<value>(?-i:TBA)\d{12}                             # Amazon Logistics
              |(?-i:[A-Z]{2})\d{9}(?-i:[A-Z]{2})                            # UPU S10: "EA123456789US"
              |(?-i:JD)\d{16,18})(?![\w-])                                 # DHL eCommerce
            """,
            0.8,
        ),
        verbose_pattern(
            "spaced digits after cue",
            rf"""
            \b(?:{typo_tolerant("order")}|{typo_tolerant("tracking")}|{typo_tolerant("confirmation")}|reference|ref
               |{typo_tolerant("ticket")}|case|invoice|shipment|parcel|package|consignment|waybill)\b
            """
            + _ID_WORD
            + r"""
            (?P<value>\d{3,}(?:\s\d{4,}){1,5})(?![\w.,/-]?\d)                # "order 112 4839201 5523901"
            """,
            0.65,
        ),
        verbose_pattern("letter-prefixed reference", _LETTER_PREFIXED, 0.5),
        verbose_pattern("spaced letter-prefixed reference", _SPACED_PREFIXED, 0.45),
        verbose_pattern("letter-glued reference", _LETTER_GLUED, 0.5),
        verbose_pattern(
            "hash-prefixed reference",
            r"""
            (?<![\w&#/])(?<!\b(?:apt|unit|suite|ste|room|rm|no|flat|floor|box|lot|bldg|building|page|step|item)\.?\s?)
            \#(?P<value>(?=[a-z0-9-]*\d[a-z0-9-]*\d[a-z0-9-]*\d)       # "#A12B34": three digits or more
              [a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){4,24})\b
            """,
            0.55,
        ),
        verbose_pattern(
            "UPS tracking",
            r"\b(?P<value>1z\s?[0-9a-z]{3}\s?[0-9a-z]{3}\s?[0-9a-z]{2}\s?[0-9a-z]{4}\s?[0-9a-z]{4})\b",
            0.85,
        ),
        verbose_pattern(
            "USPS tracking",
            r"""
            \b(?P<value>9[234]\d{2}                        # USPS IMpb: 20-22 digits starting 92/93/94
            (?:\s?\d{4}){4}(?:\s?\d{2})?)\b                # 20 or 22 digits, with or without groups of four
            """,
            0.8,
        ),
        verbose_pattern(
            "FedEx tracking with context",
            r"""
            \b(?:fedex|fed\s+ex|tracking|track|shipment)\b[^.\n\d]{0,30}?   # a cue in the same sentence
            (?P<value>\d{12}|\d{15}|\d{4}\s\d{4}\s\d{4})\b                  # 12 or 15 digits
            """,
            0.7,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "order", "ticket", "case", "booking", "confirmation", "tracking", "reservation", "receipt", "invoice", "claim",
        "waybill", "incident", "transaction", "rma",
    ]  # fmt: skip
    PREFILTERS: ClassVar[dict[str, str]] = {
        "listed order ids": rf"\b{_ORDER_LIST_WORDS}{_LIST_CUE}{_ID_VALUE}{_LIST_SEP}",
        "spaced digits after cue": r"\d\s\d",
        "spaced order id after cue": r"(?:\d[a-z0-9-]*|(?-i:[A-Z]{2,5}))\s[a-z-]*\d",
        "carrier tracking formats": r"\d{9}",
        # Five capitals in a row: the shortest booking code (the gate in gates.py lets these texts through).
        "letter-only reference after cue": "(?-i:[A-Z]{5})",
        "lower-case booking code after a named cue": r"(?:booking|reservation|confirmation|pnr|locator|airline)\s",
        # The prefix's last letter, then the digit after an optional separator.
        "prefixed order id": r"[a-z][-_\#]?\d",
        **_SHAPE_PREFILTERS,
        "platform order id": r"[a-z]_[a-z0-9]{5}",
        "order cue compound in -nummer": r"\p{L}nummer\b",
    }
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "UPS tracking": ("1z",),
        "USPS tracking": ("92", "93", "94"),
        "FedEx tracking with context": folded_literals("fed", "track", "shipment"),
        "hash-prefixed reference": ("#",),
        "letter-prefixed reference": ("-",),
        "order cue compound in -nummer": ("nummer",),
        "Amazon order number": ("-",),
        "keyed order id": (":", "="),
        "order cue": _DIGITS,  # its value holds a digit
        # The list cue's words, before its regex probe.
        "listed order ids": folded_literals(
            *_ORDER_CUE_WORDS,
            "invoice",
            "return",
            "rma",
            "claim",
            "request",
            "transaction",
            "shipment",
            "package",
            "parcel",
            "purchase",
        ),
        "spaced order id after cue": folded_literals(
            *_ORDER_CUE_WORDS,
            "prescription",
            "claim",
            "bag",
            "waybill",
            "awb",
            "pnr",
            "incident",
        ),
        # A stem of every cue word ("renc": referencia, référence; "num"/"mero": numer, numéro, número, nummer).
        "order cue in another language": folded_literals(
            "pedido",
            "renc",
            "reserva",
            "reclam",
            "commande",
            "servation",
            "dossier",
            "bestell",
            "auftrag",
            "buchung",
            "vorgang",
            "referenz",
            "sendung",
            "tracking",
            "paket",
            "rechnung",
            "ticket",
            "fallnummer",
            "aktenzeichen",
            "wienie",
            "zlecenie",
            "oszenie",
            "encomenda",
            "protocolo",
            "ordine",
            "prenotazione",
            "pratica",
            "num",
            "mero",
            "\u0111\u01a1n",
            "don",
            "\u0111\u1eb7t",
            "dat",
            "h\u1ed3",
            "ho s",
            "y\u00eau",
            "yeu",
            "b\u1ed3i",
            "boi",
            "giao",
            "s\u1ed1",
            "so ",
            "rechnung",
            "factur",
            "fattura",
            "faktura",
            "factuur",
            "fatura",
            "bestelling",
            "lieferschein",
            "bon ",
            "albar",
            "quittung",
            "beleg",
            "recibo",
            "re\u00e7u",
            "recu",
            "nomor",
            "resi",
            "numara",
            "sipari",
            "takip",
            "fatura",
            "rezerv",
            "comand",
        ),
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """A letter-only reference must be upper case in a text that is not shouted, and not a word."""
        groups = match.re.groupindex
        if _ACCOUNT_REF.match(text, match.start()):
            before = text[max(0, match.start() - 30) : match.start()]
            if _ACCOUNT_WORD_BEFORE.search(before):
                return True  # "tenancy ref TNC-2291-MW", "policy reference 4471": the account recognizer's
            if _ERROR_WORD_BEFORE.search(before):
                return True  # "error ref. E-4471": a message's code
        if "platform" in groups:
            return _platform_rejected(match.group("value"))
        shape = "single" in groups or "spaced_prefix" in groups or "glued" in groups
        if shape and (
            _account_sentence(text, match.start())
            or any(
                cue.end() == match.start()
                for cue in _account_cue_before().finditer(text, max(0, match.start() - 80), match.end())
            )
        ):
            return True  # "member ID XKH918204663", "the club number is PHC-334190": the account recognizer's
        return _shape_rejected(match, text) if shape else self._reject_cued(match, text)

    def _reject_cued(self, match: regex.Match[str], text: str) -> bool:
        groups = match.re.groupindex
        letters = match.group("letters") if "letters" in groups else None
        if letters is None:
            if _is_status_code(match, text):
                return True
            return super().reject_match(match, text)
        if "lower" in groups and match.start("lower") >= 0:
            # Six to eight lower-case letters after "booking ref": a code unless an English word ("please").
            return letters in _common_words() or letters.endswith(("ing", "ed", "ly", "tion"))
        shouted = not any(ch.islower() for ch in text) and len(text.split()) > 3  # "MY ORDER HASNT ARRIVED"
        if shouted or letters.lower() in _common_words():
            return True
        # "order number: KOBXUP", "booking ref is QAMEDU" name the code; after a bare "order" the capitals
        # could be a shouted word ("my order STATUS"), so the letters must look generated.
        lead = text[match.start() : match.start("value")].lower()
        named = regex.search(r"number|\bno\b|\#|\bref|code|\bid\b|\bis\b|:", lead) is not None
        return not named and not _looks_random(letters)


def _shape_rejected(match: regex.Match[str], text: str) -> bool:
    """A code found by its shape alone names a product, a standard, a currency amount, a tax number or a bank."""
    groups = match.re.groupindex
    if _PRODUCT_CONTEXT.search(text, max(0, match.start() - 40), match.start()) is not None:
        return True  # "error code E-20260304-01", "Serial number: SN20260041177", "batch LOT-2026-0031"
    if "single" in groups and match.start("single") >= 0:
        return match.group("value").split("-")[0] in _STANDARD_PREFIXES  # "SKU-00441290", "KB-5034441"
    if "multi" in groups and match.start("multi") >= 0:
        # A dashed code names a standard, not a record: "CVE-2024-1234", "ISO-8601-1"; and needs 5 digits.
        value = match.group("value")
        return len(digits_of(value)) < 5 or value.split("-")[0] in _STANDARD_PREFIXES
    if "spaced_prefix" in groups:
        # Capitals, a space and six digits or more: a record ("RX 6620194"), unless the capitals are a word
        # ("IS 5551234567" shouted), a currency ("EUR 1500000"), a standard's or a tax number's name.
        prefix = match.group("spaced_prefix")
        before = text[max(0, match.start() - 30) : match.start()]
        return (
            prefix.lower() in _common_words()
            or prefix in _CURRENCY_CODES
            or prefix in _STANDARD_PREFIXES
            or prefix in _CUE_ABBREVIATIONS
            or _VAT_CUE.fullmatch(prefix) is not None
            or _VAT_CUE.search(before) is not None
        )
    # Letters glued to seven digits or more: a record ("FLT00482917"), unless a standard's prefix or a
    # company's VAT number ("USt-IdNr. DE298114570", "BTW NL123456789B01" is not matched at all).
    if _BANK_CODE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return True  # "IFSC HDFC0001234": a bank branch's code
    value = match.group("value")
    prefix = value.lstrip("0123456789").rstrip("0123456789")
    if prefix in _STANDARD_PREFIXES or prefix in _CUE_ABBREVIATIONS:
        return True
    before = text[max(0, match.start() - 30) : match.start()]
    return (prefix in _EU_VAT_PREFIXES and 8 <= len(value) - 2 <= 12) or _VAT_CUE.search(before) is not None


# An account's own reference: "tenancy ref", "policy reference", "customer ref no." (the order cue "ref" after it).
_ACCOUNT_REF = regex.compile(r"ref(?:erence)?\b", regex.IGNORECASE)
_ACCOUNT_WORD_BEFORE = regex.compile(
    r"\b(?:account|acct|customer|client|member(?:ship)?|policy|tenancy|lease|rental|contract|loyalty|subscriber"
    r"|patient|loan|mortgage|insurance)\s+$",
    regex.IGNORECASE,
)

# A bank's or a branch's code names no one: "IFSC HDFC0001234", "BIC DEUTDEFF", "sort code 20-00-00".
_BANK_CODE_BEFORE = regex.compile(
    r"\b(?:ifsc|bic|swift|routing(?:\s+number)?|aba|sort\s*code|bsb|blz|transit)\b[\s:#]*$", regex.IGNORECASE
)
_ERROR_WORD_BEFORE = regex.compile(r"\b(?:error|err|fault|warning|exception|status)\s+$", regex.IGNORECASE)

# Prefixes of public identifiers (vulnerabilities, standards, proposals) written like record references.
_STANDARD_PREFIXES = frozenset(
    {"CVE", "CWE", "GHSA", "ISO", "IEC", "RFC", "PEP", "JSR", "EN", "DIN", "ANSI", "IEEE", "NIST", "SP", "FIPS",
     "KB", "MS", "USN", "RHSA", "DSA", "CAPEC", "OWASP", "SHA", "AES", "UTF", "ISBN", "ISSN", "DOI", "COVID",
     "SARS", "MERS", "GTIN", "EAN", "UPC", "ASIN", "SKU", "LOT", "SN", "PN", "MPN", "FW", "ERR"}
)  # fmt: skip


# Words before a code that make it a product's, a device's or a message's code rather than someone's record.
_PRODUCT_CONTEXT = regex.compile(
    r"""\b(?:error|err|fault\s+code|status\s+code|firmware|software|version|build|release|model|part|sku|batch|lot
    |serial|article|item\s+code|product|size|chapter|page|section|train|flight|bus|route|imei|vin)\b[^\n.!?]{0,25}$""",
    regex.IGNORECASE | regex.VERBOSE,
)
# ISO 4217 codes (and common abbreviations) written before an amount: "EUR 1500000", "RS 250000".
_CURRENCY_CODES = frozenset(
    {"USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "CNY", "RMB", "INR", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
     "HUF", "RUB", "BRL", "MXN", "ZAR", "HKD", "SGD", "KRW", "TRY", "AED", "SAR", "VND", "IDR", "THB", "PHP", "MYR",
     "NGN", "KES", "EGP", "ARS", "CLP", "COP", "PEN", "ILS", "RS", "RM", "KSH", "NT", "TWD", "PKR", "BDT", "LKR",
     "QAR", "KWD", "BHD", "OMR", "JOD", "MAD", "TND", "UAH", "RON", "BGN", "HRK", "ISK", "GHS", "XOF", "XAF"}
)  # fmt: skip
# Abbreviations that name what the number is (left to that type's recognizer, which covers only the number):
# "SSN 123456789", "NHS 9434765919", "DL 12345678", "TEL 0612345678", "PIN 123456".
_CUE_ABBREVIATIONS = frozenset(
    {"SSN", "SIN", "TIN", "TFN", "NIN", "NI", "ID", "DOB", "PIN", "NHS", "MRN", "EIN", "ITIN", "DL", "CPF", "NIF",
     "NIE", "DNI", "BSN", "PAN", "ABN", "ACN", "TEL", "TLF", "MOB", "PH", "FAX", "CEL", "OTP", "CVV", "IBAN", "BIC",
     "SWIFT", "IFSC", "BLZ", "BSB", "ABA", "RTN", "MICR",
     "ACC", "ACCT", "NO", "NR", "REF", "ZIP", "PLZ", "CEP", "CAP", "NPA", "SS", "SSS", "UMID", "NRIC", "NPI", "DEA"}
)  # fmt: skip
# EU VAT numbers start with the member state's code (Greece "EL"): "DE298114570", "FR40303265045".
_EU_VAT_PREFIXES = frozenset(
    {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
     "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "GB", "CH", "NO"}
)  # fmt: skip
_VAT_CUE = regex.compile(
    r"\b(?:vat|ust|mwst|tva|iva|btw|nip|gst|hst|abn|acn|uid|tax|steuer|p\.?\s?iva|cif|nif|moms)", regex.IGNORECASE
)


@functools.cache
def _account_cue_before() -> regex.Pattern[str]:
    """An account cue and its "number is" (a match ending where a value starts precedes the value)."""
    return regex.compile("(?x)" + _ACCOUNT_CUE + _ID_WORD, DEFAULT_FLAGS)


def _is_status_code(match: regex.Match[str], text: str) -> bool:
    """An HTTP status in a log line is not an order: "POST /hooks/orders 401" (the cue is a URL path
    segment), "orders 404" (three digits 100-599 straight after a plural cue)."""
    start = match.start()
    if start > 0 and text[start - 1] == "/":
        return True
    value = match.group("value")
    between = text[start : match.start("value")]
    return (
        len(value) == 3
        and value.isdigit()
        and "1" <= value[0] <= "5"
        and regex.fullmatch(r"[a-z]+s\s+", between, regex.IGNORECASE) is not None
    )


class ConfiguredIdRecognizer(ChatPatternRecognizer):
    """An identifier type defined only by user regexes (EMPLOYEE_ID); a `value` group narrows the span."""

    ENTITY = "CUSTOM_ID"
    NAME = "ChatConfiguredIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = []
    TRAILING_PUNCTUATION = ""

    def __init__(self, entity: str, patterns: Iterable[Pattern], *, supported_language: str = "en") -> None:
        super().__init__(
            list(patterns),
            supported_language=supported_language,
            entity=entity,
            name=f"ChatConfiguredIdRecognizer[{entity}]",
        )
