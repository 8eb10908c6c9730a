"""Presidio's phone recognizer with the same findings and less work: a region's pass is skipped when the text
holds too few digits, in any one run of digits and phone punctuation, for any number that pass could find.
And Presidio's NHS recognizer kept to texts that name health care, so that phone numbers passing the NHS
check stay phone numbers.

Presidio runs libphonenumber's matcher once per region (US, GB, DE, FR, IL, IN, BR and the policy's), the
costliest recognizer. Without a '+', a region's matcher finds only numbers dialled from that region: its
own national numbers (at least its shortest valid national length) or numbers behind its international
prefix (the prefix, then a country code and a national number: at least six digits in any country). A text
with fewer digits than both cannot hold a match, so that pass is skipped; `tests/anonymizer/detect/
test_phone_passes.py` checks the findings are identical to Presidio's on every evaluation set.
"""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import _VALID_PUNCTUATION, COUNTRY_CODE_TO_REGION_CODE
from phonenumbers.re_util import enable_pattern_cache
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import NhsRecognizer, PhoneRecognizer

# libphonenumber compiles its metadata patterns on every use unless told to keep them (its RegexCache): with
# ~20 patterns per candidate number that was most of a region pass. Same patterns, so the same findings.
enable_pattern_cache()

_PLUS_SIGNS = ("+", "\uff0b")  # libphonenumber's PLUS_CHARS
# Digits, the punctuation libphonenumber's matcher allows between them, and the characters that may lead.
_CANDIDATE_RUN = re.compile(r"[\d" + re.escape(_VALID_PUNCTUATION) + r"(\[\uff08\uff3b+\uff0b]+")


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
        plus = any(sign in text for sign in _PLUS_SIGNS)
        # libphonenumber's candidates are digits with at most a few punctuation marks between them: a number's
        # digits all lie in one run of digits and phone punctuation ("order 12345 on 03/21" holds runs of 5
        # and 4, not 9).
        digits = max((sum(map(str.isdecimal, run)) for run in _CANDIDATE_RUN.findall(text)), default=0)
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


# Words a message with someone's NHS number holds ("NHS number", "my GP", "patient"); the number alone is typed
# as a phone number instead.
_NHS_CUE = re.compile(r"nhs|health|patient|medical|hospital|\bgp\b|doctor|surgery|clinic", re.IGNORECASE)


class CuedNhsRecognizer(NhsRecognizer):
    """Presidio's NHS recognizer, only in a text with a health word.

    Presidio scores any 10 digits that pass the NHS mod-11 check as UK_NHS at 1.0, and a US or other 10-digit
    phone number passes one time in eleven ("call 415-555-0199"), so the phone was typed UK_NHS. Without a
    health word the number is left to the phone recognizers (it still is found, as a PHONE_NUMBER).
    """

    def __init__(self) -> None:
        super().__init__(name="NhsRecognizer")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        """Presidio's findings when the text names health care, none otherwise."""
        if _NHS_CUE.search(text) is None:
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))
