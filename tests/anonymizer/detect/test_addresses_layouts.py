"""Street lines of any words, completed by a postcode-and-town line; more national street types and numbers."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import InternationalAddressRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text",
    [
        # Any street line ending in a house number, then a postcode and a town (any case).
        "mala 86\n91390 buje",
        "Do Dubin 84\n728 03 Františkovy Lázně",
        "čiližská 693\n881 90 rozhanovce",
        # A type word and no number, then the postcode line; "S/N" (no number) in Portugal and Spain.
        "rue Rey\n7091 Wicht",
        "Rua Loureiro, S/N\n7909-378 Sines",
        # Type words after the name in lower case; lower-case Hungarian codes; "nr." before the number.
        "debreceni utca 35.\nh-5628 pilistamásiapáti",
        "žerjalova ulica 996\n3082 slovenska bistrica",
        "strada ababei nr. 474\ntuzla, 651313",
        "al. księżycowa 975\n39-255 piotrków trybunalski",
        "jalan ahmad yani no. 390\nbanjarbaru, kalimantan timur 82462",
        # A town with a lower-case word at the end of its line; an Australian unit/house number.
        "Kuhljeva cesta 8a\n5797 Novo mesto",
        "14/72 Bourke St\nFitzroy VIC 3065",
    ],
)
def test_street_line_with_a_postcode_and_town_line(text: str) -> None:
    assert found(InternationalAddressRecognizer(), f"ship it to {text}\nthanks") == [text]


def test_house_number_before_a_bare_street_needs_no_cue() -> None:
    assert found(InternationalAddressRecognizer(), "5049 Harjukuja 54") == ["5049 Harjukuja 54"]


@pytest.mark.parametrize(
    "text",
    [
        "Step 3\n12345 Done",
        "we need 250 units by june, 1000 pcs in total",
        "page 4\n1234 ab test",
        "room 12\n2000 people",
        "I ordered 12 pizzas at 7.50 each\n2024 Thanks",
        "version 10\n2000 Users",
        "2 Pixel 7\n1234 Phones",
        "rue Rey is nice",
        "it's 2 Office 365 licences",
    ],
)
def test_numbers_and_lines_that_are_not_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == []
