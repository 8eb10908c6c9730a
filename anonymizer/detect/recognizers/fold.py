# ruff: noqa: RUF001 - the tables map look-alike letters of other scripts on purpose
"""Accent folding and transliteration for name and place look-ups: "Wisława" and "wislawa" are one key.

The packaged word lists hold folded keys (`scripts/build_name_lists.py` writes them with `fold`), so a word
typed with or without its accents, in Latin, Cyrillic or Greek script, finds the same entry.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache

from wordfreq import get_frequency_dict, zipf_frequency

# Letters NFKD does not split into a base letter and a mark.
_SPECIAL = str.maketrans(
    {
        "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i",
        "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ƒ": "f", "ſ": "s", "’": "'",
    }
)  # fmt: skip

# Romanization of Cyrillic (Russian, Ukrainian, Bulgarian, Macedonian) and Greek, close to the common
# passport spellings; a name list keeps both the native and the romanized key.
_ROMAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ј": "j",
        "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
        "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
        "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, accents removed, special Latin letters spelled out: "Guðmundsdóttir" -> "gudmundsdottir"."""
    lower = word.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def romanize(word: str) -> str:
    """The folded word with Cyrillic and Greek letters romanized: "Мордвинова" -> "mordvinova"."""
    return fold(word).replace("ου", "ou").translate(_ROMAN)


@cache
def _frequencies(lang: str, wordlist: str) -> dict[str, float]:
    frequencies: dict[str, float] = get_frequency_dict(lang, wordlist)  # wordfreq's own cached dict, no copy
    return frequencies


def fast_zipf(word: str, lang: str, wordlist: str = "best") -> float:
    """`wordfreq.zipf_frequency`, looked up directly for a lower-case ASCII word.

    wordfreq normalizes and tokenizes every word it is asked about, a cost paid per new word and language (the
    language filters ask 25 languages about every word of a message). A lower-case ASCII word is its own
    normalized single token, so its frequency is one dictionary lookup; any other word takes wordfreq's path.
    """
    if word.isascii() and word.isalpha() and word.islower():
        freq = _frequencies(lang, wordlist).get(word)
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    return float(zipf_frequency(word, lang, wordlist=wordlist))


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """How common `word` is in English on the Zipf scale (wordfreq's bundled lists, no download).

    0 for a word never seen, 3 for once per million words, 6 for "will". Names of people from outside the
    English-speaking world ("Szczepańska", "Nishiyama") score under 2; everyday words over 3.
    """
    return fast_zipf(word, "en")
