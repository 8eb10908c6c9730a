#!/usr/bin/env python3
"""Dev-only probe: phone numbers, postal addresses and postcodes from every Faker locale, in chat sentences.

presidio-research's synthetic sets were generated with Faker in many locales, and chat users paste numbers and
addresses from everywhere, so the formats we have not seen are best found by generating them. This script
draws values from each Faker locale that has a phone_number or address provider, puts each in a few neutral
English chat carriers ("you can reach me at {}", "ship it to {}\\nthanks", the value alone, lower-cased,
one-line and multi-line), runs the project's detector (the evaluation's Anonymizer, built-in policy) and
reports per locale the **no-leak recall**: the share of values whose every non-space character is inside some
finding, of any type. It also runs a fixed list of chat sentences with numbers that are not PII (totals,
times, dates, versions, quantities) and reports every finding on them as a false positive.

Faker is a dev dependency only; nothing here is used at run time. Values are drawn with a fixed seed, so a run
is repeatable for one Faker version (the committed figures used Faker 40.63.0).

    python scripts/faker_probe.py                       # all locales, 20 values per locale and kind
    python scripts/faker_probe.py --kinds phone --locales en_GB de_DE --show-misses 5
    python scripts/faker_probe.py --json out/faker_probe.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Presidio's e-mail recognizer would otherwise try to fetch the Public Suffix List on first use.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

KINDS = ("phone", "address", "postcode")

# Carriers: (name, template). "{}" is the value; a carrier may lower-case or flatten the value (see render).
PHONE_CARRIERS: tuple[tuple[str, str], ...] = (
    ("reach", "you can reach me at {}"),
    ("number", "my number is {}"),
    ("call-on", "call me on {} after 5pm"),
    ("tel", "Tel: {}"),
    ("whatsapp", "whatsapp {}\nthanks"),
    ("cue-after", "{} is my mobile"),
    ("alone", "{}"),
)
ADDRESS_CARRIERS: tuple[tuple[str, str], ...] = (
    ("address-is", "my address is {}"),
    ("ship", "ship it to {}\nthanks"),
    ("alone", "{}"),
    ("lower", "send it to {} pls"),  # value lower-cased
    ("one-line", "I live at {}."),  # lines joined with ", "
)
POSTCODE_CARRIERS: tuple[tuple[str, str], ...] = (
    ("zip", "my zip code is {}"),
    ("postcode", "postcode: {}"),
    ("postal", "the postal code is {} i think"),
)
CARRIERS: dict[str, tuple[tuple[str, str], ...]] = {
    "phone": PHONE_CARRIERS,
    "address": ADDRESS_CARRIERS,
    "postcode": POSTCODE_CARRIERS,
}

# Chat sentences with numbers and no PII: every finding on them is a false positive.
NOT_PII: tuple[str, ...] = (
    "my order total was $1,234.56 and shipping was 12.99",
    "the meeting is at 10:30 tomorrow, or 2pm on friday",
    "I ordered it on 2024-03-14 and it arrived 03/21/2024",
    "updated to version 10.2.3 and then 11.0.1 build 4521",
    "we need 250 units by june, 1000 pcs in total",
    "the Model 3000 costs 499 dollars, the model 3500 is 649",
    "it was back in 1998 or 1999, maybe 2001",
    "tracking shows 3 of 4 parcels delivered",
    "I waited 45 minutes on hold, 2 hours yesterday",
    "room 12 on floor 3, table 7",
    "the screen is 1920 x 1080 at 144 Hz",
    "refund of 30% on 2 items, 15.5 kg total",
    "between 9 and 5, monday to friday",
    "it's 2 for 1 until 31 dec",
    "I have 2 Pixel 7 phones and 3 Galaxy S22",
    "battery at 87%, 4000 mAh, 25 W charger",
    "the error code was 0x80070005 then E-1234",
    "chapter 12, page 345, line 20",
    "got 3 emails and 12 texts today",
    "scores: 98.6, 100.2, 101.5",
    "the ticket price went from 120 to 135 euros",
    "we're 4 people arriving on the 12th at 7",
    "order #123456 has 3 items",
    "it's 5 min away, about 2.5 miles",
    "I pay 59.99 per month for 100 GB",
    "please allow 3-5 business days, 7-10 for international",
    "the 2019 model vs the 2021 model",
    "I've been a customer for 12 years, since 2012",
    "my flight is at 06:45 and lands at 09:15",
    "the box was 30 x 20 x 15 cm",
    "she is 34 and he is 36",
    "that's 1 2 3 steps, then step 4",
    "a 20% discount on orders over 100",
    "the ratio is 16:9, refresh 60/120",
    "sent 2 of the 3 parts on 5 jan 2024",
    "it was 1,000,000 views in 24 hrs",
    "call back in 10 minutes please",
    "my phone is 3 years old and the battery lasts 6 hours",
    "I have the iPhone 13 Pro, 256 GB, iOS 17.4.1",
    "the deal ends 12/31, code SAVE20 gives 20 off",
    "I ordered 12 pizzas at 7.50 each",
    "update: 3 out of 5 stars, 4.2 average",
    "temperature 21.5 C, humidity 45 %",
    "the bill for march is 84.20, april 91.75",
    "I need 2 of size 10 and 1 of size 11",
    "Windows 11, Office 365, 16 GB RAM",
    "the package weighs 2.3 lbs and is 12 in long",
    "season 3 episode 7 was the best",
    "it happened around 3 or 4 times last week",
    "queue position 17, estimated wait 25 min",
)


@dataclass
class Case:
    """One generated value in one carrier."""

    kind: str
    locale: str
    carrier: str
    value: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.value)


@dataclass
class Tally:
    cases: int = 0
    covered: int = 0
    misses: list[Case] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.covered / self.cases if self.cases else 1.0


def provider_locales(kind: str) -> list[str]:
    """Faker locales with their own provider for `kind` (phone_number, or address for addresses and codes)."""
    from faker.config import AVAILABLE_LOCALES

    package = "phone_number" if kind == "phone" else "address"
    found = []
    for locale in sorted(AVAILABLE_LOCALES):
        try:
            importlib.import_module(f"faker.providers.{package}.{locale}")
        except ImportError:
            continue
        found.append(locale)
    return found


def render(template: str, carrier: str, value: str) -> tuple[str, str, int]:
    """The carrier text, the value as placed in it, and where it starts."""
    if carrier == "lower":
        value = value.lower()
    elif carrier == "one-line":
        value = ", ".join(part.strip() for part in value.splitlines() if part.strip())
    head, tail = template.split("{}", 1)
    return head + value + tail, value, len(head)


def draw(kind: str, fake: Any) -> str:
    if kind == "phone":
        try:
            return str(fake.phone_number())
        except AttributeError:  # the Philippine locales have only mobile and landline numbers
            return str(fake.mobile_number() if fake.random.random() < 0.5 else fake.landline_number())
    if kind == "address":
        return str(fake.address())
    return str(fake.postcode())


def generate(kinds: Sequence[str], locales: Sequence[str] | None, per_locale: int, seed: int) -> list[Case]:
    """`per_locale` values per locale and kind, each in one carrier (cycled), drawn with a fixed seed."""
    from faker import Faker

    cases: list[Case] = []
    for kind in kinds:
        carriers = CARRIERS[kind]
        wanted = provider_locales(kind)
        if locales:
            wanted = [loc for loc in wanted if loc in locales]
        for locale in wanted:
            fake = Faker(locale)
            fake.seed_instance(seed)
            offset = random.Random(f"{seed}:{kind}:{locale}").randrange(len(carriers))
            for i in range(per_locale):
                value = draw(kind, fake).strip()
                if not value:
                    continue
                name, template = carriers[(i + offset) % len(carriers)]
                text, placed, start = render(template, name, value)
                cases.append(Case(kind, locale, name, placed, text, start))
    return cases


def covered(case: Case, spans: Iterable[tuple[int, int]]) -> bool:
    """Every non-space character of the value lies inside some span (of any type)."""
    inside = [False] * len(case.value)
    for start, end in spans:
        for pos in range(max(start, case.start), min(end, case.end)):
            inside[pos - case.start] = True
    return all(hit or ch.isspace() for hit, ch in zip(inside, case.value, strict=True))


def default_detect() -> Callable[[list[str]], list[list[tuple[int, int, str]]]]:
    """The evaluation's Anonymizer (built-in policy, throw-away keys): spans and types per text."""
    from anonymizer.evaluation.evaluate import evaluation_anonymizer

    anonymizer = evaluation_anonymizer()

    def detect(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        out: list[list[tuple[int, int, str]]] = []
        for chunk in range(0, len(texts), 256):
            for findings in anonymizer.detect_batch(texts[chunk : chunk + 256]):
                out.append([(f.start, f.end, f.entity_type) for f in findings])
        return out

    return detect


def score(cases: Sequence[Case], found: Sequence[Sequence[tuple[int, int, str]]]) -> dict[str, dict[str, Tally]]:
    """kind -> locale -> tally; the carrier tallies are under the key 'carrier:<name>'."""
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for case, spans in zip(cases, found, strict=True):
        ok = covered(case, [(s, e) for s, e, _ in spans])
        for key in (case.locale, f"carrier:{case.carrier}", "ALL"):
            tally = tallies[case.kind][key]
            tally.cases += 1
            tally.covered += ok
            if not ok:
                tally.misses.append(case)
    return tallies


def false_positives(found: Sequence[Sequence[tuple[int, int, str]]]) -> list[tuple[str, str, str]]:
    """(sentence, finding text, type) for every finding on the not-PII sentences."""
    return [(text, text[s:e], t) for text, spans in zip(NOT_PII, found, strict=True) for s, e, t in spans]


def report(tallies: dict[str, dict[str, Tally]], fps: list[tuple[str, str, str]], show_misses: int) -> str:
    lines: list[str] = []
    for kind, by_key in tallies.items():
        total = by_key["ALL"]
        lines.append(f"== {kind}: no-leak recall {total.recall:.3f} ({total.covered}/{total.cases})")
        carriers = sorted(k for k in by_key if k.startswith("carrier:"))
        lines.append("   by carrier: " + ", ".join(f"{k[8:]} {by_key[k].recall:.2f}" for k in carriers))
        locales = sorted(
            (k for k in by_key if k != "ALL" and not k.startswith("carrier:")), key=lambda k: (by_key[k].recall, k)
        )
        perfect = [k for k in locales if by_key[k].recall == 1.0]
        for locale in locales:
            tally = by_key[locale]
            if tally.recall == 1.0:
                continue
            lines.append(f"   {locale:<8} {tally.recall:.2f} ({tally.covered}/{tally.cases})")
            for miss in tally.misses[:show_misses]:
                lines.append(f"      [{miss.carrier}] {miss.value!r}")
        lines.append(f"   1.00: {len(perfect)} locales ({' '.join(perfect)})")
    lines.append(f"== not-PII sentences: {len(fps)} findings on {len(NOT_PII)} sentences")
    for text, value, entity in fps:
        lines.append(f"   {entity}: {value!r} in {text!r}")
    return "\n".join(lines)


def summary(tallies: dict[str, dict[str, Tally]], fps: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {
        "kinds": {
            kind: {
                key: {"cases": t.cases, "covered": t.covered, "recall": round(t.recall, 4)} for key, t in by_key.items()
            }
            for kind, by_key in tallies.items()
        },
        "false_positives": [{"text": t, "value": v, "entity_type": e} for t, v, e in fps],
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Per-locale no-leak recall of the detector on Faker phones, addresses and postcodes in chat "
        "sentences, and false positives on not-PII sentences with numbers (dev only).",
    )
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--locales", nargs="+", help="only these Faker locales (default: every one with a provider)")
    parser.add_argument("--per-locale", type=int, default=20, help="values per locale and kind (default 20)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="list N missed values per locale")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cases = generate(args.kinds, args.locales, args.per_locale, args.seed)
    detect = default_detect()
    found = detect([c.text for c in cases] + list(NOT_PII))
    tallies = score(cases, found[: len(cases)])
    fps = false_positives(found[len(cases) :])
    print(report(tallies, fps, args.show_misses))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary(tallies, fps), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
