"""Identity-document and wallet numbers whose format says what they are: UK National Insurance numbers,
Ethereum wallet addresses, and a driving licence's number after the word "licence".

Hand-written for this project (MIT). Formats: HMRC's National Insurance number rules (two prefix letters
from a restricted set, six digits, a suffix A-D; typed compact or in pairs), an Ethereum account (0x and 40
hexadecimal digits), and whatever a licence cue introduces (UK licences are 16 characters, "SMITH701234AB9CD";
US states' differ: "D1234-56789-01234").
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from ._base import verbose_pattern
from .identifiers import PrefilteredRecognizer, folded_literals


class DocumentNumberRecognizer(PrefilteredRecognizer):
    """ACCOUNT_ID: a UK National Insurance number anywhere, an Ethereum wallet address anywhere."""

    ENTITY = "ACCOUNT_ID"
    NAME = "ChatDocumentNumberRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "uk national insurance number",
            r"""
            (?<![\w-])
            (?P<value>(?-i:(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]
              (?:\d{6}|[ ]\d{2}[ ]\d{2}[ ]\d{2}[ ]?)[A-D]))   # "QQ123456C", "QQ 12 34 56 C"
            (?![\w-])
            """,
            0.75,
        ),
        verbose_pattern(
            "ethereum wallet address",
            r"(?<![\w])(?P<value>0x[0-9a-f]{40})(?![\w])",
            0.85,
        ),
    ]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {"ethereum wallet address": ("0x",)}
    PREFILTERS: ClassVar[dict[str, str]] = {"uk national insurance number": r"\d\d[ ]?\d\d[ ]?\d\d[ ]?[A-D]\b"}


class DrivingLicenceRecognizer(PrefilteredRecognizer):
    """US_DRIVER_LICENSE (Presidio's type for any driving licence): the whole number after a licence cue."""

    ENTITY = "US_DRIVER_LICENSE"
    NAME = "ChatDrivingLicenceRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "number after a licence cue",
            r"""
            \b(?:driv(?:ing|er['\u2019]?s?)[ \t]+)?licen[cs]e
            (?:[ \t]*(?:number|num|no\.?|nr|\#|id))?
            (?:[ \t]+(?:is|was)|[ \t]*[:=])?[ \t]*
            (?P<value>(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z]|[0-9-]{7,})[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){5,24})
            (?![\w-])
            """,
            0.7,
        ),
    ]
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {"number after a licence cue": folded_literals("licen")}
