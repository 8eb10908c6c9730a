"""The address recognizers' speed-ups change no finding: the quick checks that pick the street-core pattern for a
text are necessary conditions of the alternatives they leave out."""

from __future__ import annotations

import regex

from anonymizer.detect.recognizers import intl_addresses as intl
from anonymizer.detect.recognizers.intl_addresses import InternationalAddressRecognizer

_TEXTS = [
    "Feldstrasse 42, 10115 Berlin",
    "feldstrasse s/n, madrid",
    "Passauer Strasse 33\n94032 Passau",
    "Király u. 15.\n1092 Budapest",
    "debreceni utca 35.",
    "26 rue des lilas is my new place",
    "Via Roma 131, 00100 Roma",
    "ul. Słowicza 10\n00-001 Warszawa",
    "avenue de Morand, Paris",
    "boulevard béguelin 4",
    "41, boulevard lamy\n75011 Paris",
    "624 route Lepage, Québec",
    "74 Diakou Street, Nicosia",
    "0538 15 millicent drive",
    "136 filadelfeos str.",
    "PSC 1234, Box 5678\nAPO AE 09204",
    "PO Box 123, Springfield",
    "H.No. 860, Sector 5",
    "Studio 51Q\nCharlotte Tunnel\nTQ51 7RD",
    "28245 Puruntie 82",
    "3 Ahmed Ports, Lake John",
    "İSTİKLAL CADDESİ 5, İstanbul",
    "Jl. Merdeka 10, Jakarta",
    "Cl. 197 # 69-65 sur, Bogotá",
    "2 Pixel 7 phones and 3 cables",
    "Place Order 12 now",
    "via email at 5pm",
    "no numbers here at all",
]


def _findings(text: str) -> list[tuple[int, int]]:
    recognizer = InternationalAddressRecognizer()
    return [(r.start, r.end) for r in recognizer.analyze(text, ["STREET_ADDRESS"], None)]


def test_chosen_core_pattern_finds_what_the_full_one_finds() -> None:
    for text in _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]:
        core = intl._core_for(text, intl._words_before_numbers(text))
        for pos in range(len(text)):
            full, chosen = intl._CORE.search(text, pos), core.search(text, pos)
            assert (full and (full.span(), full.lastgroup)) == (chosen and (chosen.span(), chosen.lastgroup)), text


def test_type_words_are_seen() -> None:
    for text in ["Feldstrasse 42", "Király u. 15.", "26 rue des lilas", "Via Roma 131", "avenue de Morand",
                 "41, boulevard lamy", "ul. Słowicza 10", "İSTİKLAL CADDESİ 5"]:  # fmt: skip
        assert intl._type_word_may_match(text, intl._words_before_numbers(text)), text
    for text in ["I paid 42 dollars", "see you at 5", "version 10.2 is out"]:
        assert not intl._type_word_may_match(text, intl._words_before_numbers(text)), text


def test_findings_of_address_layouts() -> None:
    assert _findings("Feldstrasse 42, 10115 Berlin") == [(0, 28)]
    assert _findings("2 Pixel 7 phones and 3 cables") == []


def test_fold_matches_ignorecase_for_every_letter_of_the_word_lists() -> None:
    """Every character that IGNORECASE matches to a letter of a type word folds to the same letters."""
    lists = [*intl._PREFIX_TYPES_TITLE, *intl._PREFIX_TYPES_ANY, *intl._BOULEVARD_WORDS, *intl._AFTER_TYPES]
    lists += [*intl._GLUED_TYPES, *intl._HOUSE_BOULEVARD_WORDS]
    letters = {c for word in lists for c in word if regex.match(r"\p{L}", c)}
    everything = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    for letter in letters:
        for char in set(regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE)):
            assert intl._fold(char) == intl._fold(letter), (letter, char)
            assert regex.fullmatch(r"\p{L}+", intl._fold(char)), char


def test_cue_probe() -> None:
    from anonymizer.detect.recognizers.address_cues import _may_hold_cue

    for text in ["my addresses: 12 Main St", "ship it to 5 Elm Road", "I LIVE AT 3 Oak Ave", "Café at 5 rue X"]:
        assert _may_hold_cue(text), text
    for text in ["I paid 42 dollars", "version 10.2 is out", "the addr 12", "shipping 3 items"]:
        assert not _may_hold_cue(text), text


def test_zip_and_street_probes_skip_only_patterns_that_cannot_match() -> None:
    from anonymizer.detect.recognizers.addresses import StreetAddressRecognizer, ZipCodeRecognizer

    zips, streets = ZipCodeRecognizer(), StreetAddressRecognizer()
    assert {p.name for p in zips._patterns_for("my zip is 94107")} >= {"zip after cue", "zip before cue"}
    assert {p.name for p in zips._patterns_for("Austin, TX 73301")} >= {"zip after state"}
    assert not {p.name for p in zips._patterns_for("call me at 5pm")} & {"zip after cue", "zip before cue"}
    assert [p.name for p in streets._patterns_for("version 10.2")] == ["po box"]
    assert len(list(streets._patterns_for("12 main st"))) == 3
    found = zips.analyze("postcode: SW1A 1AA", ["ZIP_CODE"], None)
    assert [(r.start, r.end) for r in found] == [(10, 18)]


def test_literal_letters_fold_only_to_themselves() -> None:
    """The literal group's probe ("no", "po", "box" in the lower-cased text) is exact under IGNORECASE."""
    everything = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    for letter in "nopbx":
        for char in set(regex.findall(letter, everything, flags=regex.IGNORECASE)):
            assert char.lower() == letter, char


def test_suffix_and_usps_groups_need_a_house_number_then_words() -> None:
    assert intl._HOUSE_THEN_WORDS.search("74 Diakou Street")
    assert intl._HOUSE_THEN_WORDS.search("68, Devan Road")
    assert not intl._HOUSE_THEN_WORDS.search("Street 74")
    assert _findings("74 Diakou Street, Nicosia") != []
