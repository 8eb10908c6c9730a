"""Generate synthetic customer-support chat transcripts with exact gold PII spans, for tests and accuracy evaluation.

Every value is synthetic: names, streets and postcodes come from a seeded Faker, every number (cards, SSNs,
IBANs, phones, ids) from a seeded ``random.Random``. The same command always writes the same bytes (for a given
Faker version), so the committed samples and evaluation sets can be checked against the generator.

Texts are assembled from template pieces and each PII piece's offsets are recorded while the text is being
built, never by searching the finished text, so a gold span is exact by construction.

Templates and value formats each carry an id and belong either to the shared pool or to the held-out pool.
``--split dev`` draws only from the shared pool; ``--split test`` draws from both (held-out ones weighted up),
so a detector tuned on dev is measured on phrasings and formats it has never seen.

Example:
    python scripts/generate_chats.py --seed 1 --conversations 50 \\
        --out data/samples/transcripts.jsonl --gold data/samples/transcripts.gold.jsonl --split all
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import string
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ENTITY_TYPES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
    "URL",
    "STREET_ADDRESS",
    "ZIP_CODE",
    "LOCATION",
    "USERNAME",
    "ACCOUNT_ID",
    "ORDER_ID",
    "PASSWORD",
    "DATE_OF_BIRTH",
    "PARTIAL_ID",
)
SPEAKERS = ("customer", "agent", "bot", "system")
CHANNELS = ("web", "app", "sms")
SPLITS = ("all", "dev", "test")

# Held-out variants are drawn twice as often in the test split so that enough unseen phrasings land in it.
HELD_OUT_TEST_WEIGHT = 2.0

# Conversations start within a few days of this instant (the brief asks for 2026, spread over days).
EPOCH = dt.datetime(2026, 3, 2, 7, 0, 0, tzinfo=dt.UTC)


# --------------------------------------------------------------------------------------------------------------
# Text pieces and variants


@dataclass(frozen=True)
class Piece:
    """A run of message text; ``entity`` is the gold type when the run is PII, else None."""

    text: str
    entity: str | None = None


@dataclass(frozen=True)
class Template:
    """One phrasing of a turn; ``{slot}`` placeholders are filled from the conversation."""

    id: str
    intent: str
    speaker: str
    text: str
    held_out: bool


@dataclass(frozen=True)
class Fmt:
    """One way of writing a value (a phone format, an email spelling...)."""

    id: str
    held_out: bool
    render: Callable[[Conversation], str]
    # Some formats only make sense for some customers (day-first dates outside the US, UK phone styles).
    when: Callable[[Customer], bool] = lambda _c: True


class _Held(str):
    """Marks a template string as held out (test only)."""


def H(text: str) -> str:
    """Held-out template text: appears only in the test split."""
    return _Held(text)


TEMPLATES: dict[str, list[Template]] = {}


def _define(intent: str, speaker: str, texts: Sequence[str]) -> None:
    assert intent not in TEMPLATES, intent
    TEMPLATES[intent] = [
        Template(f"{intent}/{i:02d}", intent, speaker, t, isinstance(t, _Held)) for i, t in enumerate(texts)
    ]


# --------------------------------------------------------------------------------------------------------------
# Fixed, non-personal vocabulary. Brand and bot names are fictional; bot names double as PERSON decoys.

BRANDS = (
    ("Northwind Mobile", "Nova", "northwind.example.com"),
    ("Brightline Home", "Ava", "brightline.example.com"),
    ("Acme Outfitters", "Max", "acme-outfitters.example.com"),
)
PRODUCTS = (
    "AeroBuds Pro",
    "Nimbus AX3000 router",
    "TrailRunner 5 shoes",
    "Lumen desk lamp",
    "Orbit S2 smartwatch",
    "Cascade blender",
    "Summit 30L backpack",
    "Beacon 2 doorbell",
    "Pulse charger",
    "Harbor rain jacket",
)
PLANS = ("Basic", "Plus", "Unlimited", "Family")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PASSWORD_WORDS = (
    "sunny", "maple", "tiger", "ocean", "falcon", "pepper", "coffee", "river", "rocket", "cobalt", "willow",
    "panda", "summer", "winter", "banjo", "cactus", "lemon", "orbit",
)  # fmt: skip
PET_NAMES = ("Biscuit", "Pepper", "Shadow", "Luna", "Rex", "Mochi", "Ziggy", "Bella", "Oreo", "Tucker")
EMAIL_DOMAINS = {
    "US": ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "proton.me"),
    "CA": ("gmail.com", "outlook.com", "rogers.com", "shaw.ca", "yahoo.ca"),
    "GB": ("gmail.com", "btinternet.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com"),
    "AU": ("gmail.com", "bigpond.com", "optusnet.com.au", "outlook.com"),
}
# Real place names are not personal data; pairing them with Faker streets keeps addresses synthetic.
CITIES = {
    "US": (
        ("Denver", "CO"), ("Austin", "TX"), ("Portland", "OR"), ("Columbus", "OH"), ("Raleigh", "NC"),
        ("Tucson", "AZ"), ("Madison", "WI"), ("Boise", "ID"), ("Richmond", "VA"), ("Omaha", "NE"),
        ("Sacramento", "CA"), ("Buffalo", "NY"), ("Savannah", "GA"), ("Spokane", "WA"), ("Des Moines", "IA"),
        ("Springfield", "IL"), ("Jersey City", "NJ"), ("San Jose", "CA"),
    ),
    "CA": (
        ("Toronto", "ON"), ("Ottawa", "ON"), ("Calgary", "AB"), ("Vancouver", "BC"), ("Halifax", "NS"),
        ("Winnipeg", "MB"), ("Victoria", "BC"),
    ),
    "GB": (
        ("Leeds", "West Yorkshire"), ("Bristol", "Avon"), ("Manchester", "Greater Manchester"),
        ("Norwich", "Norfolk"), ("York", "North Yorkshire"), ("Cardiff", "South Glamorgan"),
        ("Brighton", "East Sussex"),
    ),
    "AU": (
        ("Sydney", "NSW"), ("Melbourne", "VIC"), ("Brisbane", "QLD"), ("Perth", "WA"), ("Adelaide", "SA"),
        ("Hobart", "TAS"),
    ),
}  # fmt: skip
NANP_AREA_CODES = {
    "US": ("212", "213", "303", "312", "404", "415", "503", "512", "614", "617", "702", "713", "720", "773",
           "801", "857", "919", "929", "206", "480"),
    "CA": ("416", "604", "613", "403", "514", "905", "902"),
}  # fmt: skip
STREET_ABBREVIATIONS = {
    "Street": "St", "Avenue": "Ave", "Road": "Rd", "Court": "Ct", "Drive": "Dr", "Lane": "Ln",
    "Boulevard": "Blvd", "Place": "Pl", "Terrace": "Ter", "Square": "Sq",
}  # fmt: skip
LOCALES = (("en_US", "US", 0.7), ("en_GB", "GB", 0.1), ("en_CA", "CA", 0.1), ("en_AU", "AU", 0.1))


# --------------------------------------------------------------------------------------------------------------
# Synthetic identifiers with valid check digits, so checksum-validating recognizers have a fair chance.


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = [c for c in number if c.isdigit()]
    return luhn_check_digit("".join(digits[:-1])) == digits[-1]


def make_card(rng: random.Random) -> tuple[str, str]:
    brand = rng.choices(("Visa", "Mastercard", "Amex"), weights=(5, 4, 2))[0]
    if brand == "Visa":
        prefix, length = "4", 16
    elif brand == "Mastercard":
        prefix, length = str(rng.randint(51, 55)), 16
    else:
        prefix, length = rng.choice(("34", "37")), 15
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body), brand


def make_ssn(rng: random.Random) -> str:
    # Area 001-899 minus 666, non-zero group and serial: structurally valid, and never the published samples.
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        ssn = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if ssn not in ("123456789", "078051120", "219099999") and len(set(ssn)) > 1:
            return ssn


def iban_with_checksum(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{country}{98 - numeric % 97:02d}{bban}"


def iban_valid(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    numeric = int("".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4]))
    return numeric % 97 == 1


def make_iban(rng: random.Random, country: str) -> str:
    def digits(n: int) -> str:
        return "".join(rng.choice(string.digits) for _ in range(n))

    def letters(n: int) -> str:
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))

    if country == "GB":
        return iban_with_checksum("GB", letters(4) + digits(14))
    target = rng.choice(("DE", "NL", "IE", "ES", "FR"))
    bban = {
        "DE": lambda: digits(18),
        "NL": lambda: letters(4) + digits(10),
        "IE": lambda: letters(4) + digits(14),
        "ES": lambda: digits(20),
        "FR": lambda: digits(23),
    }[target]()
    return iban_with_checksum(target, bban)


def make_ups_tracking(rng: random.Random) -> str:
    body = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))
    body += rng.choice(("01", "02", "03", "12")) + "".join(rng.choice(string.digits) for _ in range(7))
    # UPS check digit: letters map to digits, odd/even weighting over the characters after "1Z".
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else (ord(ch) - ord("A") + 2) % 10
        total += v * (2 if i % 2 else 1)
    return "1Z" + body + str((10 - total % 10) % 10)


def make_usps_tracking(rng: random.Random) -> str:
    body = "9400" + "1" + "".join(rng.choice(string.digits) for _ in range(16))
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def make_public_ipv4(rng: random.Random) -> str:
    while True:
        a = rng.randint(1, 223)
        if a in (10, 127, 169, 172, 192, 100):  # skip private, loopback and shared ranges
            continue
        return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def make_ipv6_groups(rng: random.Random) -> list[int]:
    # 2001:db8::/32 is reserved for documentation, so no real host is ever named.
    groups = [0x2001, 0x0DB8, rng.randint(0, 0xFFFF), rng.randint(0, 0xFFFF)]
    tail = [rng.randint(0, 0xFFFF) for _ in range(4)]
    zero_run = rng.choice((0, 1, 2))  # leave a run of zeros so "::" compression shows up
    for i in range(zero_run):
        tail[i] = 0
    return groups + tail


def ipv6_compressed(groups: list[int]) -> str:
    best_start, best_len, i = -1, 0, 0
    while i < 8:
        if groups[i] == 0:
            j = i
            while j < 8 and groups[j] == 0:
                j += 1
            if j - i > best_len and j - i >= 2:
                best_start, best_len = i, j - i
            i = j
        else:
            i += 1
    parts = [f"{g:x}" for g in groups]
    if best_start < 0:
        return ":".join(parts)
    return ":".join(parts[:best_start]) + "::" + ":".join(parts[best_start + best_len :])


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def typo(word: str, rng: random.Random) -> str:
    """A plausible typing slip: swap, drop or double one inner letter."""
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 3)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[: i + 1] + word[i] + word[i + 1 :]


# --------------------------------------------------------------------------------------------------------------
# People and conversations


@dataclass
class Phone:
    country: str
    cc: str
    groups: tuple[str, ...]  # national significant number in its usual grouping, without the trunk prefix
    trunk: str  # "0" for UK/AU national dialling, "" for NANP

    @property
    def nanp(self) -> bool:
        return self.cc == "1"

    @property
    def e164(self) -> str:
        return "+" + self.cc + "".join(self.groups)


@dataclass
class Customer:
    user_id: str
    country: str
    locale: str
    first: str
    middle_initial: str
    last: str
    username: str
    email: str
    phone: Phone
    number: str
    street: str
    unit: str | None
    city: str
    region: str
    postcode: str
    dob: dt.date
    ssn: str | None
    card: str
    card_brand: str
    iban: str
    account: str
    password: str
    password2: str
    pin: str
    secret_question: str
    secret_answer: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Conversation:
    """Everything a template can refer to while one conversation is being written."""

    rng: random.Random
    split: str
    customer: Customer
    agent: str
    brand: str
    bot: str
    domain: str
    channel: str
    ip_groups: list[int] | None
    ip: str
    order: str
    ticket: str
    tracking: str
    otp: str
    product: str
    other_ip: str = ""

    def pick_fmt(self, formats: Sequence[Fmt]) -> Fmt:
        usable = [f for f in formats if f.when(self.customer)]
        return pick(usable, self.split, self.rng)


V = TypeVar("V", Template, Fmt)


def pick(variants: Sequence[V], split: str, rng: random.Random) -> V:
    if split == "dev":
        pool = [v for v in variants if not v.held_out]
        weights = [1.0] * len(pool)
    else:
        pool = list(variants)
        boost = HELD_OUT_TEST_WEIGHT if split == "test" else 1.0
        weights = [boost if v.held_out else 1.0 for v in pool]
    if not pool:
        raise ValueError(f"no variant available for split {split!r}: {[v.id for v in variants]}")
    return rng.choices(pool, weights=weights)[0]


class FakerPool:
    """One seeded Faker per locale; imported lazily because Faker is only a dev dependency."""

    def __init__(self, seed: int) -> None:
        try:
            from faker import Faker
        except ImportError:  # pragma: no cover - depends on the environment
            sys.exit("generate_chats.py needs Faker: pip install -e '.[dev]'")
        self._fakers: dict[str, Any] = {}
        for i, (locale, _country, _w) in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + i)
            self._fakers[locale] = fake

    def __getitem__(self, locale: str) -> Any:
        return self._fakers[locale]


def make_phone(rng: random.Random, country: str) -> Phone:
    if country in ("US", "CA"):
        area = rng.choice(NANP_AREA_CODES[country])
        if rng.random() < 0.25:  # 555-0100..0199 is reserved for fiction
            exchange, line = "555", f"01{rng.randint(0, 99):02d}"
        else:
            exchange, line = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}", f"{rng.randint(0, 9999):04d}"
            if exchange[1:] == "11":  # N11 codes are service numbers, not subscriber exchanges
                exchange = exchange[0] + "23"
        return Phone(country, "1", (area, exchange, line), "")
    if country == "GB":
        if rng.random() < 0.7:
            return Phone(country, "44", (f"7{rng.randint(400, 999)}", f"{rng.randint(0, 999999):06d}"), "0")
        # 020 7946 0xxx is Ofcom's drama range: valid-looking London numbers that are never assigned.
        return Phone(country, "44", ("20", "7946", f"0{rng.randint(0, 999):03d}"), "0")
    return Phone(
        country, "61", (f"4{rng.randint(10, 99)}", f"{rng.randint(0, 999):03d}", f"{rng.randint(0, 999):03d}"), "0"
    )


def make_customer(rng: random.Random, fakers: FakerPool, split: str, taken_ids: set[str]) -> Customer:
    locale, country, _ = rng.choices(LOCALES, weights=[w for *_x, w in LOCALES])[0]
    fake = fakers[locale]
    first, last = fake.first_name(), fake.last_name()
    f, la = ascii_fold(first).lower(), ascii_fold(last).lower().replace(" ", "").replace("'", "")
    birth_year = rng.randint(1950, 2006)
    local_part = rng.choice(
        (f"{f}.{la}", f"{f}{la}", f"{f[0]}.{la}", f"{f}_{la}", f"{f}{la}{birth_year % 100:02d}",
         f"{la}.{f}", f"{f}{rng.randint(1, 999)}", f"{f[0]}{la}{rng.randint(1, 99)}")
    )  # fmt: skip
    email = f"{local_part}@{rng.choice(EMAIL_DOMAINS[country])}"
    username = rng.choice(
        (f"{f[0]}{la}{birth_year % 100:02d}", f"{f}_{la}", f"{f}{birth_year}", f"{la}.{f[0]}",
         f"{rng.choice(PASSWORD_WORDS)}{rng.choice(PASSWORD_WORDS)}{rng.randint(1, 99)}", f"{f}{la[:3]}")
    )  # fmt: skip
    if rng.random() < 0.75:
        city, region = rng.choice(CITIES[country])
    else:
        city = fake.city()
        region = fake.county() if country == "GB" else rng.choice(CITIES[country])[1]
    if country == "US":
        postcode = fake.zipcode_in_state(region) if rng.random() < 0.8 else fake.zipcode()
    elif country == "CA":
        postcode = fake.postalcode_in_province(region)
    else:
        postcode = fake.postcode()
    unit = None
    if rng.random() < 0.4:
        unit = rng.choice(("Apt ", "Apt. ", "Unit ", "#", "Suite ")) if country != "GB" else rng.choice(("Flat ",))
        unit += str(rng.randint(1, 40)) + rng.choice(("", "", "A", "B"))
    card, brand = make_card(rng)
    # A user_id names one customer only, otherwise joins on it would merge two people.
    user_id = f"u_{rng.randint(10000, 99999)}"
    while user_id in taken_ids:
        user_id = f"u_{rng.randint(10000, 99999)}"
    taken_ids.add(user_id)
    pw_word = rng.choice(PASSWORD_WORDS)
    pw_word2 = rng.choice(PASSWORD_WORDS)
    password = rng.choice(
        (f"{pw_word.capitalize()}!{rng.randint(2015, 2026)}", f"{pw_word}{pw_word2}{rng.randint(10, 99)}",
         f"{pw_word.capitalize()}-{pw_word2.capitalize()}{rng.randint(1, 9)}",
         f"{pw_word[:3]}{rng.randint(100, 999)}#{rng.choice(string.ascii_uppercase)}")
    )  # fmt: skip
    question, answer = rng.choice(
        (
            ("What was the name of your first pet?", rng.choice(PET_NAMES)),
            ("What is your mother's maiden name?", fake.last_name()),
            ("What street did you grow up on?", fake.street_name()),
            ("What city were you born in?", rng.choice(CITIES[country])[0]),
        )
    )
    customer = Customer(
        user_id=user_id,
        country=country,
        locale=locale,
        first=first,
        middle_initial=rng.choice(string.ascii_uppercase),
        last=last,
        username=username,
        email=email,
        phone=make_phone(rng, country),
        number=str(fake.building_number()),
        street=fake.street_name(),
        unit=unit,
        city=city,
        region=region,
        postcode=postcode,
        dob=dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
        ssn=make_ssn(rng) if country == "US" else None,
        card=card,
        card_brand=brand,
        iban=make_iban(rng, country),
        account="",
        password=password,
        password2=f"{rng.choice(PASSWORD_WORDS)}{rng.randint(1000, 9999)}",
        pin=f"{rng.randint(0, 9999):04d}" if rng.random() < 0.8 else f"{rng.randint(0, 999999):06d}",
        secret_question=question,
        secret_answer=answer,
    )
    # The account number is a property of the customer, so its format is drawn once, under the split.
    holder = Conversation(rng, split, customer, "", "", "", "", "web", None, "", "", "", "", "", "")
    customer.account = holder.pick_fmt(ACCOUNT_FORMATS).render(holder)
    return customer


# --------------------------------------------------------------------------------------------------------------
# Value formats. Each renders one PII value; ids prefixed by the value kind.


def _c(conv: Conversation) -> Customer:
    return conv.customer


def _spell_email(email: str, at: str, dot: str) -> str:
    local, domain = email.split("@")
    local = local.replace(".", dot).replace("_", " underscore ")
    return f"{local}{at}{domain.replace('.', dot)}"


def _name_typo(conv: Conversation) -> str:
    c = _c(conv)
    if conv.rng.random() < 0.5:
        return f"{typo(c.first, conv.rng)} {c.last}"
    return f"{c.first} {typo(c.last, conv.rng)}"


NAME_FORMATS = (
    Fmt("name.title", False, lambda v: _c(v).full_name),
    Fmt("name.lower", False, lambda v: _c(v).full_name.lower()),
    Fmt("name.upper", False, lambda v: _c(v).full_name.upper()),
    Fmt("name.typo", False, _name_typo),
    Fmt("name.first_only", False, lambda v: _c(v).first),
    Fmt("name.last_comma_first", True, lambda v: f"{_c(v).last}, {_c(v).first}"),
    Fmt("name.middle_initial", True, lambda v: f"{_c(v).first} {_c(v).middle_initial}. {_c(v).last}"),
)
EMAIL_FORMATS = (
    Fmt("email.plain", False, lambda v: _c(v).email),
    Fmt("email.upper", False, lambda v: _c(v).email.upper()),
    Fmt("email.capitalized", False, lambda v: _c(v).email[0].upper() + _c(v).email[1:]),
    Fmt("email.spelled", False, lambda v: _spell_email(_c(v).email, " at ", " dot ")),
    Fmt("email.bracketed", True, lambda v: _spell_email(_c(v).email, " [at] ", " [dot] ")),
    Fmt("email.at_word", True, lambda v: _c(v).email.replace("@", " at ")),
)


def _phone_fmt(id_: str, held: bool, render: Callable[[Phone], str], when: Callable[[Phone], bool]) -> Fmt:
    return Fmt(id_, held, lambda v: render(_c(v).phone), lambda c: when(c.phone))


def _nanp(p: Phone) -> bool:
    return p.nanp


def _not_nanp(p: Phone) -> bool:
    return not p.nanp


def _gb_landline(p: Phone) -> bool:
    return p.country == "GB" and p.groups[0] == "20"


PHONE_FORMATS = (
    _phone_fmt("phone.nanp.paren", False, lambda p: f"({p.groups[0]}) {p.groups[1]}-{p.groups[2]}", _nanp),
    _phone_fmt("phone.nanp.dash", False, lambda p: "-".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.compact", False, lambda p: "".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.intl_spaced", False, lambda p: "+1 " + " ".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.spaced", False, lambda p: " ".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.dots", True, lambda p: ".".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.one_dash", True, lambda p: "1-" + "-".join(p.groups), _nanp),
    _phone_fmt("phone.nanp.e164", True, lambda p: p.e164, _nanp),
    _phone_fmt("phone.intl.national", False, lambda p: p.trunk + " ".join(p.groups), _not_nanp),
    _phone_fmt("phone.intl.national_compact", False, lambda p: p.trunk + "".join(p.groups), _not_nanp),
    _phone_fmt("phone.intl.spaced", True, lambda p: f"+{p.cc} " + " ".join(p.groups), _not_nanp),
    _phone_fmt("phone.intl.e164", True, lambda p: p.e164, _not_nanp),
    _phone_fmt("phone.gb.trunk_paren", True, lambda p: "+44 (0)" + " ".join(p.groups), _gb_landline),
)


def _card_groups(number: str) -> list[str]:
    if len(number) == 15:  # Amex prints 4-6-5
        return [number[:4], number[4:10], number[10:]]
    return [number[i : i + 4] for i in range(0, 16, 4)]


CARD_FORMATS = (
    Fmt("card.spaced", False, lambda v: " ".join(_card_groups(_c(v).card))),
    Fmt("card.dashed", False, lambda v: "-".join(_card_groups(_c(v).card))),
    Fmt("card.compact", False, lambda v: _c(v).card),
    Fmt("card.dots", True, lambda v: ".".join(_card_groups(_c(v).card))),
)


def _has_ssn(c: Customer) -> bool:
    return c.ssn is not None


def _ssn(v: Conversation) -> str:
    assert v.customer.ssn is not None
    return v.customer.ssn


SSN_FORMATS = (
    Fmt("ssn.dashed", False, lambda v: f"{_ssn(v)[:3]}-{_ssn(v)[3:5]}-{_ssn(v)[5:]}", _has_ssn),
    Fmt("ssn.compact", False, _ssn, _has_ssn),
    Fmt("ssn.spaced", True, lambda v: f"{_ssn(v)[:3]} {_ssn(v)[3:5]} {_ssn(v)[5:]}", _has_ssn),
)


def _iban_grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


IBAN_FORMATS = (
    Fmt("iban.compact", False, lambda v: _c(v).iban),
    Fmt("iban.grouped", False, lambda v: _iban_grouped(_c(v).iban)),
    Fmt("iban.grouped_lower", True, lambda v: _iban_grouped(_c(v).iban).lower()),
)


def _street_line(c: Customer, abbreviate: bool = False, sep: str = ", ") -> str:
    street = c.street
    if abbreviate:
        head, _, suffix = street.rpartition(" ")
        if suffix in STREET_ABBREVIATIONS:
            street = f"{head} {STREET_ABBREVIATIONS[suffix]}"
    line = f"{c.number} {street}"
    return f"{line}{sep}{c.unit}" if c.unit else line


def _locality(c: Customer, sep: str = ", ") -> str:
    if c.country == "GB":  # UK addresses rarely carry the county; town and postcode are enough
        return f"{c.city} {c.postcode}"
    return f"{c.city}{sep}{c.region} {c.postcode}"


def address_full(c: Customer) -> str:
    return f"{_street_line(c)}, {_locality(c)}"


ADDRESS_FORMATS = (
    Fmt("address.full", False, lambda v: address_full(_c(v))),
    Fmt("address.full_lower", False, lambda v: address_full(_c(v)).lower()),
    Fmt("address.street_only", False, lambda v: _street_line(_c(v), sep=" ")),
    Fmt("address.abbreviated", False, lambda v: f"{_street_line(_c(v), abbreviate=True)}, {_locality(_c(v))}"),
    Fmt("address.no_commas", True, lambda v: f"{_street_line(_c(v), sep=' ')} {_locality(_c(v), sep=' ')}"),
    Fmt("address.multiline", True, lambda v: f"{_street_line(_c(v), sep=chr(10))}\n{_locality(_c(v))}"),
)


def _zip_plus4(v: Conversation) -> str:
    return f"{_c(v).postcode}-{v.rng.randint(1, 9999):04d}"


ZIP_FORMATS = (
    Fmt("zip.as_is", False, lambda v: _c(v).postcode),
    Fmt("zip.lower", False, lambda v: _c(v).postcode.lower(), lambda c: c.country in ("GB", "CA")),
    Fmt("zip.plus4", True, _zip_plus4, lambda c: c.country == "US"),
)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _month_first(c: Customer) -> bool:
    return c.country in ("US", "CA")


def _day_first(c: Customer) -> bool:
    return c.country != "US"


def _dob(v: Conversation) -> dt.date:
    return v.customer.dob


def _month(v: Conversation) -> str:
    return _MONTHS[v.customer.dob.month - 1]


DOB_FORMATS = (
    Fmt("dob.us_slash", False, lambda v: _dob(v).strftime("%m/%d/%Y"), _month_first),
    Fmt("dob.us_short", False, lambda v: f"{_dob(v).month}/{_dob(v).day}/{_dob(v):%y}", _month_first),
    Fmt("dob.long", False, lambda v: f"{_month(v)} {_dob(v).day}, {_dob(v).year}", _month_first),
    Fmt("dob.iso", False, lambda v: _dob(v).isoformat()),
    Fmt("dob.day_first_long", False, lambda v: f"{_dob(v).day} {_month(v)} {_dob(v).year}", _day_first),
    Fmt("dob.day_first_slash", False, lambda v: _dob(v).strftime("%d/%m/%Y"), _day_first),
    Fmt("dob.ordinal_lower", True, lambda v: f"{_month(v).lower()} {_ordinal(_dob(v).day)} {_dob(v).year}"),
    Fmt("dob.abbrev_apostrophe", True, lambda v: f"{_month(v)[:3]} {_dob(v).day} '{_dob(v):%y}", _month_first),
    Fmt("dob.dotted", True, lambda v: _dob(v).strftime("%d.%m.%Y"), _day_first),
)  # fmt: skip


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _alnum(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


ACCOUNT_FORMATS = (
    Fmt("account.acc_prefix", False, lambda v: f"ACC-{_digits(v.rng, 8)}"),
    Fmt("account.digits8", False, lambda v: f"55{_digits(v.rng, 6)}"),
    Fmt("account.digits10", False, lambda v: f"{v.rng.randint(1, 9)}{_digits(v.rng, 9)}"),
    Fmt("account.cust_prefix", True, lambda v: f"CUST-{_digits(v.rng, 7)}"),
    Fmt("account.member", True, lambda v: f"M-{_digits(v.rng, 7)}"),
)
ORDER_FORMATS = (
    Fmt("order.alnum8", False, lambda v: _alnum(v.rng, 8)),
    Fmt("order.ord_year", False, lambda v: f"ORD-2026-{_digits(v.rng, 6)}"),
    Fmt("order.digits7", True, lambda v: f"10{_digits(v.rng, 5)}"),
    Fmt("order.booking6", True, lambda v: "".join(v.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))),
)
TICKET_FORMATS = (
    Fmt("ticket.tck", False, lambda v: f"TCK-{_digits(v.rng, 6)}"),
    Fmt("ticket.case_digits", False, lambda v: f"0{_digits(v.rng, 7)}"),
    Fmt("ticket.inc", True, lambda v: f"INC{_digits(v.rng, 7)}"),
)
TRACKING_FORMATS = (
    Fmt("tracking.ups", False, lambda v: make_ups_tracking(v.rng)),
    Fmt("tracking.usps_grouped", False, lambda v: _group4(make_usps_tracking(v.rng))),
    Fmt("tracking.usps_compact", True, lambda v: make_usps_tracking(v.rng)),
)


def _group4(s: str) -> str:
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


PIN_FORMATS = (
    Fmt("pin.plain", False, lambda v: _c(v).pin),
    Fmt("pin.spaced", True, lambda v: " ".join(_c(v).pin)),
)
OTP_FORMATS = (
    Fmt("otp.plain", False, lambda v: v.otp),
    Fmt("otp.split", True, lambda v: f"{v.otp[:3]} {v.otp[3:]}"),
)


def _is_v6(v: Conversation) -> bool:
    return v.ip_groups is not None


def _ip_text(v: Conversation, style: str) -> str:
    if v.ip_groups is None:
        return v.ip
    if style == "full":
        return ":".join(f"{g:04x}" for g in v.ip_groups)
    if style == "upper":
        return ipv6_compressed(v.ip_groups).upper()
    return ipv6_compressed(v.ip_groups)


IP_FORMATS = (
    Fmt("ip.as_logged", False, lambda v: _ip_text(v, "compressed")),
    Fmt("ip.v6_full", True, lambda v: _ip_text(v, "full")),
    Fmt("ip.v6_upper", True, lambda v: _ip_text(v, "upper")),
)


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(n))


TOKEN_URL_FORMATS = (
    Fmt("url.reset_token", False, lambda v: f"https://{v.domain}/account/reset?token={_token(v.rng, 32)}"),
    Fmt("url.verify_code", False,
        lambda v: f"https://{v.domain}/verify?uid={v.customer.user_id}&code={_digits(v.rng, 6)}"),
    Fmt("url.magic_link", True, lambda v: f"https://login.example.com/magic/{_token(v.rng, 40)}"),
    Fmt("url.unsubscribe_email", True,
        lambda v: f"https://{v.domain}/unsubscribe?email={v.customer.email.replace('@', '%40')}"),
)  # fmt: skip
PROFILE_URL_FORMATS = (
    Fmt("url.community_user", False, lambda v: f"https://community.{v.domain}/users/{v.customer.username}"),
    Fmt("url.site_users", False, lambda v: f"https://site.com/users/{v.customer.username}"),
    Fmt("url.profile_id", True, lambda v: f"https://www.example.org/profile?id={v.customer.user_id[2:]}"),
    Fmt("url.no_scheme", True, lambda v: f"www.{v.domain}/u/{v.customer.username}"),
)
USERNAME_FORMATS = (
    Fmt("username.plain", False, lambda v: _c(v).username),
    Fmt("username.handle", False, lambda v: "@" + _c(v).username),
    Fmt("username.upper", True, lambda v: _c(v).username.upper()),
)
LOCATION_FORMATS = (
    Fmt("location.city", False, lambda v: _c(v).city),
    Fmt("location.city_region", False, lambda v: f"{_c(v).city}, {_c(v).region}"),
    # Counties are spelled out; a bare US state abbreviation ("ID", "OR") would not be a fair location mention.
    Fmt("location.county", False, lambda v: _c(v).region, lambda c: c.country == "GB"),
    Fmt("location.city_lower", True, lambda v: _c(v).city.lower()),
)

FORMAT_GROUPS: dict[str, tuple[Fmt, ...]] = {
    "name": NAME_FORMATS,
    "email": EMAIL_FORMATS,
    "phone": PHONE_FORMATS,
    "card": CARD_FORMATS,
    "ssn": SSN_FORMATS,
    "iban": IBAN_FORMATS,
    "address": ADDRESS_FORMATS,
    "zip": ZIP_FORMATS,
    "dob": DOB_FORMATS,
    "account": ACCOUNT_FORMATS,
    "order": ORDER_FORMATS,
    "ticket": TICKET_FORMATS,
    "tracking": TRACKING_FORMATS,
    "pin": PIN_FORMATS,
    "otp": OTP_FORMATS,
    "ip": IP_FORMATS,
    "url_token": TOKEN_URL_FORMATS,
    "url_profile": PROFILE_URL_FORMATS,
    "username": USERNAME_FORMATS,
    "location": LOCATION_FORMATS,
}


# --------------------------------------------------------------------------------------------------------------
# Slots: what a {placeholder} in a template turns into. PII slots return the gold entity type.


def _format_slot(group: str, entity: str) -> Callable[[Conversation], Piece]:
    return lambda v: Piece(v.pick_fmt(FORMAT_GROUPS[group]).render(v), entity)


def _plain(entity: str | None, value: Callable[[Conversation], str]) -> Callable[[Conversation], Piece]:
    return lambda v: Piece(value(v), entity)


def _phone_std(v: Conversation) -> str:
    p = v.customer.phone
    return f"({p.groups[0]}) {p.groups[1]}-{p.groups[2]}" if p.nanp else f"+{p.cc} " + " ".join(p.groups)


def _other_city(v: Conversation) -> str:
    return v.rng.choice([c for c, _r in CITIES[v.customer.country] if c != v.customer.city])


SLOTS: dict[str, Callable[[Conversation], Piece]] = {
    # PII
    "name": _format_slot("name", "PERSON"),
    "first": _plain("PERSON", lambda v: v.customer.first),
    "agent": _plain("PERSON", lambda v: v.agent),
    "email": _format_slot("email", "EMAIL_ADDRESS"),
    "email_plain": _plain("EMAIL_ADDRESS", lambda v: v.customer.email),
    "phone": _format_slot("phone", "PHONE_NUMBER"),
    "phone_std": _plain("PHONE_NUMBER", _phone_std),
    "card": _format_slot("card", "CREDIT_CARD"),
    "card4": _plain("PARTIAL_ID", lambda v: v.customer.card[-4:]),
    "ssn": _format_slot("ssn", "US_SSN"),
    "ssn4": _plain("PARTIAL_ID", lambda v: (v.customer.ssn or "")[-4:]),
    "iban": _format_slot("iban", "IBAN_CODE"),
    "ip": _format_slot("ip", "IP_ADDRESS"),
    "other_ip": _plain("IP_ADDRESS", lambda v: v.other_ip),
    "url_token": _format_slot("url_token", "URL"),
    "url_profile": _format_slot("url_profile", "URL"),
    "address": _format_slot("address", "STREET_ADDRESS"),
    "address_std": _plain("STREET_ADDRESS", lambda v: address_full(v.customer)),
    "zip": _format_slot("zip", "ZIP_CODE"),
    "location": _format_slot("location", "LOCATION"),
    "other_city": _plain("LOCATION", _other_city),
    "username": _format_slot("username", "USERNAME"),
    "handle": _plain("USERNAME", lambda v: "@" + v.customer.username),
    "account": _plain("ACCOUNT_ID", lambda v: v.customer.account),
    "order": _plain("ORDER_ID", lambda v: v.order),
    "ticket": _plain("ORDER_ID", lambda v: v.ticket),
    "tracking": _plain("ORDER_ID", lambda v: v.tracking),
    "password": _plain("PASSWORD", lambda v: v.customer.password),
    "password2": _plain("PASSWORD", lambda v: v.customer.password2),
    "pin": _format_slot("pin", "PASSWORD"),
    "otp": _format_slot("otp", "PASSWORD"),
    "secret": _plain("PASSWORD", lambda v: v.customer.secret_answer),
    "dob": _format_slot("dob", "DATE_OF_BIRTH"),
    # not PII: context and decoys
    "secret_q": _plain(None, lambda v: v.customer.secret_question),
    "card_brand": _plain(None, lambda v: v.customer.card_brand),
    "brand": _plain(None, lambda v: v.brand),
    "bot": _plain(None, lambda v: v.bot),
    "help_url": _plain(None, lambda v: f"https://help.{v.domain}/{v.rng.choice(('returns', 'shipping', 'faq'))}"),
    "product": _plain(None, lambda v: v.product),
    "plan": _plain(None, lambda v: v.rng.choice(PLANS)),
    "qty": _plain(None, lambda v: v.rng.choice(("2", "3", "two", "a couple of", "4"))),
    "weekday": _plain(None, lambda v: v.rng.choice(WEEKDAYS)),
    "relday": _plain(None, lambda v: v.rng.choice(("today", "yesterday", "tomorrow", "this morning", "last night"))),
    "days": _plain(None, lambda v: str(v.rng.randint(2, 14))),
    "total": _plain(None, lambda v: f"${v.rng.randint(5, 350)}.{v.rng.choice(('99', '00', '49', '95'))}"),
    "order_date": _plain(None, lambda v: f"{v.rng.choice(_MONTHS[:3])} {v.rng.randint(1, 28)}"),
    "version": _plain(None, lambda v: f"{v.rng.randint(1, 9)}.{v.rng.randint(0, 12)}.{v.rng.randint(0, 9)}"),
    "err": _plain(None, lambda v: v.rng.choice(("404", "500", "E-1023", "0x80070005", "503", "401"))),
    "time": _plain(None, lambda v: v.rng.choice(("3pm", "10:30", "9 am", "noon", "5:45 PM"))),
    "zipword": _plain(None, lambda v: {"US": "zip code", "CA": "postal code"}.get(v.customer.country, "postcode")),
}


# --------------------------------------------------------------------------------------------------------------
# Templates, grouped by intent. Plain strings are shared (dev and test); H(...) strings are held out.

# Bots and system messages repeat word for word, as real ones do.
_define("bot_greet", "bot", [
    "Hi there! I'm {bot}, the {brand} virtual assistant. How can I help you today?",
    "Welcome to {brand} support! I'm {bot} 🤖 Ask me anything, or type 'agent' to talk to a person.",
    "Hi {first}! Welcome back to {brand}. What can I help you with?",
    H("Hello and thanks for contacting {brand}. You're chatting with {bot}, our automated assistant."),
    H("Hey! 👋 I'm {bot}. I can track orders, update your details or connect you with our team."),
])  # fmt: skip
_define("bot_menu", "bot", [
    "Please choose one of the following:\n1. Track an order\n2. Billing and payments\n3. Account and login\n"
    "4. Technical support\n5. Something else",
    "What can I help with? Reply with a number:\n1 Orders\n2 Billing\n3 My account\n4 Talk to an agent",
    H("You can ask me about orders, returns, billing or your account. Visit {help_url} for our FAQ."),
])  # fmt: skip
_define("cust_menu_choice", "customer", [
    "2", "4", "agent", "talk to a human please", "billing", "AGENT", "representative",
    H("none of these. human pls"), H("3"),
])  # fmt: skip
_define("bot_connecting", "bot", [
    "Let me connect you with an agent. The current wait time is about 2 minutes.",
    "I'm transferring you to a member of our support team. Please hold on.",
    "One moment while I find someone who can help you with that.",
    H("All our agents are busy right now. You are number 3 in the queue."),
])  # fmt: skip
_define("system_joined", "system", [
    "{agent} has joined the chat.",
    "Agent {agent} joined the conversation.",
    "An agent has joined the chat.",
    "You are now chatting with a support agent.",
    H("{agent} (Support) entered the chat"),
])  # fmt: skip
_define("agent_intro", "agent", [
    "Hi {first}, my name is {agent} and I'll be helping you today.",
    "Hello! This is {agent} from {brand}. I'm sorry to hear about that, let me take a look.",
    "Hi there, {agent} here. Thanks for waiting!",
    "Good morning {first}! I'm {agent}. How are you today?",
    "Thanks for contacting {brand}, you're chatting with {agent}.",
    "Hi, thanks for reaching out! Let me pull up your account.",
    "Hello, thanks for your patience. I'm reading through your messages now.",
    "Hi! Sorry for the wait. I can help with that.",
    H("Hey {first} 👋 {agent} from the {brand} team, happy to help."),
    H("Good afternoon, {agent} speaking. How can I help?"),
])  # fmt: skip

# Scenario openings (first customer message).
_define("open_order", "customer", [
    "Hi, where is my order? It was supposed to arrive {weekday}.",
    "my order {order} still hasnt shipped, its been {days} days",
    "Hello, I ordered {qty} {product} on {order_date} and nothing has arrived yet. Order number is {order}.",
    "hey can you check on order #{order}",
    "I want to return the {product} I got {relday}",
    H("Tracking says delivered but I never got it?? tracking {tracking}"),
    H("ORDER {order} - WRONG ITEM SENT. I ordered the {product} and got something else"),
    H("Package never showed up. Ordered last week, paid for 2-day shipping 🙄"),
])  # fmt: skip
_define("open_login", "customer", [
    "I can't log into my account",
    "hi i forgot my password and the reset email never came",
    "My username is {username} and it keeps saying invalid password",
    "locked out of my account again 😤",
    H("The reset link you sent me doesn't work: {url_token}"),
    H("Someone changed the email on my account!! My account number is {account}."),
    H("Your app logs me out every 5 minutes and now it won't let me back in"),
])  # fmt: skip
_define("open_billing", "customer", [
    "I was charged twice for {total} this month",
    "Why is there a charge of {total} on my card ending in {card4}?",
    "hi, I need to update my payment method",
    "I'd like to pay my overdue balance, card number {card}",
    "Can I get a refund for the {product}? It cost {total}",
    "hi, account {account}, I think I was billed twice",
    H("there's a {total} charge from {brand} on my statement I don't recognize, card ending {card4}"),
    H("why did my bill go up this month"),
])  # fmt: skip
_define("open_address", "customer", [
    "I moved and need to update my shipping address",
    "Hi! Can you change the delivery address on my order {order}?",
    "Hello, I just moved to {location} and need to change my address",
    H("new address: {address}"),
    H("Need to change where my stuff gets delivered, moving next week"),
])  # fmt: skip
_define("open_refund", "customer", [
    "I returned my {product} {days} days ago and still no refund",
    "Can you send my refund to my bank account instead of the card?",
    H("The refund for order {order} never reached my account. Can you wire it to {iban}?"),
    H("still waiting on my refund from 2 weeks ago..."),
])  # fmt: skip
_define("open_tech", "customer", [
    "my {product} keeps disconnecting, error 404 when I open the settings page",
    "The app crashes on startup since the update to version {version}",
    "Internet down since {relday}, router lights blinking orange",
    H("getting error code {err} on login, running version {version} on Windows 11"),
])  # fmt: skip
_define("open_contact", "customer", [
    "I need to update the phone number on my account",
    "Hi, I changed my email address, can you update it?",
    H("pls update my contact info, new number {phone}"),
    H("My contact details are out of date, how do I change them?"),
])  # fmt: skip
_define("open_general", "customer", [
    "Do you have the {product} in stock?",
    "What are your opening hours on {weekday}?",
    "How long does standard shipping take?",
    "is there a discount code for the {product}? saw 20% off somewhere",
    "Hi, quick question about my bill",
    "do you have a store in {location}?",
    H("Can I change my plan to the {plan} one and what would it cost per month?"),
])  # fmt: skip
_define("open_privacy", "customer", [
    "I want to delete my account and all my data",
    "Please remove my profile {url_profile}, I don't use it anymore",
    "my handle is {handle} and someone is impersonating me on your forum",
    H("hi, can you unsubscribe me? I keep getting emails at {email}"),
    H("How do I download a copy of my data?"),
])  # fmt: skip

# Verification: agent asks, customer answers, agent acknowledges.
_define("ask_name", "agent", [
    "Can I have your full name please?",
    "Who am I speaking with today?",
    H("May I have the name on the account?"),
])  # fmt: skip
_define("ans_name", "customer", [
    "{name}", "it's {name}", "this is {name}", "{name} here",
    H("{name}, I'm the account holder"),
    H("name's {name}"),
])  # fmt: skip
_define("ask_username", "agent", [
    "Can I have your username?",
    "What's the username on the account?",
    H("Could you tell me the username you use to sign in?"),
])  # fmt: skip
_define("ans_username", "customer", [
    "{username}", "it's {username}", "username is {username}",
    H("should be {handle}, same as my twitter lol"),
])  # fmt: skip
_define("ask_zip", "agent", [
    "What's the {zipword} on the account?",
    "Can you confirm the {zipword} for the billing address?",
    H("And the {zipword} on file, please?"),
])  # fmt: skip
_define("ans_zip", "customer", [
    "{zip}", "it's {zip}", "{zip} I think",
    H("{zip}, but I moved recently so it might be the old one"),
])  # fmt: skip
_define("ask_dob", "agent", [
    "Could you confirm your date of birth?",
    "For verification, what is your date of birth?",
    H("Can you give me your DOB please?"),
])  # fmt: skip
_define("ans_dob", "customer", [
    "{dob}", "sure, it's {dob}", "born {dob}",
    H("dob {dob}"),
    H("{dob} is my birthday"),
])  # fmt: skip
_define("ask_ssn4", "agent", [
    "What's the last 4 of your SSN?",
    "Can you verify the last four digits of your social security number?",
    H("I'll just need the last 4 of your social to verify."),
])  # fmt: skip
_define("ans_ssn4", "customer", [
    "{ssn4}", "last 4 is {ssn4}", "its {ssn4}",
    "here's the whole thing {ssn}",
    H("{ssn4}. why do you need that though"),
    H("ssn {ssn}"),
])  # fmt: skip
_define("ask_email", "agent", [
    "What's the email address on the account?",
    "Can I get the email you signed up with?",
    H("Which email should I look under?"),
])  # fmt: skip
_define("ans_email", "customer", [
    "{email}", "its {email}", "my email is {email}",
    H("{email} (that's my work one)"),
    H("email: {email}"),
])  # fmt: skip
_define("readback_email", "agent", [
    "Thanks! I see the account under {email_plain}.",
    "Great, I have {email_plain} on file.",
    H("Just to confirm, that's {email_plain}, correct?"),
])  # fmt: skip
_define("ask_phone", "agent", [
    "What's the best phone number to reach you?",
    "Can you confirm the phone number on the account?",
    H("What number should we text the code to?"),
])  # fmt: skip
_define("ans_phone", "customer", [
    "{phone}", "it's {phone}", "my cell is {phone}",
    H("{phone} but text only pls"),
    H("call me on {phone}"),
])  # fmt: skip
_define("readback_phone", "agent", [
    "Got it, {phone_std}.",
    "I've updated your number to {phone_std}.",
    H("So that's {phone_std}? Just making sure I have it right."),
])  # fmt: skip
_define("ask_pin", "agent", [
    "What's your PIN?",
    "Can you provide your account PIN?",
    H("Please enter the security PIN for your account."),
])  # fmt: skip
_define("ans_pin", "customer", [
    "{pin}", "pin: {pin}", "its {pin}",
    H("PIN is {pin}"),
])  # fmt: skip
_define("ask_address", "agent", [
    "What's the address on the account?",
    "Can you confirm your billing address?",
    H("What's the full shipping address, including any unit number?"),
])  # fmt: skip
_define("ans_address", "customer", [
    "{address}", "sure it's {address}",
    H("{address}\nthe buzzer doesn't work btw"),
    H("I live at {address}"),
])  # fmt: skip
_define("ask_account", "agent", [
    "Do you have your account number handy?",
    "What's your account number?",
    H("Could you share your customer or member number?"),
])  # fmt: skip
_define("ans_account", "customer", [
    "{account}", "account number is {account}", "yes it's {account}",
    H("my member number is {account}"),
    H("acct {account}"),
])  # fmt: skip
_define("ask_card4", "agent", [
    "What are the last 4 digits of the card on file?",
    "Which card was charged? Just the last four digits please.",
    H("Can you confirm the card ending for me?"),
])  # fmt: skip
_define("ans_card4", "customer", [
    "{card4}", "card ending in {card4}", "the one ending {card4}",
    H("my {card_brand} ending {card4}"),
])  # fmt: skip
_define("ask_secret", "agent", [
    "Please answer your security question: {secret_q}",
    "Can you answer the security question on file? {secret_q}",
    H("One more check. {secret_q}"),
])  # fmt: skip
_define("ans_secret", "customer", [
    "{secret}", "it's {secret}",
    H("{secret} i think? maybe with a capital letter"),
])  # fmt: skip
_define("ask_otp", "agent", [
    "I just sent a 6-digit code to the phone number on file. Can you read it back to me?",
    "Please share the one-time code we texted you.",
    H("You should have received a verification code by email. What does it say?"),
])  # fmt: skip
_define("ans_otp", "customer", [
    "{otp}", "code is {otp}", "{otp} 👍",
    H("got it: {otp}"),
])  # fmt: skip
_define("ack", "agent", [
    "Thank you, that matches our records.",
    "Perfect, thanks for verifying.",
    "Thanks, you're verified.",
    "Thanks, I've found account {account}.",
    H("All good, I've verified the account."),
])  # fmt: skip

_define("open_identity", "customer", [
    "I need to update my social security number on my account, it was entered wrong",
    "hi my tax form has the wrong SSN on it",
    "Why does my application need my SSN?",
    H("the SSN on my account is wrong, the right one is {ssn}"),
    H("Do you really need my social for the credit check?"),
])  # fmt: skip
_define("open_security", "customer", [
    "I got an email saying someone logged into my account from another country??",
    "i think my account got hacked",
    "There's a login on my account I don't recognize",
    H("got a security alert for a sign-in from {other_ip}, that wasn't me"),
    H("someone placed orders with my account, I didn't buy any of this"),
])  # fmt: skip

# Scenario bodies.
_define("ask_order", "agent", [
    "Can you give me the order number?",
    "What's the order number? It should be in your confirmation email.",
    H("Do you have the order or booking reference?"),
])  # fmt: skip
_define("ans_order", "customer", [
    "{order}", "it's {order}", "order #{order}",
    H("{order} (from the confirmation email)"),
    H("ref {order}"),
])  # fmt: skip
_define("agent_order_status", "agent", [
    "I can see order {order} shipped on {weekday}. The tracking number is {tracking}.",
    "Your order was shipped {relday} and should arrive within {days} business days.",
    "It looks like order {order} is delayed at the warehouse. I'm sorry about that!",
    H("The package is with the carrier, tracking {tracking}, currently in transit."),
])  # fmt: skip
_define("cust_order_followup", "customer", [
    "ok so will it be here by {weekday}?",
    "can you send it to my work address instead? {address}",
    "great thanks, the {product} is a gift so kinda urgent lol",
    "I'm in {location} if that matters for shipping",
    H("I need it before {weekday} or I want a refund"),
])  # fmt: skip
_define("agent_ticket", "agent", [
    "I've opened ticket {ticket} for this. You'll get an update within 24 hours.",
    "Your case number is {ticket}, in case you need to follow up.",
    H("I've escalated this to our shipping team under reference {ticket}."),
])  # fmt: skip
_define("bot_ask_order", "bot", [
    "Please type your order number. You can find it in your confirmation email.",
    H("Sure! What's the order number?"),
])  # fmt: skip
_define("bot_order_found", "bot", [
    "Order {order}: shipped. Tracking number: {tracking}. Estimated delivery: 2-3 business days.",
    "I found your order {order}. It's out for delivery today!",
    H("Order {order} is being prepared and will ship within 48 hours."),
])  # fmt: skip
_define("agent_reset_sent", "agent", [
    "I've sent a password reset link to {email_plain}. It expires in 30 minutes.",
    "A reset email is on its way. Please check your spam folder too.",
    H("Done. You'll get a reset link at {email_plain} in the next few minutes."),
])  # fmt: skip
_define("cust_reset_url", "customer", [
    "the link goes to {url_token} and says expired",
    "it just says token invalid on {url_token}",
    H("clicked {url_token} and got error 500"),
])  # fmt: skip
_define("cust_password", "customer", [
    "I've been using {password} for years and suddenly it doesn't work",
    "my password is {password} if that helps",
    "tried {password} and {password2}, neither works",
    H("password: {password}"),
])  # fmt: skip
_define("agent_password_warning", "agent", [
    "Please don't share your password in chat. We will never ask for it.",
    "For your security, please change that password once you're back in.",
    H("Thanks, but please never send passwords over chat, even to us."),
])  # fmt: skip
_define("agent_refund", "agent", [
    "I see two charges of {total} on {order_date}. I've refunded the duplicate; it can take {days} business days.",
    "I've issued a refund of {total} to the card ending in {card4}.",
    H("Refund of {total} approved. You'll see it within 5-7 business days."),
])  # fmt: skip
_define("cust_new_card", "customer", [
    "my new card is {card}",
    "here's the card number {card}",
    "{card}",
    H("card number: {card}, the cvv is the 3 digits on the back right?"),
    H("new card {card}, same name as before"),
])  # fmt: skip
_define("agent_card_confirm", "agent", [
    "Thanks, the {card_brand} ending in {card4} is now your default payment method.",
    "Your new card has been saved.",
    H("All set, the card ending {card4} is on file now."),
])  # fmt: skip
_define("cust_address", "customer", [
    "{address}", "The new one is {address}", "it's {address}",
    H("please ship to {address}"),
])  # fmt: skip
_define("agent_address_confirm", "agent", [
    "Updated! Future orders will ship to {address_std}.",
    "Done, your address has been updated.",
    H("Thanks, I've changed the address on file to {address_std}."),
])  # fmt: skip
_define("cust_location", "customer", [
    "I'm in {location} now btw",
    "moved to {location} last month",
    "do you deliver to {location}?",
    H("we relocated from {other_city} to {location}"),
    H("i'm over in {location} these days"),
])  # fmt: skip
_define("ask_iban", "agent", [
    "Can you share the IBAN for the account you'd like the refund sent to?",
    "What's the IBAN?",
    H("Please send the IBAN of the receiving account."),
])  # fmt: skip
_define("ans_iban", "customer", [
    "{iban}", "IBAN: {iban}", "sure it's {iban}",
    H("{iban} (account in my name)"),
])  # fmt: skip
_define("agent_refund_eta", "agent", [
    "Thanks! The refund of {total} will reach your account in {days} business days.",
    "Got it, the refund is on its way.",
    H("Perfect. Bank transfers take 3-5 working days."),
])  # fmt: skip
_define("ask_ip", "agent", [
    "Could you check what IP address your device has and tell me?",
    "What IP address is showing on the router's status page?",
    H("Can you run ipconfig and send me the address it shows?"),
])  # fmt: skip
_define("ans_ip", "customer", [
    "{ip}", "it says {ip}", "IP is {ip}",
    H("ip {ip} i think"),
])  # fmt: skip
_define("agent_tech_steps", "agent", [
    "Please restart the router, wait 30 seconds, and try again.",
    "Can you update to version {version} and let me know if the error persists?",
    "Error 404 usually means the page moved; try clearing your cache.",
    H("I've reset your line from our side. Give it 10 minutes and it should come back."),
])  # fmt: skip
_define("cust_tech_followup", "customer", [
    "still not working. error 502 now",
    "ok that fixed it!! thanks",
    "did that, now it's stuck at 99%",
    H("same thing on my other laptop, its running version {version}"),
])  # fmt: skip
_define("cust_new_email", "customer", [
    "new email is {email}",
    "please change it to {email}",
    H("{email} is the new one"),
])  # fmt: skip
_define("cust_new_phone", "customer", [
    "my new number is {phone}",
    "change it to {phone} please",
    H("new cell: {phone}"),
])  # fmt: skip
_define("ask_ssn_full", "agent", [
    "Please provide the full SSN so I can correct it.",
    "What's the correct social security number?",
    H("Go ahead and type the full 9 digits."),
])  # fmt: skip
_define("ans_ssn_full", "customer", [
    "{ssn}", "it's {ssn}", "SSN is {ssn}",
    H("{ssn}, the old one had two digits swapped"),
])  # fmt: skip
_define("agent_ssn_confirm", "agent", [
    "Thanks, I've updated it. It now ends in {ssn4}.",
    "Updated, you'll get a corrected form in 5-7 business days.",
    H("Done. The record now shows the SSN ending {ssn4}."),
])  # fmt: skip
_define("agent_login_seen", "agent", [
    "I see a sign-in from {other_ip} yesterday at {time}. Was that you?",
    "The last login came from IP {other_ip}. Does that look familiar?",
    H("There were 3 failed attempts from {other_ip} on {weekday}."),
])  # fmt: skip
_define("cust_ip_confirm", "customer", [
    "no! my ip is {ip}", "that's not me, I'm always on {ip}", "no I was asleep",
    H("nope. home ip is {ip}"),
])  # fmt: skip
_define("agent_secured", "agent", [
    "I've signed out all sessions and locked the account. Please set a new password.",
    "Your account is secured now, and two-factor authentication is on.",
    H("I've blocked that device. You should get a confirmation email shortly."),
])  # fmt: skip
_define("ask_card", "agent", [
    "Sure, what's the new card number?",
    "I can update that for you. Please type the card number.",
    H("Go ahead with the long number on the front of the card."),
])  # fmt: skip
_define("agent_privacy", "agent", [
    "I can help with that. Deleting your account is permanent and takes up to 30 days.",
    "I've flagged this for our trust and safety team.",
    H("Understood. I've opened a data deletion request for you."),
])  # fmt: skip
_define("cust_handle", "customer", [
    "my username on the forum is {handle}",
    "the fake one copies my photos, the real one is {handle}",
    H("I'm {username} on there"),
])  # fmt: skip
_define("agent_general", "agent", [
    "Yes, the {product} is in stock and ships in 1-2 business days.",
    "We're open 9am to 6pm on {weekday}.",
    "Standard shipping takes 3-5 business days; express is {total}.",
    "The {plan} plan is {total} per month, and you can switch anytime.",
    H("Good news: there's 15% off the {product} until {weekday}. See {help_url}."),
])  # fmt: skip
_define("cust_general_followup", "customer", [
    "ok cool", "what about in blue?", "and if I order {qty}?", "perfect, thx",
    H("can I pick it up at {time} instead?"),
])  # fmt: skip

_define("agent_empathy", "agent", [
    "I'm sorry about that, let me check.",
    "I understand how frustrating that is.",
    "Let me look into this for you.",
    H("Sorry for the trouble! Checking now."),
])  # fmt: skip
_define("cust_order_detail", "customer", [
    "I ordered {qty} items, the total was {total}",
    "it said delivery by {weekday} between 9am and 5pm",
    "the box was damaged and one of the 2 items is missing",
    H("I paid {total} for express shipping and it's still not here"),
])  # fmt: skip
_define("cust_billing_detail", "customer", [
    "the charge was {total} on {weekday}",
    "I only have the {plan} plan, it should be {total} a month",
    H("the bill went up from {total} last month, nobody told me"),
])  # fmt: skip
_define("cust_tech_detail", "customer", [
    "I'm on version {version}, error {err} every time",
    "it works on wifi but not on 5G",
    "restarted it 3 times already",
    H("model number AX3000, firmware {version}, bought it in {order_date}"),
])  # fmt: skip

# Closing and filler.
_define("agent_anything_else", "agent", [
    "Is there anything else I can help you with today?",
    "Anything else I can do for you?",
    H("Is there something else you need help with?"),
])  # fmt: skip
_define("cust_no_thanks", "customer", [
    "no that's all, thanks!", "nope thanks", "That's it, thank you {agent}!", "no ty",
    H("all good 👍"),
])  # fmt: skip
_define("agent_close", "agent", [
    "Thanks for contacting {brand}, {first}. Have a great day!",
    "You're welcome! Have a nice {weekday}.",
    "Happy to help. Take care!",
    H("Glad we sorted it out, {first}. Bye for now!"),
])  # fmt: skip
_define("bot_survey", "bot", [
    "How would you rate your experience today? Reply with a number from 1 to 5.",
    H("Please rate this chat from 1 (poor) to 5 (great)."),
])  # fmt: skip
_define("cust_survey", "customer", ["5", "4", "1", H("3 i guess")])
_define("bot_helpful", "bot", [
    "Thanks for chatting with {brand}! Was this conversation helpful? (yes/no)",
    H("Did we solve your problem today? Reply yes or no."),
])  # fmt: skip
_define("cust_helpful", "customer", ["yes", "no", "Yes", H("kinda")])
_define("system_closed", "system", [
    "Chat ended by agent.",
    "Conversation closed.",
    H("The customer left the chat."),
])  # fmt: skip
_define("cust_hold", "customer", [
    "one sec", "ok hold on let me find it", "brb", "hello??", "are you still there?",
    H("sorry my kid was yelling lol, ok"),
    H("wait let me check my email"),
])  # fmt: skip
_define("agent_wait", "agent", [
    "Thanks for your patience, I'm checking on that now.",
    "One moment please.",
    "Still here! Just looking into it.",
    H("Bear with me, our system is a bit slow today."),
    H("Thanks for holding, almost there."),
])  # fmt: skip
_define("cust_smalltalk", "customer", [
    "thanks", "ok", "lol ok", "great", "that's annoying tbh", "Sure", "ok thanks, see you {relday}",
    H("tbh this is the 3rd time this week"),
    H("kk"),
])  # fmt: skip


# --------------------------------------------------------------------------------------------------------------
# Conversation plans: a scenario is an opening intent plus ordered beats (each beat one or more turns).

Beat = tuple[str, ...]

SCENARIOS: dict[str, tuple[str, list[Beat]]] = {
    "order": ("open_order", [
        ("agent_empathy",), ("cust_order_detail",), ("ask_order", "ans_order"), ("agent_order_status",),
        ("cust_order_followup",), ("agent_ticket",),
    ]),
    "login": ("open_login", [
        ("agent_empathy",), ("ask_username", "ans_username"), ("agent_reset_sent",), ("cust_reset_url",),
        ("cust_password", "agent_password_warning"), ("ask_otp", "ans_otp"),
    ]),
    "billing": ("open_billing", [
        ("agent_empathy",), ("cust_billing_detail",), ("ask_card4", "ans_card4"), ("agent_refund",),
        ("ask_card", "cust_new_card", "agent_card_confirm"),
    ]),
    "identity": ("open_identity", [("ask_ssn_full", "ans_ssn_full", "agent_ssn_confirm"), ("ask_dob", "ans_dob")]),
    "security": ("open_security", [
        ("agent_empathy",), ("agent_login_seen", "cust_ip_confirm"), ("cust_password", "agent_password_warning"),
        ("ask_otp", "ans_otp"), ("agent_secured",),
    ]),
    "address": ("open_address", [
        ("agent_empathy",), ("cust_address", "agent_address_confirm"), ("ask_zip", "ans_zip"), ("cust_location",),
    ]),
    "refund": ("open_refund", [("cust_order_detail",), ("ask_iban", "ans_iban"), ("agent_refund_eta",)]),
    "tech": ("open_tech", [
        ("agent_empathy",), ("cust_tech_detail",), ("ask_ip", "ans_ip"), ("agent_tech_steps",),
        ("cust_tech_followup",),
    ]),
    "contact": ("open_contact", [("cust_new_email", "readback_email"), ("cust_new_phone", "readback_phone")]),
    "privacy": ("open_privacy", [("agent_privacy",), ("cust_handle",), ("ask_email", "ans_email", "readback_email")]),
    "general": ("open_general", [("agent_general",), ("cust_general_followup",)]),
}  # fmt: skip
SCENARIO_WEIGHTS = {
    "order": 5, "login": 3, "security": 2, "billing": 5, "address": 2, "refund": 4, "tech": 2, "contact": 2,
    "privacy": 2, "identity": 5, "general": 5,
}  # fmt: skip
VERIFICATION_BEATS: list[Beat] = [
    ("ask_name", "ans_name"),
    ("ask_dob", "ans_dob"),
    ("ask_zip", "ans_zip"),
    ("ask_ssn4", "ans_ssn4"),
    ("ask_email", "ans_email", "readback_email"),
    ("ask_phone", "ans_phone"),
    ("ask_pin", "ans_pin"),
    ("ask_address", "ans_address"),
    ("ask_account", "ans_account"),
    ("ask_secret", "ans_secret"),
]
SURVEY_BEATS: list[Beat] = [("bot_survey", "cust_survey"), ("bot_helpful", "cust_helpful")]
CLOSING_BEATS: list[Beat] = [
    ("agent_anything_else", "cust_no_thanks"),
    ("agent_close",),
    *SURVEY_BEATS,
    ("system_closed",),
]
FILLER_BEATS: list[Beat] = [("cust_hold",), ("agent_wait",), ("cust_smalltalk",), ("agent_wait", "cust_smalltalk")]
MIN_TURNS, MAX_TURNS = 4, 14


def plan_conversation(rng: random.Random, customer: Customer, channel: str) -> list[str]:
    """Choose the intents of one conversation, in order, between MIN_TURNS and MAX_TURNS long."""
    # SSN conversations only happen with US customers.
    scenarios = [s for s in SCENARIO_WEIGHTS if customer.ssn or s != "identity"]
    scenario = rng.choices(scenarios, weights=[SCENARIO_WEIGHTS[s] for s in scenarios])[0]
    opening, body = SCENARIOS[scenario]
    target = rng.randint(MIN_TURNS, MAX_TURNS)

    # Each planned beat carries how readily it is dropped when the conversation must be shorter (0: never).
    # Greetings and closings go first, so short conversations still reach the scenario's substance.
    pre: list[tuple[Beat, int]] = []
    if channel != "sms" and rng.random() < 0.7:
        pre.append((("bot_greet",), 2))
        if rng.random() < 0.5:
            pre.append((("bot_menu", "cust_menu_choice"), 3))

    fillers = FILLER_BEATS
    if scenario == "order" and rng.random() < 0.2:
        # A bot-only conversation: the order bot answers without a human, so only the customer fills gaps.
        fillers = [b for b in FILLER_BEATS if all(TEMPLATES[i][0].speaker == "customer" for i in b)]
        anchor: Beat = ("bot_ask_order", "ans_order")
        planned = [*pre, ((opening,), 0), (anchor, 0), (("bot_order_found",), 0), (("cust_smalltalk",), 3),
                   (rng.choice(SURVEY_BEATS), 3)]  # fmt: skip
    else:
        handoff: list[tuple[Beat, int]] = []
        if pre and rng.random() < 0.7:
            handoff.append((("bot_connecting",), 3))
        if rng.random() < 0.5:
            handoff.append((("system_joined",), 3))
        anchor = ("agent_intro",)  # agent fillers only make sense once the agent has introduced themselves
        # Skip checks the scenario asks anyway, and SSN checks for customers who have no SSN.
        in_body = {intent for beat in body for intent in beat}
        verification_pool = [
            b for b in VERIFICATION_BEATS if b[0] not in in_body and (customer.ssn or b[0] != "ask_ssn4")
        ]
        verification = rng.sample(verification_pool, k=rng.choice((0, 1, 1, 1, 2, 3)))
        verification = [b if rng.random() < 0.4 or len(b) > 2 else (*b, "ack") for b in verification]
        survey = rng.choice(SURVEY_BEATS)  # a bot asks for a rating or for yes/no, not both
        closing = [b for b in CLOSING_BEATS if b not in SURVEY_BEATS or b == survey]
        planned = [
            *pre,
            ((opening,), 0),
            *handoff,
            (anchor, 0),
            *[(b, 2) for b in verification],
            *[(b, 1) for b in body if rng.random() < 0.85],
            *[(b, 3) for b in closing if rng.random() < 0.9],
        ]

    def length() -> int:
        return sum(len(b) for b, _w in planned)

    while length() > target and any(w for _b, w in planned):
        drop = rng.choices(range(len(planned)), weights=[w for _b, w in planned])[0]
        planned.pop(drop)
    beats = [b for b, _w in planned]
    # Fillers go between the anchor and the goodbyes: nobody says "one sec" after the chat was closed.
    first = beats.index(anchor) + 1
    last = next((i for i in range(first, len(beats)) if beats[i] in CLOSING_BEATS), len(beats))
    while sum(len(b) for b in beats) < target:
        fitting = [b for b in fillers if len(b) <= target - sum(len(b) for b in beats)]
        beats.insert(rng.randint(first, last), rng.choice(fitting))
        last += 1
    return [intent for beat in beats for intent in beat]


# --------------------------------------------------------------------------------------------------------------
# Rendering: template -> pieces -> noisy pieces -> text with spans.


def render_template(template: Template, conv: Conversation) -> list[Piece]:
    pieces: list[Piece] = []
    for literal, slot, _spec, _conv in string.Formatter().parse(template.text):
        if literal:
            pieces.append(Piece(literal))
        if slot is not None:
            if slot not in SLOTS:
                raise KeyError(f"template {template.id} uses unknown slot {{{slot}}}")
            pieces.append(SLOTS[slot](conv))
    return pieces


# Case carries meaning in these, so a lower-casing typist would not change them.
CASE_SENSITIVE = {"PASSWORD", "URL"}


def add_noise(pieces: list[Piece], speaker: str, rng: random.Random) -> list[Piece]:
    """Make customer turns look typed on a phone; noise is applied per piece so spans stay exact."""
    if speaker == "agent":
        if rng.random() < 0.05 and pieces and pieces[-1].entity is None:
            pieces[-1] = Piece(pieces[-1].text.rstrip(".!"))
        return [p for p in pieces if p.text]
    if speaker != "customer":
        return pieces
    if rng.random() < 0.25:
        pieces = [p if p.entity in CASE_SENSITIVE else Piece(p.text.lower(), p.entity) for p in pieces]
    if rng.random() < 0.3 and pieces and pieces[-1].entity is None:
        pieces[-1] = Piece(pieces[-1].text.rstrip(".!?"))
    literal_words = [
        (i, w)
        for i, p in enumerate(pieces)
        if p.entity is None
        for w in p.text.split(" ")
        if len(w) >= 5 and w.isalpha()
    ]
    if literal_words and rng.random() < 0.15:
        i, word = rng.choice(literal_words)
        pieces[i] = Piece(pieces[i].text.replace(word, typo(word, rng), 1))
    roll = rng.random()
    if roll < 0.06:
        pieces.append(Piece(rng.choice((" 🙏", " 😡", " 🙂", " 😅", " 👍"))))
    elif roll < 0.10:
        pieces.append(Piece(" lol"))
    elif roll < 0.14:
        pieces.insert(0, Piece(rng.choice(("hello?\n", "hi\n", "ok so\n"))))
    return [p for p in pieces if p.text]


def assemble(pieces: list[Piece]) -> tuple[str, list[tuple[int, int, str]]]:
    """Join pieces into the message text, recording each PII piece's offsets as it is placed."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for piece in pieces:
        if piece.entity is not None:
            assert piece.text, "a PII slot rendered empty"
            spans.append((pos, pos + len(piece.text), piece.entity))
        parts.append(piece.text)
        pos += len(piece.text)
    return "".join(parts), spans


