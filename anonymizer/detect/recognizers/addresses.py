"""STREET_ADDRESS and ZIP_CODE: house number + street + suffix, PO boxes, and US/UK/Canadian postal codes."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, alternation

_STREET_SUFFIXES = [
    "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr",
    "court", "ct", "way", "place", "pl", "terrace", "ter", "terr", "circle", "cir", "parkway", "pkwy",
    "highway", "hwy", "square", "sq", "trail", "trl", "loop", "alley", "aly", "plaza", "plz", "crescent",
    "cres", "close", "row", "pike", "walk", "grove", "gardens", "gdns", "mews", "heights",
    "hts", "crossing", "xing", "expressway", "expy", "freeway", "fwy", "turnpike", "tpke", "broadway",
    "ridge", "hill", "park",
]  # fmt: skip

_STATES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "PR", "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
    "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming",
    # Canadian provinces, for "Toronto, ON M5V 2T6".
    "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE",
]  # fmt: skip

# Words that cannot be part of a street name; they turn "2 dogs on the way" or "10 min drive" into prose.
_NOT_STREET_WORDS = [
    "a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "by", "for", "from", "with", "my", "your",
    "our", "his", "her", "their", "its", "is", "are", "was", "were", "be", "it", "i", "you", "we", "they",
    "this", "that", "these", "those", "more", "less", "than", "about", "all", "some", "any", "no", "not",
    "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "mile", "miles", "mi", "km", "kms", "meter", "meters", "feet", "ft",
    "items", "item", "times", "people", "kids", "dogs", "cats", "cars", "orders", "order", "step", "steps",
    "block", "blocks", "percent", "dollars", "bucks", "usd", "am", "pm", "th", "so", "but", "if", "then",
    "have", "has", "had", "will", "would", "can", "could", "should", "just", "only", "also", "very", "much",
    "many", "way", "long", "short", "test", "tests",
]  # fmt: skip

_STREET_WORD = rf"(?!(?:{alternation(_NOT_STREET_WORDS)})\b)(?:\d{{1,3}}(?:st|nd|rd|th)|[a-z][a-z'.\-]*)"

_UNIT = r"""
    (?:,?\s*(?:apt|apartment|unit|suite|ste|fl|floor|bldg|building|rm|room|\#)\.?\s*\#?\s*[a-z0-9-]{1,6}\b)
"""

_ZIP_US = r"\d{5}(?:-\d{4})?"
# UK outward code + inward code ("SW1A 1AA", "m1 1ae"); the inward letters exclude C, I, K, M, O, V.
_POSTCODE_UK = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}"
# Canadian forward sortation area + local delivery unit ("M5V 2T6"); D, F, I, O, Q, U never appear.
_POSTCODE_CA = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d"


class StreetAddressRecognizer(ChatPatternRecognizer):
    """Street addresses (lower-case too) with optional unit and city/state/zip tail, and PO boxes."""

    ENTITY = "STREET_ADDRESS"
    NAME = "ChatStreetAddressRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "number street suffix",
            rf"""
            (?<![\w$.,/:-])                              # not the tail of a price, decimal, time or id
            (?P<value>
              \d{{1,6}}[a-z]?(?:-\d{{1,4}})?             # house number: 12, 221b, 30-12
              (?:\s+(?:[nsew]|north|south|east|west|ne|nw|se|sw)\.?)?   # pre-directional
              (?:\s+{_STREET_WORD}){{1,4}}?               # street name, one to four words, shortest first
              \s+(?:{alternation(_STREET_SUFFIXES)})\b\.?  # suffix
              (?:\s+(?:[nsew]|ne|nw|se|sw)\b\.?)?         # post-directional: "5th Ave NW"
              {_UNIT}?                                    # apartment, unit, suite
              (?:                                         # optional ", City, ST 12345" tail
                ,?\s+(?:{_STREET_WORD}\s+){{0,2}}?{_STREET_WORD},?\s+
                (?-i:{alternation(_STATES)})\b
                (?:\s+{_ZIP_US}|\s+{_POSTCODE_CA})?
              )?
            )
            """,
            0.7,
        ),
        Pattern(
            "po box",
            r"""
            \b(?P<value>
              (?:p\.?\s?o\.?\s*box|post\s+office\s+box|pob)   # "PO Box", "P.O. Box", "post office box"
              \s*\#?\s*\d{1,7}\b
            )
            """,
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "live", "ship", "deliver", "street", "mail"]


class ZipCodeRecognizer(ChatPatternRecognizer):
    """US ZIP (bare five digits only after a cue), ZIP+4, UK postcodes and Canadian postal codes."""

    ENTITY = "ZIP_CODE"
    NAME = "ChatZipCodeRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "zip after cue",
            rf"""
            \b(?:zip|zip\s*code|zipcode|postal\s*code|postcode|post\s*code|postal)\b
            (?:\s+(?:is|was|=)|\s*[:=#-])?\s*           # "zip is", "postal code:"
            (?P<value>{_ZIP_US}|{_POSTCODE_CA}|{_POSTCODE_UK})
            (?![\w-])
            """,
            0.85,
        ),
        Pattern(
            "zip+4",
            r"(?<![\w.$-])(?P<value>\d{5}-\d{4})(?![\w-])",
            0.5,
        ),
        Pattern(
            "zip after state",
            rf"""
            (?-i:\b(?:{alternation(_STATES)}))\.?,?\s+   # "CA 94107", "Texas, 73301"
            (?P<value>{_ZIP_US})(?![\w-])
            """,
            0.7,
        ),
        Pattern(
            "uk postcode",
            rf"""
            (?<![\w-])
            (?!\w+\s?\d(?:gb|mb|kb|tb|am|pm)\b)   # "MP3 4GB", "X1 9AM" are sizes and times
            (?P<value>(?-i:{_POSTCODE_UK}))
            (?![\w-])
            """,
            0.6,
        ),
        Pattern(
            "canadian postal code",
            rf"(?<![\w-])(?P<value>(?-i:{_POSTCODE_CA}))(?![\w-])",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["zip", "postal", "postcode", "code"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """The all-zero ZIP 00000 is a placeholder, not a location."""
        return regex.fullmatch(r"0{5}(?:-0{4})?", match.group("value")) is not None
