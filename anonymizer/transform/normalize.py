"""Canonical forms of values before hashing, so one customer gets one pseudonym however the value is typed."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_SHAPE = re.compile(r"^\+?[\d\s().\-/]{7,}$")
_ID_SEPARATORS = re.compile(r"[\s\-.]+")
_WHITESPACE = re.compile(r"\s+")

# Identifiers typed with arbitrary grouping ("4111 1111-1111 1111"): separators carry no meaning.
IDENTIFIER_ENTITIES = frozenset(
    {
        "CREDIT_CARD",
        "US_SSN",
        "IBAN_CODE",
        "US_BANK_NUMBER",
        "US_ITIN",
        "US_PASSPORT",
        "US_DRIVER_LICENSE",
        "UK_NHS",
        "ACCOUNT_ID",
        "ORDER_ID",
        "PARTIAL_ID",
        "ZIP_CODE",
    }
)


def normalize_email(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().lower()


def normalize_phone(value: str, region: str = "US") -> str:
    """E.164 when the number parses as a possible number for `region`, else its digits (with a leading +)."""
    cleaned = unicodedata.normalize("NFKC", value).strip()
    try:
        parsed = phonenumbers.parse(cleaned, region)
        if phonenumbers.is_possible_number(parsed):
            return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    except phonenumbers.NumberParseException:
        pass
    digits = re.sub(r"\D", "", cleaned)
    return ("+" + digits) if cleaned.startswith("+") else digits


def normalize_identifier(value: str) -> str:
    return _ID_SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).casefold()


def normalize_text(value: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", value)).strip().casefold()


def guess_entity(value: str) -> str | None:
    """The entity a structured value looks like, when the policy does not say (email, phone, or unknown)."""
    stripped = value.strip()
    if _EMAIL.match(stripped):
        return "EMAIL_ADDRESS"
    if _PHONE_SHAPE.match(stripped) and sum(c.isdigit() for c in stripped) >= 7:
        return "PHONE_NUMBER"
    return None


def normalize(value: str, entity_type: str | None, region: str = "US") -> str:
    """The canonical form of `value` as an `entity_type` (guessed from its shape when None)."""
    kind = entity_type or guess_entity(value)
    if kind == "EMAIL_ADDRESS":
        return normalize_email(value)
    if kind == "PHONE_NUMBER":
        return normalize_phone(value, region)
    if kind in IDENTIFIER_ENTITIES:
        return normalize_identifier(value)
    return normalize_text(value)
