"""STREET_ADDRESS and ZIP_CODE: house number + street + suffix, PO boxes, and US/UK/Canadian postal codes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import DEFAULT_FLAGS, ChatPatternRecognizer, alternation, verbose_pattern, words

_STREET_SUFFIXES = [
    "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr",
    "court", "ct", "way", "place", "pl", "terrace", "ter", "terr", "circle", "cir", "parkway", "pkwy",
    "highway", "hwy", "square", "sq", "trail", "trl", "loop", "alley", "aly", "plaza", "plz", "crescent",
    "cres", "close", "row", "pike", "walk", "grove", "gardens", "gdns", "mews", "heights",
    "hts", "crossing", "xing", "expressway", "expy", "freeway", "fwy", "turnpike", "tpke", "broadway",
    "ridge", "hill", "park", "pathway",
]  # fmt: skip

_STATES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP",  # territories and military mail
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
    "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming",
    # Canadian provinces, for "Toronto, ON M5V 2T6".
    "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE",
    # Australian states and territories, for "Adelaide, SA 2946"; the code after them is four digits.
    "NSW", "VIC", "QLD", "TAS", "ACT", "NT", "SA",
]  # fmt: skip

# The rest of the USPS street-suffix list (Publication 28, appendix C1). Many are everyday words ("key", "rest",
# "station"), so a street ending in one is accepted only in Title Case or with a unit or city/state/zip tail.
_USPS_SUFFIXES = words(
    """
    alley avenue branch bridge brook brooks burg burgs bypass camp canyon cape causeway center centers circle
    circles cliff cliffs club common corner corners course court courts cove coves creek crescent crest
    crossing crossroad curve dale dam divide drive drives estate estates expressway extension extensions fall
    falls ferry field fields flat flats ford fords forest forge forges fork forks fort freeway garden gardens
    gateway glen glens green greens grove groves harbor harbors haven heights highway hill hills hollow inlet
    island islands isle junction junctions key keys knoll knolls lake lakes land landing lane light lights
    loaf lock locks lodge loop mall manor manors meadow meadows mews mill mills mission motorway mount
    mountain mountains neck orchard oval overpass park parks parkway parkways pass passage path pike pine
    pines place plain plains plaza point points port ports prairie radial ramp ranch rapid rapids rest ridge
    ridges river road roads route row rue run shoal shoals shore shores skyway spring springs spur spurs
    square squares station stravenue stream street streets summit terrace throughway trace track trafficway
    trail tunnel turnpike underpass union unions valley valleys via viaduct view views village villages ville
    vista walk walks wall way ways well wells quadrangle quay wharf wynd
    """
)

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

_ZIP_US = r"\d{5}(?:-\d{4})?"
_POSTCODE_AU = r"\d{4}"
# UK outward code + inward code ("SW1A 1AA", "m1 1ae"); the inward letters exclude C, I, K, M, O, V.
_POSTCODE_UK = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}"
# Canadian forward sortation area + local delivery unit ("M5V 2T6"); D, F, I, O, Q, U never appear.
_POSTCODE_CA = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d"

_UNIT = r"""
    (?:,?\s*(?:apt|apartment|unit|suite|ste|flat|fl|floor|bldg|building|rm|room|\#)\.?\s*\#?\s*[a-z0-9-]{1,6}\b)
"""

# ", Springfield, IL 62704", ", boise, id 83513", ", manchester im6 7rl", " Cardiff PR5B 7WB".
_TAIL = rf"""
    (?:
      ,?\s+(?:{_STREET_WORD}\s+){{0,2}}?{_STREET_WORD},?\s+      # city, one to three words
      (?:
        (?:{alternation(_STATES)}),?\s+(?:{_ZIP_US}|{_POSTCODE_CA}|{_POSTCODE_AU})(?![\w-])  # state + code
        |(?-i:{alternation(_STATES)})\b                               # "IL", "Texas"
        |{_POSTCODE_UK}(?![\w-])|{_POSTCODE_CA}(?![\w-])              # UK and Canadian codes alone
      )
    )
"""

# House number, optional pre-directional: "12", "221b", "30-12", "55 E."
_HOUSE = r"""
    (?<![\w$.,/:-])                             # not the tail of a price, decimal, time or id
    \d{1,6}[a-z]?(?:-\d{1,4})?
    (?:\s+(?:[nsew]|north|south|east|west|ne|nw|se|sw)\.?)?
"""
_TITLE_WORD = r"(?-i:[A-Z][a-z'\u2019.\-]*|\d{1,3}(?:st|nd|rd|th))"


# A British address without a house number: a named house, a street, the village, town or county, and the
# postcode ("The Old Forge, Church Lane, Little Wenham, Suffolk CO7 6QA"). Title Case words only.
_NAME_WORDS = (
    r"[A-Z][a-z'\u2019\-]+"
    r"(?:[ ](?:(?:upon|on|in|by|le|la|de|du|the|under|cum|next|over|juxta|sub|super|with|en)[ ]){0,2}"  # "de la"
    r"[A-Z][a-z'\u2019\-]+){0,3}"
)
_UK_GAP = r"(?:,[ ]?|,?[ ]*\n[ \t]*)"
_UK_STREET_TYPES = words(
    """
    Street Road Lane Close Way Drive Avenue Crescent Gardens Grove Hill Row Place Terrace Green Walk Mews Court
    Square Rise View Parade Hollow Croft Meadow Meadows Fields End Chase Drove Loke Gate Wynd Brae Vale Park
    """
)
_HOUSE_NAMES = words(
    """
    Cottage Cottages Farm Farmhouse House Lodge Barn Barns Mill Manor Grange Rectory Vicarage Forge Hall Villa
    Bungalow Croft Orchard Oast Stables Coach
    """
)
_UK_STREET = rf"(?-i:{_NAME_WORDS}[ ](?:{alternation(_UK_STREET_TYPES)}))(?![\w'\u2019-])"  # "Church Lane"
_EIRCODE = r"[AC-FHKNPRTV-Y]\d[\dW][ ]?[AC-FHKNPRTV-Y\d]{4}"  # Ireland: "V95 X2F4", "D6W 1234"
_UK_POSTCODE_PROBE = regex.compile(r"\d[A-Z]{2}(?![\w-])|[A-Z]\d[\dW][ ]?[A-Z\d]{4}(?![\w-])")

# What every street pattern's house number holds: digits, maybe a letter, then a space ("12 ", "221b ", "30-12 ").
_HOUSE_PROBE = regex.compile(r"\d\p{L}?\s", DEFAULT_FLAGS)


class StreetAddressRecognizer(ChatPatternRecognizer):
    """Street addresses (lower-case too) with optional unit and city/state/zip tail, and PO boxes."""

    ENTITY = "STREET_ADDRESS"
    NAME = "ChatStreetAddressRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "number street suffix",
            rf"""
            (?P<value>
              {_HOUSE}
              (?:\s+{_STREET_WORD}){{1,4}}?               # street name, one to four words, shortest first
              \s+(?:{alternation(_STREET_SUFFIXES)})\b\.?  # suffix
              (?:\s+(?:[nsew]|ne|nw|se|sw)\b\.?)?         # post-directional: "5th Ave NW"
              {_UNIT}?                                    # apartment, unit, suite
              {_TAIL}?                                    # city, state, zip
            )
            """,
            0.7,
        ),
        verbose_pattern(
            "number street usps-suffix",
            rf"""
            (?P<value>
              {_HOUSE}
              (?:
                (?:\s+{_TITLE_WORD}){{1,4}}?\s+(?-i:(?=[A-Z]))(?:{alternation(_USPS_SUFFIXES)})\b  # Title Case
                {_UNIT}?{_TAIL}?
                |(?:\s+{_STREET_WORD}){{1,4}}?\s+(?:{alternation(_USPS_SUFFIXES)})\b   # any case, with a
                (?:{_UNIT}{_TAIL}?|{_TAIL})                                            # unit or a tail
              )
            )
            (?![\w-])
            """,
            0.6,
        ),
        verbose_pattern(
            "named house street and postcode",
            rf"""
            (?<![\w'\u2019-])
            (?P<value>
              (?:
                (?-i:The[ ]{_NAME_WORDS}|{_NAME_WORDS}[ ](?:{alternation(_HOUSE_NAMES)}))  # "The Old Forge"
                (?:{_UK_GAP}{_UK_STREET})?                                  # ", Church Lane"
                |{_UK_STREET}
              )
              (?:{_UK_GAP}(?-i:(?:Co\.?[ ]|County[ ])?{_NAME_WORDS})){{1,3}}   # village, town, county
              (?:{_UK_GAP}|[ ])(?-i:{_POSTCODE_UK}|{_EIRCODE})(?![\w-])     # "CO7 6QA", "V95 X2F4"
            )
            """,
            0.8,
        ),
        verbose_pattern(
            "po box",
            r"""
            \b(?P<value>
              (?:(?:rr|r\.r\.|rural\s+route|hc|star\s+route)\s*\d{1,3},?\s+box  # "RR 3 Box 45": a rural route
                 |p\.?\s?o\.?\s*box|post\s+office\s+box|pob)   # "PO Box", "P.O. Box", "post office box"
              \s*\#?\s*\d{1,7}\b
            )
            """,
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "live", "ship", "deliver", "street", "mail"]

    def _patterns_for(self, text: str) -> Iterable[Pattern]:
        """Every pattern but the street ones when no house number is followed by a space."""
        house = None
        for pattern in self._patterns:
            if pattern.name == "named house street and postcode":
                if _UK_POSTCODE_PROBE.search(text):
                    yield pattern
                continue
            if pattern.name.startswith("number street"):
                house = _HOUSE_PROBE.search(text) is not None if house is None else house
                if not house:
                    continue
            yield pattern


_ALL_ZERO_ZIP = regex.compile(r"0{5}(?:-0{4})?")
# Something every match of a pattern contains, with the pattern's flags: its cue words ("zip", "postal code",
# "cep", "eircode", "código postal", "postleitzahl" hold one of these), or the space and digits before a ZIP.
_ZIP_PROBES = {
    "zip after cue": regex.compile(r"zip|post|cep|eircode", DEFAULT_FLAGS),
    "zip before cue": regex.compile(r"zip|post", DEFAULT_FLAGS),
    "zip after ship to": regex.compile(r"to[ ]+\d", DEFAULT_FLAGS),
    "zip after state": regex.compile(r"\s\d{5}", DEFAULT_FLAGS),
}


class ZipCodeRecognizer(ChatPatternRecognizer):
    """US ZIP (bare five digits only after a cue), ZIP+4, UK postcodes and Canadian postal codes."""

    ENTITY = "ZIP_CODE"
    NAME = "ChatZipCodeRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "zip after cue",
            rf"""
            \b(?:zip|zip\s*code|zipcode|zip/postal\s*code|postal\s*code|postcode|post\s*code|postal|cep
              |eircode|post\s*number|postnummer|postnr|c[oó]digo\s*postal|code\s*postal|postleitzahl)\b
            (?:\s*\(?\s*|\s+(?:(?:for|of|in|on|at)\s+(?:\w+\s+){{0,3}}?)?(?:is|was|=|would\s+be|should\s+be|will\s+be)
              |"?\s*[:=#-][ \t]*"?)?\s*                  # "zip is", "postal code:", '"zip": "48201"'
            (?P<value>{_ZIP_US}|{_POSTCODE_CA}|{_POSTCODE_UK}
              |\d{{4}}[ ]?(?-i:[A-Z]{{2}})|\d{{3}}[ ]\d{{2}}|\d{{2}}-\d{{3}}         # other countries' codes
              |\d{{3,5}}-\d{{3,4}}                                      # Portugal, Brazil, Japan
              |(?-i:[A-Z]{{1,2}})-?\d{{4,5}}|(?-i:\u03a4\u039a)[ ]?\d{{3}}[ ]?\d{{2}}  # "H-6260", "AZ3552", Greece
              |(?-i:[A-Z]\d[\dW])[ ]?(?-i:[A-Z\d]{{4}})     # Ireland "D02 X285", "E66DHYW"
              |\d{{3,10}})
            (?![\w-])
            """,
            0.85,
        ),
        verbose_pattern(
            "zip before cue",
            rf"""
            (?<![\w.$-])
            (?P<value>{_ZIP_US}|{_POSTCODE_CA}|(?-i:{_POSTCODE_UK})|\d{{4}}|\d{{3}}[ ]\d{{2}}|\d{{2}}-\d{{3}})
            \s+(?:is|was|=)\s+(?:my|our|the|his|her|their|your)\s+(?:new\s+|old\s+)?
            (?:zip|zip\s*code|zipcode|postal\s*code|postcode|post\s*code)\b   # "94107 is my zip"
            """,
            0.85,
        ),
        verbose_pattern(
            "zip after ship to",
            r"""
            \b(?:ship|shipping|shipped|deliver|delivery|delivering|delivered|send|sending|sent|mail|mailing|mailed)
            [ ]+(?:it[ ]+|them[ ]+)?to[ ]+
            (?P<value>\d{5}(?:-\d{4})?|\d{2}-\d{3})(?![\w-])      # "shipping to 35785 took 2 days"
            (?=[ \t]*(?:$|[,.!;)\n]|(?:took|takes|was|is|and|but|please|pls|thanks|in|on|by|for|within|costs?
               |yesterday|today|tomorrow|will|would|should|usually|never)\b))  # not "ship to 12 Main St"
            """,
            0.6,
        ),
        verbose_pattern(
            "zip+4",
            r"(?<![\w.$-])(?P<value>\d{5}-\d{4})(?![\w-])",
            0.5,
        ),
        verbose_pattern(
            "zip after state",
            rf"""
            (?-i:\b(?:{alternation(_STATES)}))\.?,?\s+   # "CA 94107", "Texas, 73301"
            (?P<value>{_ZIP_US})(?![\w-])
            """,
            0.7,
        ),
        verbose_pattern(
            "uk postcode",
            rf"""
            (?<![\w-])
            (?!\w+\s?\d(?:gb|mb|kb|tb|am|pm)\b)   # "MP3 4GB", "X1 9AM" are sizes and times
            (?P<value>(?-i:{_POSTCODE_UK}))
            (?![\w-])
            """,
            0.6,
        ),
        verbose_pattern(
            "canadian postal code",
            rf"(?<![\w-])(?P<value>(?-i:{_POSTCODE_CA}))(?![\w-])",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["zip", "postal", "postcode", "code"]

    def _patterns_for(self, text: str) -> Iterable[Pattern]:
        """Every pattern but those whose cue word (or five digits after a space) is not in `text`."""
        for pattern in self._patterns:
            probe = _ZIP_PROBES.get(pattern.name)
            if probe is None or probe.search(text):
                yield pattern

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """The all-zero ZIP 00000 is a placeholder, not a location."""
        return _ALL_ZERO_ZIP.fullmatch(match.group("value")) is not None


# Spelled-out numbers, as a call transcript writes a house number: "forty two", "one twenty", "nine oh five".
_NUMBER_WORDS = words(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred oh
    """
)
_SPOKEN_NUMBER = rf"(?:{alternation(_NUMBER_WORDS)})(?:[ -](?:{alternation(_NUMBER_WORDS)})){{0,3}}(?![\w-])"
# The street types a speaker says in full (abbreviations are written, not spoken), in Title Case.
_SPOKEN_TYPES = words(
    """
    Street Avenue Road Lane Drive Court Boulevard Place Way Terrace Crescent Close Parkway Highway Square Trail
    Circle Gardens Grove Row
    """
)


_SPOKEN_TYPES_LOWER = [t.lower() for t in _SPOKEN_TYPES]  # "one two three main street": a lower-case transcript


class SpokenAddressRecognizer(ChatPatternRecognizer):
    """A house number said in words before a Title Case street ("forty two Hollis Street apartment two
    Dorchester"): speech-to-text transcripts of calls spell numbers out."""

    ENTITY = "STREET_ADDRESS"
    NAME = "ChatSpokenAddressRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "spoken number street",
            rf"""
            (?<=(?:\b(?:at|to|on|is|from|near|address|addr|it['\u2019]?s)|:)[ ]  # "knocked at", "address is", "it's"
                (?:(?:uh|uhh|um|umm|er|erm|ah|like|so)[,.]*[ ])*)          # "I'm at uh one nine two …"
            (?P<value>
              {_SPOKEN_NUMBER}
              (?:(?:[ ](?-i:[A-Z][a-z'\u2019]+)){{1,3}}?[ ](?-i:{alternation(_SPOKEN_TYPES)})
                |(?:[ ](?-i:{_STREET_WORD})){{1,2}}?[ ](?-i:{alternation(_SPOKEN_TYPES_LOWER)}))  # lower case
              (?![\w-])
              (?:,?[ ](?:apartment|apt|unit|suite|flat)[ ](?:{_SPOKEN_NUMBER}|\d{{1,5}}[a-z]?(?![\w-]))
                 (?:[ ](?-i:[A-Z])(?![\w'\u2019-]))?)?                    # "apartment four C"
              (?:,?[ ](?-i:[A-Z][a-z'\u2019]+(?:[ ][A-Z][a-z'\u2019]+)?)(?=[ \t]*(?:$|[,.!?;\n])))?  # the town
            )
            """,
            0.9,  # above spaCy 0.85: the merged span is the address, not the LOCATION it saw in the street
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "live", "street", "knocked", "deliver"]
