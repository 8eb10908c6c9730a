"""The policy's allow list: values (company, product and store names) that are never reported as PII.

An entry suppresses a finding when the finding *is* the entry (case-folded, surrounding spaces and
punctuation ignored), or lies entirely inside an occurrence of the entry in the text (whole words,
case-insensitive). So `allow_list: [Acme Outfitters]` also clears "Acme" when NER tags only that word of
"Acme Outfitters", while `allow_list: [Acme]` does not clear a finding "Acme Outfitters": the finding
reaches beyond the allowed words, and what it covers beyond them may be someone's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EDGE = " \t\r\n.,;:!?\"'()[]{}"


class AllowList:
    """Case-insensitive allowed values and phrases; empty allows nothing."""

    def __init__(self, values: Iterable[str]) -> None:
        entries = sorted({v.strip(_EDGE).casefold() for v in values if v.strip(_EDGE)}, key=len, reverse=True)
        self._values = frozenset(entries)
        self._phrases = [
            re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in entry.split()) + r"(?!\w)", re.IGNORECASE)
            for entry in entries
        ]

    def __bool__(self) -> bool:
        return bool(self._values)

    def allows(self, text: str, start: int, end: int) -> bool:
        """Whether the finding `text[start:end]` is allowed (see the module docstring)."""
        if not self._values:
            return False
        if text[start:end].strip(_EDGE).casefold() in self._values:
            return True
        for phrase in self._phrases:
            for match in phrase.finditer(text):
                if match.start() <= start and end <= match.end():
                    return True
                if match.start() >= end:
                    break
        return False