# --------------------------------------------------------------------------------------------------------------
# Driver


RESPONSE_DELAY = {"bot": (1, 4), "system": (0, 2), "agent": (20, 150), "customer": (8, 240)}


def generate(
    seed: int, conversations: int, split: str = "all"
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Yield (message record, gold spans) pairs for ``conversations`` conversations."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    rng = random.Random(seed)
    fakers = FakerPool(seed)
    returning: list[Customer] = []
    for n in range(1, conversations + 1):
        # About one conversation in ten is a returning customer, so pseudonyms can be checked for joinability.
        if returning and rng.random() < 0.1:
            customer = rng.choice(returning)
        else:
            customer = make_customer(rng, fakers, split, {c.user_id for c in returning})
            returning.append(customer)
        brand, bot, domain = rng.choice(BRANDS)
        channel = rng.choices(CHANNELS, weights=(5, 3, 2))[0]
        ip_groups = make_ipv6_groups(rng) if rng.random() < 0.2 else None
        ip = ipv6_compressed(ip_groups) if ip_groups else make_public_ipv4(rng)
        conv = Conversation(
            rng=rng, split=split, customer=customer, agent=fakers["en_US"].first_name(), brand=brand, bot=bot,
            domain=domain, channel=channel, ip_groups=ip_groups, ip=ip, order="", ticket="", tracking="",
            otp=f"{rng.randint(0, 999999):06d}", product=rng.choice(PRODUCTS),
        )  # fmt: skip
        conv.other_ip = make_public_ipv4(rng)
        conv.order = conv.pick_fmt(ORDER_FORMATS).render(conv)
        conv.ticket = conv.pick_fmt(TICKET_FORMATS).render(conv)
        conv.tracking = conv.pick_fmt(TRACKING_FORMATS).render(conv)

        conversation_id = f"conv-{n:06d}"
        clock = EPOCH + dt.timedelta(seconds=rng.randint(0, 4 * 24 * 3600))
        for turn, intent in enumerate(plan_conversation(rng, customer, channel)):
            template = pick(TEMPLATES[intent], split, rng)
            pieces = add_noise(render_template(template, conv), template.speaker, rng)
            text, spans = assemble(pieces)
            low, high = RESPONSE_DELAY[template.speaker]
            clock += dt.timedelta(seconds=max(1, rng.randint(low, high)))
            message_id = f"{conversation_id}-{turn:03d}"
            record = {
                "conversation_id": conversation_id,
                "message_id": message_id,
                "turn": turn,
                "speaker": template.speaker,
                "timestamp": clock.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "text": text,
                "user_id": customer.user_id,
                "user_name": customer.full_name,
                "user_email": customer.email,
                "user_phone": customer.phone.e164,
                "ip_address": ip,
                "channel": channel,
            }
            gold = [
                {"message_id": message_id, "start": s, "end": e, "entity_type": t, "value": text[s:e]}
                for s, e, t in spans
            ]
            yield record, gold


def all_variants() -> list[Template | Fmt]:
    """Every template and value format, for split bookkeeping and tests."""
    variants: list[Template | Fmt] = [t for ts in TEMPLATES.values() for t in ts]
    variants += [f for fs in FORMAT_GROUPS.values() for f in fs]
    return variants


def write(seed: int, conversations: int, split: str, out: Path, gold: Path) -> tuple[int, int]:
    out.parent.mkdir(parents=True, exist_ok=True)
    gold.parent.mkdir(parents=True, exist_ok=True)
    messages = spans = 0
    with out.open("w", encoding="utf-8", newline="\n") as fo, gold.open("w", encoding="utf-8", newline="\n") as fg:
        for record, record_spans in generate(seed, conversations, split):
            fo.write(json.dumps(record, ensure_ascii=False) + "\n")
            for span in record_spans:
                fg.write(json.dumps(span, ensure_ascii=False) + "\n")
            messages += 1
            spans += len(record_spans)
    return messages, spans


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1, help="random seed; same seed, same output")
    parser.add_argument("--conversations", type=int, default=50, help="number of conversations")
    parser.add_argument("--out", type=Path, required=True, help="transcripts JSONL to write")
    parser.add_argument("--gold", type=Path, required=True, help="gold spans JSONL to write")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="template pool: dev (shared only), test (shared + held-out), all")  # fmt: skip
    args = parser.parse_args(argv)
    messages, spans = write(args.seed, args.conversations, args.split, args.out, args.gold)
    print(f"wrote {args.conversations} conversations, {messages} messages to {args.out}; {spans} spans to {args.gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
