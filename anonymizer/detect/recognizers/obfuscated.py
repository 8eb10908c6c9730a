"""EMAIL_ADDRESS and PHONE_NUMBER typed to dodge filters: "john dot smith at gmail dot com", "four one five ..."."""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern

from ._base import STOP_WORDS, alternation, digits_of, verbose_pattern, words
from .identifiers import PrefilteredRecognizer, folded_literals

# The word for "@" read out in English, Spanish/Portuguese (arroba), Italian (chiocciola), German (Klammeraffe,
# "ät"), French (arobase), Dutch (apenstaartje), Polish (małpa), Swedish/Danish (snabel-a).
_AT_WORD = r"(?:at|arroba|chiocciola|klammeraffe|arobase|arrobas|apenstaartje|(?:ä|a)t|ma(?:ł|l)pa|snabel-?a)"
# The word for "." read out: dot, Dutch punt, German Punkt, French point, Spanish/Italian punto, Portuguese ponto,
# Polish kropka, Vietnamese chấm, Swedish punkt, Finnish piste.
_DOT_WORD = r"(?:dot|punt|punkt|point|punto|ponto|kropka|ch(?:ấ|a)m|piste)"
# "[at]", "(at)", "{at}", " at ", " @ " and the same for "dot".
_AT = rf"(?:\s*[\[({{<]\s*{_AT_WORD}\s*[\])}}>]\s*|\s+at\s+|\s+@\s*|\s*@\s+|\s*\#\s*)"
_DOT = rf"(?:\s*[\[({{<]\s*{_DOT_WORD}\s*[\])}}>]\s*|\s+{_DOT_WORD}\s+|\.)"
_SPELLED_DOT = rf"(?:\s*[\[({{<]\s*{_DOT_WORD}\s*[\])}}>]\s*|\s+{_DOT_WORD}\s+)"
# Generic and country-code top-level domains common in e-mail addresses (IANA root zone).
_TLDS = words(
    """
    com org net edu gov mil io co uk us ca de fr es it nl be ch at au nz in jp cn br mx ru pl se no dk fi ie
    info biz me tv app dev ai email online site xyz eu pt cz sk gr hu ro bg hr si rs ua tr il ae sa eg za ng ke
    ma ar cl pe uy ve vn id ph my sg th kr tw hk lu lt lv ee is li mt cy pk bd lk np ir iq qa kw
    """
)
# Providers whose names make "x at gmail.com" an address even with a plain dot.
_MAIL_PROVIDERS = words(
    """
    gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol proton protonmail pm zoho gmx
    mail yandex comcast verizon att sbcglobal btinternet ziggo kpn xs4all planet telenet skynet web t-online
    freenet orange wanadoo free sfr laposte libero virgilio tiscali alice seznam wp onet interia o2 naver daum
    qq rediffmail bigpond optusnet shaw rogers sympatico bluewin tutanota fastmail hey mailbox posteo
    """
)
_LOCAL = r"[a-z0-9][a-z0-9_%+\-]*"
# Separators inside a spelled local part: "john dot smith", "blake underscore mann", "mary dash jones".
_LOCAL_SEP = rf"(?:{_DOT}|\s+(?:underscore|under\s+score|dash|hyphen)\s+)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
# A local part read out as words ("graham w smith at comcast dot net"): up to two words before the last one,
# none of them a word that introduces the address ("my email is", "write to", "reach me at").
_SPOKEN_WORDS = rf"""
    (?:(?!(?:{alternation(STOP_WORDS)}|e-?mail|mail|address|contact|reach|write|send|it'?s|thanks|hi|hello
         # The same words in the languages whose "at" and "dot" words are read above.
         |ist|es|est|è|é|era|war|adres+e?|e-?mail-?ad+res+e?|mailadres|correo|courriel|indirizzo|endere(?:ç|c)o
         |direcci(?:ó|o)n|posta|mijn|meine?|mi|mon|ma|mio|mia|il|la|el|le|de|van|naar|para|per|an|à|o|um|moje|m(?:ó|o)j
         |schreib|schrijf|écris|ecris|escr(?:í|i)beme|scrivimi|stuur|envoie|env(?:í|i)a|manda)\b)
      (?![a-z0-9]+\s+[a-z0-9_%+\-]*[\d._])                 # not before a handle: "the other one jdoe1 at ..."
      [a-z0-9]+\s+){{0,2}}
"""


