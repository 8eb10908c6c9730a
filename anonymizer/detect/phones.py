"""Presidio's phone recognizer with the same findings and less work: a region's pass is skipped when the text
holds too few digits for any number that pass could find.

Presidio runs libphonenumber's matcher once per region (US, GB, DE, FR, IL, IN, BR and the policy's), the
costliest recognizer. Without a '+', a region's matcher finds only numbers dialled from that region: its
own national numbers (at least its shortest valid national length) or numbers behind its international
prefix (the prefix, then a country code and a national number: at least six digits in any country). A text
with fewer digits than both cannot hold a match, so that pass is skipped; `tests/anonymizer/detect/
test_phone_passes.py` checks the findings are identical to Presidio's on every evaluation set.
"""

from __future__ import annotations

from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

_PLUS_SIGNS = ("+", "\uff0b")  # libphonenumber's PLUS_CHARS


@cache
def _shortest_international_number() -> int:
    """Fewest digits of a country code plus a valid national number, over every country libphonenumber knows."""
    shortest = 99
    for code, regions in COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
            general = metadata.general_desc if metadata is not None else None
            lengths = [n for n in (general.possible_length if general is not None else ()) if n > 0]
            if lengths:
                shortest = min(shortest, len(str(code)) + min(lengths))
    return shortest


@cache
def min_digits_for_region(region: str) -> int:
    """Fewest digits a number found by `region`'s matcher can hold when the text has no '+' (0: never skip)."""
    metadata = PhoneMetadata.metadata_for_region(region.upper())
    if metadata is None or metadata.general_desc is None:
        return 0
    national = [n for n in metadata.general_desc.possible_length if n > 0]
    prefix = metadata.international_prefix or ""
    # A plain digit prefix ("011", "00") has its own length; a pattern ("0(?:0|1...)") at least two digits.
    prefix_digits = len(prefix) if prefix.isdigit() else 2
    international = prefix_digits + _shortest_international_number()
    return min(min(national, default=0), international)


class FastPhoneRecognizer(PhoneRecognizer):
    """`PhoneRecognizer` that skips the region passes a text's digit count rules out."""

    def __init__(self, supported_regions: tuple[str, ...]) -> None:
        super().__init__(supported_regions=supported_regions, name="PhoneRecognizer")
        self._min_digits = {region: min_digits_for_region(region) for region in supported_regions}

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio's loop over regions, without the passes that cannot match."""
        digits = sum(map(str.isdecimal, text))
        plus = any(sign in text for sign in _PLUS_SIGNS)
        results: list[RecognizerResult] = []
        leniency = int(self.leniency if self.leniency is not None else phonenumbers.Leniency.VALID)
        for supported in self.supported_regions:
            if not plus and digits < self._min_digits[supported]:
                continue
            for match in phonenumbers.PhoneNumberMatcher(text, supported, leniency=leniency):
                try:
                    region = phonenumbers.region_code_for_number(phonenumbers.parse(text[match.start : match.end]))
                except phonenumbers.NumberParseException:
                    region = supported
                results.append(self._get_recognizer_result(match, text, region, nlp_artifacts))  # type: ignore[no-untyped-call]
        return EntityRecognizer.remove_duplicates(results)
