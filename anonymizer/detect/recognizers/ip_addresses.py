"""IP_ADDRESS in the layouts Presidio's validator rejects: octets typed with leading zeros ("192.168.001.010"),
and, after an "ip" cue, a quad typed with spaces or commas ("ip 73,162,48,219")."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, verbose_pattern

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|0?\d?\d|00\d)"


class LooseIpRecognizer(ChatPatternRecognizer):
    """Dotted quads with a zero-padded octet anywhere; quads with other separators after an IP cue."""

    ENTITY = "IP_ADDRESS"
    NAME = "ChatLooseIpRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "zero-padded dotted quad",
            rf"""
            (?<![\w.\-/:])(?P<value>{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET})(?![\w\-]|\.\d)
            """,
            0.6,
        ),
        verbose_pattern(
            "quad after ip cue",
            rf"""
            \bip(?:v4)?(?:\s+address)?(?:\s+(?:is|was|=))?\s*[:=\-]?\s*
            (?P<value>{_OCTET}(?P<sep>,[ \t]?|[ \t]+)(?:{_OCTET}(?P=sep)){{2}}{_OCTET})(?![\w\-]|[.,]\d)
            """,
            0.7,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["ip", "address", "server", "host"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """A dotted quad needs a zero-padded octet (Presidio finds the others) and no version word before it."""
        if match.groupdict().get("sep") is not None:
            return False
        octets = match.group("value").split(".")
        if not any(len(o) > 1 and o.startswith("0") for o in octets):
            return True
        before = text[max(0, match.start() - 12) : match.start()]
        return regex.search(r"(?i)\b(?:version|ver|v|build|release|rev)\.?\s*\Z", before) is not None
