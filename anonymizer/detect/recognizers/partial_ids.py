"""PARTIAL_ID: the last digits of a card, SSN or account given with context ("last 4 is 1234", "ending in 4242")."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, typo_tolerant, verbose_pattern


class PartialIdRecognizer(ChatPatternRecognizer):
    """Two to six trailing digits after "last 4", "ending in", "ends with", or behind a masked prefix."""

    ENTITY = "PARTIAL_ID"
    NAME = "ChatPartialIdRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "last digits",
            r"""
            \blast\s*(?:[2-6]|two|three|four|five|six)(?:\s*-?\s*digits?|\s+numbers?|\s+nums?)?   # "last 4 digits"
            (?:\s+(?:of|on|for|from)\s+(?:my|the|your|his|her|our|their)?\s*(?:[\w/-]+\s*){1,3}?  # "of my ssn"
              |\s+(?:ssn|social(?:\s+security)?|ss\#?|sin|card|cc|acct|account|phone|tax\s+id)\b)?  # "last four social"
            (?:\s*(?:is|are|was|were|=|:|-|would\s+be|should\s+be))?\s*[:\#]?\s*
            (?P<value>\d{2,6})(?![\w.,/-]?\d)
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
            (?P<value>\d{{2,6}})(?![\w.,/-]?\d)
            """,
            0.8,
        ),
        verbose_pattern(
            "masked prefix",
            r"""
            (?<![\w*•x])(?:[x*•]{2,4}[\s-]?){2,4}              # "xxxx-xxxx-xxxx-", "**** ****", "•••• "
            (?P<value>\d{4})(?![\w.,/-]?\d)
            """,
            0.75,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["last", "ending", "card", "ssn", "digits", "account"]
