"""Entity-type aliasing between what a detector predicts and what a gold file labels.

Gold files and detectors name entity types differently: Presidio says US_BANK_NUMBER where our gold says
ACCOUNT_ID, spaCy calls a city LOCATION where an annotator marked the whole STREET_ADDRESS, and vanilla
Presidio reports DATE_TIME for a date of birth. Scoring with plain string equality would count each of
these as a miss *and* a false positive. The mapping is explicit and has two parts, applied in this order:

1. `canonical`: renames a predicted type into the gold vocabulary before anything else, because the two
   names mean the same thing (US_BANK_NUMBER -> ACCOUNT_ID). A predicted type with no entry keeps its
   name; if no gold span ever has that name, all its predictions are false positives in its own row
   (NRP on the chat sets, US_DRIVER_LICENSE on chats, ...), which is what we want to see.
2. `families`: groups of gold types that are different, but where a prediction of one is an acceptable
   answer for a gold span of another, because one contains or generalizes the other:
   - LOCATION / STREET_ADDRESS / ZIP_CODE: an address is a location; spaCy tags the city inside an
     address as LOCATION, and the zip code is part of the address.
   - DATE_OF_BIRTH / DATE_TIME: a date of birth is a date; only vanilla Presidio reports DATE_TIME (our
     policy ignores it), and its DATE_TIME predictions on "Monday" still count as false positives.

Per-type precision is reported in the row of the prediction's canonical type; per-type recall in the row
of the gold span's type. The type-agnostic figures (overlap with any type, no-leak coverage) ignore types
entirely, so the mapping never flatters the privacy figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TypeMapping:
    """How predicted entity types are compared with gold entity types (see the module docstring)."""

    canonical: Mapping[str, str] = field(default_factory=dict)
    families: tuple[frozenset[str], ...] = ()

    def canonical_type(self, predicted: str) -> str:
        """The predicted type in the gold vocabulary."""
        return self.canonical.get(predicted, predicted)

    def compatible(self, predicted: str, gold: str) -> bool:
        """Whether a prediction of type `predicted` may count as a hit for a gold span of type `gold`."""
        name = self.canonical_type(predicted)
        if name == gold:
            return True
        return any(name in family and gold in family for family in self.families)

    def to_dict(self) -> dict[str, object]:
        return {
            "canonical": dict(sorted(self.canonical.items())),
            "families": [sorted(f) for f in self.families],
        }

    @classmethod
    def build(cls, canonical: Mapping[str, str], families: Iterable[Iterable[str]]) -> TypeMapping:
        return cls(canonical=dict(canonical), families=tuple(frozenset(f) for f in families))


DEFAULT_TYPE_MAPPING = TypeMapping.build(
    canonical={
        # Presidio's US bank account number is an account identifier in our vocabulary.
        "US_BANK_NUMBER": "ACCOUNT_ID",
    },
    families=[
        {"LOCATION", "STREET_ADDRESS", "ZIP_CODE"},
        {"DATE_OF_BIRTH", "DATE_TIME"},
    ],
)