_DOMAIN_AFTER_AT = regex.compile(rf"\s*(?:[\[({{<]\s*)?{_AT_WORD}(?:\s*[\])}}>])?\s*([a-z0-9\-]+)", regex.IGNORECASE)


class SpelledEmailRecognizer(PrefilteredRecognizer):
    """Emails with "at"/"dot" spelled out or bracketed; the plain address is left to Presidio."""

    ENTITY = "EMAIL_ADDRESS"
    NAME = "ChatSpelledEmailRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "obfuscated at, any dot",
            rf"""
            (?<![\w.@'\u2019])
            (?P<value>
              (?P<local>{_LOCAL}(?:{_LOCAL_SEP}{_LOCAL})*)                       # john, john dot smith, j.smith
              (?:\s*[\[({{<]\s*{_AT_WORD}\s*[\])}}>]\s*|\s+@\s*|\s*@\s+)      # [at], (at), " @ "
              {_LABEL}(?:{_DOT}{_LABEL})*{_DOT}(?:{alternation(_TLDS)})     # example dot org
            )
            (?![\w@])
            """,
            0.8,
        ),
        verbose_pattern(
            "spelled at and spelled dot",
            rf"""
            (?<![\w.@'\u2019])
            (?P<value>
              (?P<local>{_SPOKEN_WORDS}{_LOCAL}(?:{_LOCAL_SEP}{_LOCAL})*)
              \s+{_AT_WORD}\s+
              {_LABEL}(?:{_DOT}{_LABEL})*{_SPELLED_DOT}(?:{alternation(_TLDS)})   # "gmail dot com", "ziggo punt nl"
            )
            (?![\w@])
            """,
            0.75,
        ),
        verbose_pattern(
            "spelled at, mail provider",
            rf"""
            (?<![\w.@'\u2019])
            (?P<value>
              (?P<local>{_SPOKEN_WORDS}{_LOCAL}(?:{_LOCAL_SEP}{_LOCAL})*)
              \s+{_AT_WORD}\s+
              (?:{alternation(_MAIL_PROVIDERS)}){_DOT}(?:{alternation(_TLDS)})(?:{_DOT}(?:{alternation(_TLDS)}))?
            )
            (?![\w@])
            """,
            0.75,
        ),
        verbose_pattern(
            "handle at a mail provider",
            rf"""
            (?<![\w.@'\u2019])
            (?P<value>
              (?P<local>(?=[a-z0-9_%+\-.]*[\d._])[a-z0-9][a-z0-9_%+\-.]*[a-z0-9])   # "john.smith", "jsmith88"
              (?:\s+{_AT_WORD}\s+|\s*@\s+|\s+@\s*)
              (?:{alternation(_MAIL_PROVIDERS)})                                   # "at gmail", "@ hotmail . com"
              (?:\s*\.\s*(?:{alternation(_TLDS)})(?:\s*\.\s*(?:{alternation(_TLDS)}))?)?
            )
            (?![\w@]|\s*\.\s*[a-z])
            """,
            0.7,
        ),
        verbose_pattern(
            "address at a reserved or private domain",
            r"""
            # Presidio checks the suffix against the public list: addresses on the reserved names (RFC 2606, 6761)
            # and on the private ones companies use inside ("j.doe@intranet.corp", "ana@nyu-med.example").
            (?<![\w.@+\-])
            (?P<value>
              (?P<local>[a-z0-9][a-z0-9_%+\-.]{0,63})@
              [a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)*
              \.(?:example|test|invalid|localhost|local|internal|corp|lan|home|intranet|private|localdomain)
            )
            (?![\w@\-]|\.[a-z0-9])
            """,
            0.8,
        ),
        verbose_pattern(
            "dotted handle at a domain",
            rf"""
            (?<![\w.@'\u2019])
            (?P<value>
              (?P<local>(?=[a-z0-9_%+\-.]*[\d._])[a-z0-9][a-z0-9_%+\-.]*[a-z0-9])    # "ilse.bakker", "jsmith_88"
              \s+{_AT_WORD}\s+
              {_LABEL}(?:\.{_LABEL})*\.(?:{alternation(_TLDS)})                     # "ziggo.nl", "acme.co.uk"
            )
            (?![\w@]|\.[a-z])
            """,
            0.7,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["email", "mail", "address", "contact"]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        # "@", or the bracket before a bracketed "at".
        "obfuscated at, any dot": ("@", "[", "(", "{", "<"),
        "address at a reserved or private domain": ("@",),
    }
    PREFILTERS: ClassVar[dict[str, str]] = {
        # A spelled "at", then a spelled "dot" or a mail provider's name after it.
        "spelled at and spelled dot": rf"\s{_AT_WORD}\s[^\n]*?{_DOT_WORD}",
        "spelled at, mail provider": rf"\s{_AT_WORD}\s+(?:{alternation(_MAIL_PROVIDERS)})",
        "handle at a mail provider": rf"(?:\s{_AT_WORD}\s+|@\s*)(?:{alternation(_MAIL_PROVIDERS)})",
        "address at a reserved or private domain": r"""@[a-z0-9.\-]+\.(?:example|test|invalid|localhost|local
            |internal|corp|lan|home|intranet|private|localdomain)\b""",
        # The spelled "at", and a domain with a plain dot.
        "dotted handle at a domain": rf"\s{_AT_WORD}\s+[a-z0-9\-.]+\.[a-z]",
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """'me at gmail dot com' has no local part; a pronoun or filler word is not a mailbox."""
        local = match.group("local").lower()
        if regex.fullmatch(r"v?\d+(?:\.\d+)+", local):
            return True  # "v2.1 at gmail": a version
        if local in STOP_WORDS or local.split()[-1] in STOP_WORDS:  # "meet me at home dot com"
            return True
        # "we met at the point in time": a function word is no mail domain.
        domain = _DOMAIN_AFTER_AT.search(match.group("value"), match.end("local") - match.start("value"))
        return domain is not None and domain.group(1).lower() in STOP_WORDS


_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DIGIT_WORD = rf"(?:(?:double|triple)\s+)?(?:{alternation(_DIGIT_WORDS)}|\d)"
# Between the digits of a number read out: spaces, commas, dots, dashes, an ellipsis ("two oh one... five five
# five"), and a filler word or "then" ("four one five, uh, five five five").
_DIGIT_GAP = r"""
    (?:[\s,.\-\u2026]{1,5}(?:(?:uh|um+|er|erm|ehm|ah|hmm|like|then|and\s+then)[\s,.\-\u2026]{1,5})?)
"""
_PHONE_CUE = r"""
    (?:phone|cell|mobile|mob|tel|telephone|ph|landline|whats\s?app|sms|text(?:\s+me)?|call(?:\s+me)?
      |reach\s+me|contact\s+(?:no|number)|(?<!(?:account|order|case|ticket|tracking|card|member|reference|ref
      |confirmation|serial|model|policy|claim|invoice|customer|routing|social|security|id|group|badge|plan|student
      |employee|applicant|tenant|file|intake|docket|prescription|passport|insurance|patient|booking|tax)\s)
      (?:number|no|\#))
"""


class ObfuscatedPhoneRecognizer(PrefilteredRecognizer):
    """Phone numbers in number words, with letter O for zero, or as 7-digit local numbers after a cue."""

    ENTITY = "PHONE_NUMBER"
    NAME = "ChatObfuscatedPhoneRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "number words",
            rf"""
            (?<![\w-])
            (?P<value>{_DIGIT_WORD}(?:{_DIGIT_GAP}{_DIGIT_WORD}){{5,14}})   # seven to fifteen digits (see reject)
            (?![\w-])
            """,
            0.6,
        ),
        verbose_pattern(
            "local number after cue",
            rf"""
            \b{_PHONE_CUE}\b(?:\s+(?:is|was|at|on))?\s*[:\#-]?\s*          # "phone:", "call me at"
            (?P<value>(?<!\d[\s.-]?)\d{{3}}[\s.\-]?\d{{4}})(?![\w.\-]?\d)  # 555-0123, 555 0123
            """,
            0.6,
        ),
        verbose_pattern(
            "digits with letter O after cue",
            rf"""
            \b{_PHONE_CUE}\b(?:\s+(?:is|was|at|on))?\s*[:\#-]?\s*
            (?P<value>\+?(?=[\d\s().\-]*[o][\d\s().\-o]*\d)[\d(][\do\s().\-]{{8,18}}[\do])   # 415-555-O123
            (?![\w])
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["phone", "call", "number", "cell", "mobile", "text", "reach"]
    PREFILTERS: ClassVar[dict[str, str]] = {
        "local number after cue": r"\d{3}[\s.\-]?\d{4}",
        # The value's lookahead: a letter O, then a digit through digits, spaces, brackets, dots, dashes, Os.
        "digits with letter O after cue": r"o[\d\s().\-o]*\d",
    }

    def __init__(self, default_region: str = "US", *, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self.default_region = default_region

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Number words must spell at least seven digits and, with ten or more, a possible phone number."""
        spelled = _spelled_digits(match.group("value"))
        if len(spelled) < 7 or len(set(spelled)) == 1:
            return True
        if len(spelled) == 7:
            # "one two three four five six seven" is counting, not a number.
            return spelled in "01234567890" or spelled in "98765432109"
        if spelled[0] == "0" and spelled[1:2] != "0" and 10 <= len(spelled) <= 11:
            return False  # a national number with its trunk zero: "oh seven seven double oh nine ..." (UK, AU, EU)
        try:
            number = phonenumbers.parse(spelled if len(spelled) <= 10 else "+" + spelled, self.default_region)
        except phonenumbers.NumberParseException:
            return True
        return not phonenumbers.is_possible_number(number)


_REPEATS = {"double": 2, "triple": 3}


def _spelled_digits(value: str) -> str:
    """Digits of a value typed with number words or letter O ("double five" is "55")."""
    out = []
    repeat = 1
    for word in regex.findall(r"[a-z]+|\d", value.lower()):
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        out.append((_DIGIT_WORDS.get(word, word) if not word.isdigit() else word) * repeat)
        repeat = 1
    return digits_of("".join(out))


# A digit read out for an identifier: a number word or a digit, "double four" (no letter O: "oh" is a word).
_ID_DIGIT = r"(?:(?:double|triple)\s+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"
_SPOKEN_ID_VALUE = rf"""
    (?P<value>
      (?:(?-i:[A-Z])(?:\s+as\s+in\s+[a-z]+)?[\s,\-]+)?                   # a letter first: "V", "V as in Victor"
      {_ID_DIGIT}(?:[\s,\-]+{_ID_DIGIT}){{3,15}}                          # four to sixteen digits
    )
    (?![\w-])
"""
_SPOKEN_CUE_TAIL = r"""
    (?:\s+(?:number|no\.?|id|\#))?(?:\s+(?:is|was|it'?s|reads))?\s*[:\#]?\s*
"""


class _SpokenIdRecognizer(PrefilteredRecognizer):
    """An identifier read out in number words after its cue ("the ticket V one four four seven zero eight"),
    as a call transcript or a voice-to-text message writes it."""

    MIN_DIGITS: ClassVar[int] = 4

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """At least four digits, not all the same, and not counting ("one two three four")."""
        digits = _spoken_id_digits(match.group("value"))
        return len(digits) < self.MIN_DIGITS or len(set(digits)) == 1 or digits in "0123456789"


class SpokenOrderIdRecognizer(_SpokenIdRecognizer):
    ENTITY = "ORDER_ID"
    NAME = "ChatSpokenOrderIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "order id in number words",
            r"""\b(?:order|ticket|case|reference|ref|confirmation|booking|claim|tracking|incident|invoice
                |reservation|work\s+order|job)"""
            + _SPOKEN_CUE_TAIL
            + _SPOKEN_ID_VALUE,
            0.7,
        ),
    ]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "order id in number words": folded_literals(
            "order", "ticket", "case", "ref", "confirmation", "booking", "claim", "tracking", "incident", "invoice",
            "reservation", "job",
        ),
    }  # fmt: skip


class SpokenAccountIdRecognizer(_SpokenIdRecognizer):
    ENTITY = "ACCOUNT_ID"
    NAME = "ChatSpokenAccountIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "account id in number words",
            r"""\b(?:account|acct|customer|member(?:ship)?|policy|patient|subscriber|loyalty|user\s+id)"""
            + _SPOKEN_CUE_TAIL
            + _SPOKEN_ID_VALUE,
            0.7,
        ),
    ]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "account id in number words": folded_literals(
            "account", "acct", "customer", "member", "policy", "patient", "subscriber", "loyalty", "user id",
        ),
    }  # fmt: skip


def _spoken_id_digits(value: str) -> str:
    """The digits of a read-out identifier ("double four" is "44"; a leading letter is dropped)."""
    out: list[str] = []
    repeat = 1
    for word in regex.findall(r"[a-z]+|\d", value.lower()):
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            continue
        digit = word if word.isdigit() else _DIGIT_WORDS.get(word) if word != "o" else None
        if digit is not None:
            out.append(digit * repeat)
        repeat = 1
    return "".join(out)
