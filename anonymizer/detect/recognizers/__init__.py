"""The project's own Presidio recognizers for what chat transcripts contain and Presidio's defaults miss."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from presidio_analyzer import EntityRecognizer, Pattern

from ._base import ChatPatternRecognizer, compile_user_pattern
from .address_cues import AddressColumnRecognizer, AddressCueRecognizer
from .addresses import SpokenAddressRecognizer, StreetAddressRecognizer, ZipCodeRecognizer
from .cards import CardCueRecognizer, CreditCardGapRecognizer, IbanTypoRecognizer
from .credentials import PasswordRecognizer
from .dates import DateOfBirthRecognizer
from .documents import DocumentNumberRecognizer, DrivingLicenceRecognizer
from .identifiers import AccountIdRecognizer, ConfiguredIdRecognizer, OrderIdRecognizer
from .intl_addresses import InternationalAddressRecognizer
from .ip_addresses import LooseIpRecognizer
from .names import (
    ChatEventNameRecognizer,
    ContextNameRecognizer,
    IntroducedNameRecognizer,
    NameEnumerationRecognizer,
    NameListRecognizer,
    PersonShapeRecognizer,
    VocativeNameRecognizer,
)
from .nrp import NrpCueRecognizer
from .obfuscated import (
    ObfuscatedPhoneRecognizer,
    SpelledEmailRecognizer,
    SpokenAccountIdRecognizer,
    SpokenOrderIdRecognizer,
)
from .partial_ids import PartialIdRecognizer
from .phones import LenientPhoneRecognizer
from .places import CityRecognizer, CountryRecognizer, PlaceCueRecognizer
from .ssn import SsnCueRecognizer
from .structured import StructuredDataRecognizer
from .urls import PersonalUrlRecognizer
from .usernames import UsernameRecognizer

__all__ = [
    "AccountIdRecognizer",
    "AddressColumnRecognizer",
    "AddressCueRecognizer",
    "CardCueRecognizer",
    "ChatEventNameRecognizer",
    "ChatPatternRecognizer",
    "CityRecognizer",
    "ConfiguredIdRecognizer",
    "ContextNameRecognizer",
    "CountryRecognizer",
    "CreditCardGapRecognizer",
    "DateOfBirthRecognizer",
    "DocumentNumberRecognizer",
    "DrivingLicenceRecognizer",
    "IbanTypoRecognizer",
    "InternationalAddressRecognizer",
    "IntroducedNameRecognizer",
    "LenientPhoneRecognizer",
    "LooseIpRecognizer",
    "NameEnumerationRecognizer",
    "NameListRecognizer",
    "NrpCueRecognizer",
    "ObfuscatedPhoneRecognizer",
    "OrderIdRecognizer",
    "PartialIdRecognizer",
    "PasswordRecognizer",
    "PersonShapeRecognizer",
    "PersonalUrlRecognizer",
    "PlaceCueRecognizer",
    "SpelledEmailRecognizer",
    "SpokenAccountIdRecognizer",
    "SpokenAddressRecognizer",
    "SpokenOrderIdRecognizer",
    "SsnCueRecognizer",
    "StreetAddressRecognizer",
    "StructuredDataRecognizer",
    "UsernameRecognizer",
    "VocativeNameRecognizer",
    "ZipCodeRecognizer",
    "chat_recognizers",
]

# Identifier types whose default recognizer takes the user's extra patterns instead of a new recognizer.
_DEFAULT_ID_RECOGNIZERS: dict[str, type[ChatPatternRecognizer]] = {
    "ACCOUNT_ID": AccountIdRecognizer,
    "ORDER_ID": OrderIdRecognizer,
}


def chat_recognizers(
    id_patterns: Mapping[str, Sequence[str]] | None = None, *, default_region: str = "US"
) -> list[EntityRecognizer]:
    """Build fresh instances of every chat recognizer, ready for `registry.add_recognizer(...)`.

    `id_patterns` maps an entity type to extra regexes (case-insensitive; a group named `value`
    narrows the finding to that group): "ACCOUNT_ID" and "ORDER_ID" extend the defaults, any other name
    ("EMPLOYEE_ID") gets its own recognizer. A bad regex raises ValueError naming the entity type.
    `default_region` is the phonenumbers region for numbers typed without a country code.

    >>> [r.name for r in chat_recognizers({"EMPLOYEE_ID": [r"\\bE-\\d{6}\\b"]})][-1]
    'ChatConfiguredIdRecognizer[EMPLOYEE_ID]'
    """
    user = _user_patterns(id_patterns or {})
    recognizers: list[EntityRecognizer] = [
        # Before the main recognizer of their types, which a lookup by type finds last.
        SpokenOrderIdRecognizer(),
        SpokenAccountIdRecognizer(),
        UsernameRecognizer(),
        DocumentNumberRecognizer(),
        DrivingLicenceRecognizer(),
        AccountIdRecognizer(user.pop("ACCOUNT_ID", [])),
        OrderIdRecognizer(user.pop("ORDER_ID", [])),
        StreetAddressRecognizer(),
        ZipCodeRecognizer(),
        InternationalAddressRecognizer(),
        AddressCueRecognizer(),
        AddressColumnRecognizer(),
        StructuredDataRecognizer(),
        SpokenAddressRecognizer(),
        PasswordRecognizer(),
        SpelledEmailRecognizer(),
        ObfuscatedPhoneRecognizer(default_region),
        LenientPhoneRecognizer(),
        SsnCueRecognizer(),
        PartialIdRecognizer(),
        CreditCardGapRecognizer(),
        CardCueRecognizer(),
        IbanTypoRecognizer(),
        LooseIpRecognizer(),
        DateOfBirthRecognizer(),
        PersonalUrlRecognizer(),
        PlaceCueRecognizer(),
        CountryRecognizer(),
        CityRecognizer(),
        NrpCueRecognizer(),
        ContextNameRecognizer(),
        NameListRecognizer(),
        NameEnumerationRecognizer(),
        ChatEventNameRecognizer(),
        VocativeNameRecognizer(),
        IntroducedNameRecognizer(),
        PersonShapeRecognizer(),
    ]
    recognizers.extend(ConfiguredIdRecognizer(entity, patterns) for entity, patterns in sorted(user.items()))
    return recognizers


def _user_patterns(id_patterns: Mapping[str, Sequence[str]]) -> dict[str, list[Pattern]]:
    """Validate every user regex up front so a typo fails at start-up, not on the first matching message."""
    compiled: dict[str, list[Pattern]] = {}
    for entity, patterns in id_patterns.items():
        if not isinstance(entity, str) or not entity.strip() or entity != entity.strip():
            raise ValueError("id_patterns keys must be non-empty entity type names")
        if isinstance(patterns, str):
            raise ValueError(f"id_patterns[{entity!r}] must be a list of regular expressions, not one string")
        compiled[entity] = [compile_user_pattern(entity, i, p) for i, p in enumerate(patterns)]
    return compiled
