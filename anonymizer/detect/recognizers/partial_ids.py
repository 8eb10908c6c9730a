"""PARTIAL_ID: the last digits of a card, SSN or account given with context ("last 4 is 1234", "ending in 4242")."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import typo_tolerant, verbose_pattern
from .identifiers import PrefilteredRecognizer

# What follows a number that ends an event, not an identifier: a month ("ends 31 May"), a time ("ends 12:30"),
# a unit ("ends in 10 minutes"), an ordinal.
_NOT_AN_ENDING = regex.compile(
    r"""(?ix)
    (?::\d|(?:st|nd|rd|th)\b
      |\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])
      |\s*(?:am|pm|a\.m|p\.m|h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|weeks?|months?|years?|yrs?|%|percent
         |pts|points|o'?clock|games?|rounds?|laps?|goals?|k\b|km|miles?)(?![a-z]))
    """
)
# A word naming what the digits end: without one, a year after "ends" is when something ends ("the lease ends
# 2026").
_ID_WORD = regex.compile(
    r"""(?ix)\b(?:card|cc|acct|account|a/c|ssn|social|sin|visa|mastercard|amex|discover|debit|credit|phone|mobile|cell
    |number|no|num|iban|passport|licen[cs]e|id|policy|member|routing|digits?|tarjeta|cuenta|carte|compte|karte|konto
    |karty|cart[aã]o|conta)\b"""
)


class PartialIdRecognizer(PrefilteredRecognizer):
    """Two to six trailing digits after "last 4", "ending in", "ends with", or behind a masked prefix; before
    "(last 4)"; four digits right after a card word ("mastercard 4821"); a card's first digits after "first 6"."""

    ENTITY = "PARTIAL_ID"
    NAME = "ChatPartialIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "last digits",
            r"""
            \b(?:last|final)\s*(?:[2-6]|two|three|four|five|six)(?:\s*-?\s*digits?|\s+numbers?|\s+nums?)?  # "last 4"
            (?:\s+(?:of|on|for|from)\s+(?:my|the|your|his|her|our|their)?\s*(?:[\w/-]+\s*){1,3}?  # "of my ssn"
              |\s+(?:ssn|social(?:\s+security)?|ss\#?|sin|card|cc|acct|account|phone|tax\s+id)\b)?  # "last four social"
            (?:\s*(?:is|are|was|were|=|:|-|would\s+be|should\s+be))?\s*[:\#]?\s*
            (?P<value>\d{2,6}(?![\w.,/-]?\d)
              |\d(?:[ \t]\d){3}(?![\w.,/-]?\s?\d))                                   # read out: "4 4 2 1"
            """,
            0.8,
        ),
        verbose_pattern(
            "ending in",
            rf"""
            \b(?:{typo_tolerant("ending")}|ends|ended|finishing   # "ending", "endnig"
               # "terminado en 4821", "que termina en", "se terminant par", "endet auf", "terminante in"
               |terminad[oa]\s+en|termina\s+en|terminant\s+par|finissant\s+par|endet\s+auf|endend\s+auf
               |terminante\s+in|terminado\s+em|termina\s+em|ko[ńn]cz[ąa]c[ya]\s+si[ęe]\s+na)
            \s*(?:in|with|on|:|-)?\s*(?:the\s+digits\s+|los\s+d[íi]gitos\s+|en\s+)?
            (?:\.{{2,4}}|\u2026|[*x•●]{{1,12}}[\s-]?)?                  # "ending ...0099", "ending ****0099"
            (?P<ending>)(?P<value>\d{{2}}[ \t]\d{{2}}(?![\w.,/-]?\s?\d)            # read in pairs: "ending 22 09"
              |\d(?:[ \t]\d){{3}}(?![\w.,/-]?\s?\d)                   # digit by digit: "ending in 4 4 2 1"
              |\d(?:-\d){{3}}(?![\w.,/-]?\d)                            # "ends with 4-4-7-1"
              |\d{{2,6}}(?![\w.,/-]?\d))
            """,
            0.8,
        ),
        verbose_pattern(
            "last digits in another language",
            r"""
            # "los últimos 4 dígitos de mi tarjeta son 4821", "les 4 derniers chiffres : 4821", "die letzten vier
            # Ziffern sind 4821", "gli ultimi 4 numeri 4821", "os últimos 4 dígitos são 4821", "ostatnie 4 cyfry to"
            \b(?:(?:[úu]ltimos|ultimi|letzten?|ostatnie)\s+(?:[2-6]|dos|tres|cuatro|cinco|seis|due|tre|quattro|cinque|sei
                 |quatro|zwei|drei|vier|f(?:ü|u)nf|sechs|dwie|trzy|cztery|pi(?:ę|e)(?:ć|c)|sze(?:ś|s)(?:ć|c))
               |(?:[2-6]|deux|trois|quatre|cinq|six)\s+derni(?:e|è)re?s)
            \s*(?:d(?:í|i)gitos|n(?:ú|u)meros|cifre|numeri|chiffres|ziffern|stellen|cyfry|cyfr)?
            (?:\s+(?:de|da|do|del|della|di|du|de\s+la|der|des|von|z)\s+(?:mi|mia|ma|mon|meiner|meines|la|el|le|il|a|o|moje[jg]?|mojej)?
              \s*[^\W\d_]+)?                                                   # "de mi tarjeta"
            (?:\s*(?:son|es|sont|est|sind|ist|são|sono|to|:|-|=))?\s*[:\#]?\s*
            (?P<value>\d{2,6})(?![\w.,/-]?\d)
            """,
            0.8,
        ),
        verbose_pattern(
            "last digits, spaced or uncounted",
            r"""
            \b(?:last|final)\s+(?:(?:[2-6]|two|three|four|five|six)\s*-?\s*)?(?:digits|numbers)   # "the last digits"
            (?:\s+(?:of|on|for)\s+(?:my|the|your|his|her|our|their)?\s*(?:[\w/-]+\s*){1,3}?)?
            (?:\s*(?:is|are|was|were|=|:|-|would\s+be|should\s+be))?\s*[:\#]?\s*
            (?P<value>\d{2}[ \t]\d{2}|\d{2,6})(?![\w.,/-]?\d)          # "are 48 21", "of my SSN are 6620"
            """,
            0.8,
        ),
        verbose_pattern(
            "digits before last n",
            r"""
            (?<![\w.,/$€£-])(?P<value>\d{2,6})(?![\w.,/-]?\d)
            (?:\s+(?:are|is|=|-|being|would\s+be)\s+(?:the\s+|my\s+)?|\s*\(\s*|\s*[-,]\s*)  # "4821 (last 4)"
            (?:last|final)\s*(?:[2-6]|two|three|four|five|six)\b
            """,
            0.8,
        ),
        verbose_pattern(
            "first digits",
            r"""
            \bfirst\s*(?:[4-8]|four|five|six|seven|eight)
            (?:\s*-?\s*digits?|\s+numbers?
               |\s+(?:of|on)\s+(?:my|the|your|his|her|our|their)?\s*(?:credit\s+|debit\s+)?(?:card|cc|account|acct|ssn|iban))
            (?:\s+(?:of|on)\s+(?:my|the|your|his|her|our|their)?\s*(?:credit\s+|debit\s+)?(?:card|cc|account|acct|ssn|iban))?
            (?:\s*(?:is|are|was|were|=|:|-|would\s+be|should\s+be))?\s*[:\#]?\s*
            (?P<value>\d{4,8})(?![\w.,/-]?\d)                       # "first 6 of the card are 411111"
            """,
            0.8,
        ),
        verbose_pattern(
            "four digits after a card word",
            r"""
            \b(?:mastercard|master\s+card|amex|discover|(?:credit|debit|visa|bank|payment)\s+card|card|visa)
            (?:\s+(?:\#|no\.?))?\s*(?:\.{2,4}|\u2026|\*{1,4}|x-?(?=\d))?\s*  # "visa ...4821", "card x4821"
            (?P<value>(?!(?:19|20)\d\d\b)\d{4})(?![\w.,/:-]?\d)(?!\s*(?:am|pm|%|dollars|usd|eur|euros|gbp|points|pts|miles|limit|balance|fee|credit|bucks|x)\b)
            """,
            0.6,
        ),
        verbose_pattern(
            "l4 label",
            r"""
            \bl4\b(?:\s+(?:of\s+)?(?:my\s+|the\s+)?(?:ssn|card|cc|acct|account|social|phone))?   # "L4 of SSN: 6620"
            \s*[:=\-]\s*(?P<value>\d{4})(?![\w.,/-]?\d)
            """,
            0.7,
        ),
        verbose_pattern(
            "masked prefix",
            r"""
            (?<![\w*•●x])(?:(?:[x*•●]{2,4}[\s-]?){2,4}          # "xxxx-xxxx-xxxx-", "**** ****", "•••• "
              |(?-i:[*•●]{3,12}|[xX]{3,12})-?)                    # one masked run: "***7781", "XXXXXX4471"
            (?P<value>\d{4})(?![\w.,/-]?\d)
            """,
            0.75,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["last", "ending", "card", "ssn", "digits", "account"]
    # The patterns that may start at any digit run only when their cue words occur in the text.
    PREFILTERS: ClassVar[dict[str, str]] = {
        "last digits, spaced or uncounted": r"\b(?:last|final)\b",
        "digits before last n": r"\b(?:last|final)\b",
        "first digits": r"\bfirst\b",
        "four digits after a card word": r"\b(?:mastercard|master\s+card|amex|discover|card|visa)\b",
    }
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "l4 label": ("l4",),
        # "últimos"/"ultimos", "ultimi", "letzte(n)", "ostatnie", "dernier(e)s".
        "last digits in another language": ("ltimos", "ultimi", "letzte", "ostatnie", "derni"),
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """After "ends": not a date, a time or a quantity ("freeze ends 31 May", "ends in 10 minutes"); a year
        only after a word naming a card, an account or a number ("card ending in 2019", not "lease ends 2026")."""
        if super().reject_match(match, text):
            return True
        if "ending" not in match.re.groupindex:
            return False
        if _NOT_AN_ENDING.match(text, match.end("value")) is not None:
            return True
        value = match.group("value")
        if regex.fullmatch(r"(?:19|20)\d\d|\d(?:-\d){3}", value) is None:
            return False  # a year, or digits joined by hyphens ("ended 2-1-0-3"), need a word naming an id
        sentence = regex.split(r"[.!?\n]\s", text[max(0, match.start() - 80) : match.start()])[-1]
        return _ID_WORD.search(sentence) is None
