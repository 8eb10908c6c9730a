"""Rebuild the packaged first- and last-name lists from Faker's person providers (every locale).

    python scripts/build_name_lists.py            # writes anonymizer/detect/recognizers/data/{first,last}_names.txt

Faker (MIT licence, https://github.com/joke2k/faker) is a development dependency only: the lists are
packaged, so detection never imports Faker. Every entry is stored as its folded key (`fold`: lower case, no
accents); Cyrillic and Greek entries also as their romanized key, so "Мордвинова" and "Mordvinova" match,
unless the romanized key is an everyday English word and no Latin-script entry has it (Bulgarian "Агент"
romanizes to "agent"): that check uses wordfreq (`pip install wordfreq`, build time only; its data is not
packaged). Entries of several words ("de la Cruz") add each word of two letters or more.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path

import faker
import faker.providers.person as person
from wordfreq import zipf_frequency

from anonymizer.detect.recognizers.fold import fold, romanize

DATA = Path(__file__).resolve().parents[1] / "anonymizer" / "detect" / "recognizers" / "data"
# Attribute names differ between locales ("last_names", "male_last_names", "unisex_last_names",
# "first_romanized_names"): every word list whose name says first/middle or last/surname counts.
_FIRST = ("first_name", "first_romanized_name", "middle_name")
_LAST = ("last_name", "last_romanized_name", "surname")
# The bare "en" provider mixes in rare given names that are place names first ("Texas"); en_US, en_GB and
# the other English locales cover English names.
_SKIPPED_LOCALES = frozenset({"en"})


def _entries(provider: type, attributes: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for attribute in [a for a in dir(provider) if not a.startswith("_") and any(p in a for p in attributes)]:
        value = getattr(provider, attribute, None)
        if not isinstance(value, (tuple, list, dict)):
            continue
        for entry in value:  # tuples, lists, and weighted dicts (keys)
            if isinstance(entry, str):
                found.add(entry)
    return found


# A romanized key at least this frequent in English (Zipf scale: 3 = once per million words) is a word first.
_EVERYDAY_ZIPF = 3.5


def _keys(entries: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    romanized: set[str] = set()
    for entry in entries:
        for word in entry.replace("-", " ").split() + ([entry] if "-" in entry else []):
            word = word.strip(".,'")
            if len(word) < 2 or not any(c.isalpha() for c in word):
                continue
            keys.add(fold(word))
            romanized.add(romanize(word))
    keys |= {k for k in romanized - keys if zipf_frequency(k, "en") < _EVERYDAY_ZIPF}
    return keys


def build() -> tuple[list[str], set[str], set[str]]:
    locales, first, last = [], set(), set()
    for module in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        if module in _SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module}").Provider
        f, la = _entries(provider, _FIRST), _entries(provider, _LAST)
        if f or la:
            locales.append(module)
        first |= _keys(f)
        last |= _keys(la)
    return locales, first, last


def _write(path: Path, what: str, locales: list[str], keys: set[str]) -> None:
    header = (
        f"# {what} names extracted from Faker {faker.VERSION} (MIT licence, https://github.com/joke2k/faker),\n"
        f"# person providers of all {len(locales)} locales; folded keys (lower case, accents removed), Cyrillic\n"
        "# and Greek entries also romanized; one per line. Rebuild: python scripts/build_name_lists.py\n"
    )
    path.write_text(header + "".join(k + "\n" for k in sorted(keys)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", type=Path, default=DATA)
    args = parser.parse_args()
    locales, first, last = build()
    _write(args.out_dir / "first_names.txt", "First", locales, first)
    _write(args.out_dir / "last_names.txt", "Last", locales, last)
    print(f"{len(locales)} locales: {len(first)} first-name keys, {len(last)} last-name keys")


if __name__ == "__main__":
    main()
