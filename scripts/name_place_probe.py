#!/usr/bin/env python3
"""Dev-only probe: names and places from every Faker locale in neutral chat carriers.

Like `scripts/faker_probe.py` for phones and addresses: draws first names, full names, towns, countries and
states/regions from each Faker locale that has an address provider, puts each in one of a few chat carriers
("please ask for {} at the desk", "can {} use my account?", "flight from {} to Lisbon", "{} is where I grew
up"; 15% lower-cased), runs the project's detector (the evaluation's Anonymizer, built-in policy) and prints
the no-leak recall per kind and per carrier: the share of values whose every non-space character is inside
some finding, of any type. `--show-misses N` lists misses. It is a source of formats, not a benchmark:
the carriers are few and fixed, and rules written after reading its misses score well on it by construction.

    python scripts/name_place_probe.py                          # all kinds, 6 values per locale and kind
    python scripts/name_place_probe.py --kinds city --show-misses 30
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import random
from collections import defaultdict
from typing import Any

# Presidio's e-mail recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

CARRIERS: dict[str, tuple[str, ...]] = {
    "person": (
        "please ask for {} at the desk",
        "I spoke to {} yesterday about it",
        "{} will pick up the order",
        "my son {} is 5",
        "ok thanks {}!",
        "the account holder is {}",
        "{} and I share the plan",
    ),
    "first": ("my daughter {} lost her card", "can {} use my account?", "tell {} I said hi"),
    "city": (
        "I live in {}",
        "we're moving to {} next month",
        "I'm originally from {}",
        "flight from {} to Lisbon",
        "{} is where I grew up",
        "is shipping to {} free?",
        "the store in {} was closed",
    ),
    "country": ("I live in {}", "we're moving to {} next month", "I'm from {}", "does it ship to {}?"),
    "state": ("I live in {}", "we moved to {} last year"),
}


def _value(kind: str, fake: Any) -> str | None:
    if kind == "person":
        return str(fake.name())
    if kind == "first":
        return str(fake.first_name())
    if kind == "city":
        return str(fake.city())
    if kind == "country":
        return str(fake.country())
    for attribute in ("state", "administrative_unit", "region", "province"):
        if hasattr(fake, attribute):
            try:
                return str(getattr(fake, attribute)())
            except (AttributeError, TypeError, ValueError):
                continue
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", nargs="+", choices=sorted(CARRIERS), default=sorted(CARRIERS))
    parser.add_argument("--per-locale", type=int, default=6)
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()

    import faker.providers.address as address_providers
    from faker import Faker

    from anonymizer.evaluation.evaluate import evaluation_anonymizer, predict

    locales = sorted(m.name for m in pkgutil.iter_modules(address_providers.__path__) if "_" in m.name)
    chooser = random.Random(7)
    cases: list[tuple[str, str, str, str, str, int]] = []
    for locale in locales:
        try:
            fake = Faker(locale)
        except (AttributeError, ImportError, ValueError):
            continue
        fake.seed_instance(11)
        for kind in args.kinds:
            for _ in range(args.per_locale):
                try:
                    value = _value(kind, fake)
                except (AttributeError, TypeError, ValueError):
                    value = None
                if not value:
                    continue
                carrier = chooser.choice(CARRIERS[kind])
                value = value.lower() if chooser.random() < 0.15 else value
                text = carrier.format(value)
                cases.append((kind, locale, carrier, value, text, text.index(value)))
    records = [
        {"conversation_id": f"c{i}", "message_id": f"m{i}", "turn": 0, "speaker": "customer", "text": case[4]}
        for i, case in enumerate(cases)
    ]
    predicted = predict(evaluation_anonymizer(), records)
    tally: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for i, (kind, locale, carrier, value, text, start) in enumerate(cases):
        covered = {j for f in predicted.get((f"m{i}", "text"), []) for j in range(f.start, f.end)}
        ok = all(j in covered for j in range(start, start + len(value)) if not text[j].isspace())
        for key in (kind, (kind, carrier)):
            tally[key][0] += ok
            tally[key][1] += 1
        if not ok:
            misses[kind].append(f"{locale}: {text!r}")
    for key, (hit, total) in sorted(tally.items(), key=str):
        print(f"{key!s:70} {hit:4}/{total:<4} {hit / total:.3f}")
    for kind in args.kinds:
        for line in misses[kind][: args.show_misses]:
            print(f"  miss {kind} {line}")


if __name__ == "__main__":
    main()
