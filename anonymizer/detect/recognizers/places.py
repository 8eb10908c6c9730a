"""LOCATION: a town typed after a moving/living/delivery phrase, in any case, invented names included.

The small NER model misses lower-case and unfamiliar towns ("moved to matthewchester", "i'm in kristastad,
tx"). A phrase that says "this is where I am" and a word that is not an everyday word carry the evidence;
a trailing state or province code ("tx", "NSW", "on") belongs to the place.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import STOP_WORDS, ChatPatternRecognizer, alternation, verbose_pattern, words
from .names import common_words
from .ner_filter import ORGANISATION_WORDS

# US states, Canadian provinces and Australian states and territories, as typed after a town.
_REGIONS = words(
    """
    al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd
    oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy on qc bc ab mb sk ns nb nl pe yt nt nu nsw vic qld sa tas
    act
    """
)

_PLACE_WORD = r"[^\W\d_][^\W\d_'\u2019.\-]*(?:['\u2019\-](?![sS]\b)[^\W\d_]+)*"  # not "it's"


class PlaceCueRecognizer(ChatPatternRecognizer):
    """One to three words after "moved to", "live in", "deliver to", "store in"..., plus a region code."""

    ENTITY = "LOCATION"
    NAME = "ChatPlaceRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "place after cue",
            rf"""
            \b(?:(?:just\s+)?(?:moved|moving|relocated|relocating)\s+(?:back\s+)?(?:to|from)
               |(?:i\s+)?(?:live|living|reside|residing|based|located|staying)\s+in
               |i'?m\s+in|i\s+am\s+in|(?:deliver|delivery|ship|shipping|send\s+it)\s+to
               |(?:store|shop|branch|location)\s+in|(?:visiting|flying\s+to|travel(?:l)?ing\s+to)
               |originally\s+from|(?:moved|came)\s+here\s+from|grew\s+up\s+in|hometown(?:\s+is)?
               |home\s+(?:city|town)(?:\s+(?:is|of))?|returned\s+to            # where someone is from
               |(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:from|(?:out|over|down|up|back|currently|still|now)\s+in)
               |(?:we\s+)?(?:live|living|based|located)\s+(?:near|(?:just\s+)?outside(?:\s+of)?|out\s+of)
               |(?:head(?:ed|ing)|driving|drove|commut(?:e|ing))\s+(?:to|from)  # "heading to tulsa"
               |born\s+(?:and\s+raised\s+)?in|here\s+in)                       # "born in fresno", "here in reno"
            \s+
            (?P<value>
              {_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?          # one to three words, fewest first
              (?:,[ ]?(?:{alternation(_REGIONS)})\b)?             # ", tx", ", NSW"
            )
            (?=\s*(?:$|[,.!?;:)]|\s+(?:and|but|now|last|next|this|if|lol|btw|for|since|because|so|please|pls|to|from)\b
                  |\s*\p{{So}}))                                 # the place ends the clause
            """,
            0.6,
        ),
        verbose_pattern(
            "second place of a from-to pair",
            rf"""
            \b(?:moved|moving|relocated|relocating|flying|flew|travel(?:l)?(?:ed|ing)|driving|drove|head(?:ed|ing)
               |ship(?:ped|ping)?|commut(?:e|ing))\s+(?:back\s+)?from    # not "went from basic to premium"
            \s+{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?(?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            \s+to\s+                                                      # "... to omaha": the place moved to
            (?P<value>
              {_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}?
              (?:,[ ]?(?:{alternation(_REGIONS)})\b)?
            )
            (?=\s*(?:$|[,.!?;:)]|\s+(?:and|but|now|last|next|this|if|lol|btw|for|since|because|so|please|pls)\b
                  |\s*\p{{So}}))                                 # the place ends the clause
            """,
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["moved", "live", "deliver", "store", "ship"]

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Every word of the town must be a non-everyday word ("moved to a new place" is not a place)."""
        value = match.group("value")
        town = [w.lower() for w in value.split(",")[0].split()]
        if len(town) > 1 and town[0] in _PLACE_PREFIXES:
            town = town[1:]  # "south vanessa", "port lauraport", "new bryanborough"
        everyday = common_words() | STOP_WORDS
        # "i'm from acme outfitters": an agent naming the company, not a town.
        if town and town[-1] in ORGANISATION_WORDS:
            return True
        return any(word in everyday or word in _NOT_PLACES for word in town)


# First words of town names that are everyday words on their own.
_PLACE_PREFIXES = frozenset(
    words("north south east west new port saint st fort mount mt lake san santa los las el la le east upper lower")
)

# Where people say they are that is not a place name: "i'm in trouble", "deliver to the office".
_NOT_PLACES = frozenset(
    words(
        """
        trouble shock pain luck line queue hurry rush bed hospital office work school class town city
        apartment house flat home store shop mall lobby meeting traffic doubt love debt charge control
        canada-wide europe-wide stock person chat app settings checkout cart basket
        """
    )
)
