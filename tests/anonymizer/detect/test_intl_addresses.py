"""International and multi-line street addresses: street cores in several national layouts, the address
lines after them, and the prose, dates, products and quantities that look like them."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import (
    InternationalAddressRecognizer,
    PlaceCueRecognizer,
    StreetAddressRecognizer,
    ZipCodeRecognizer,
)
from anonymizer.detect.recognizers.intl_addresses import countries


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Type word first, any case when it is not an English word.
        ("26 rue des Lilas, 75011 Paris, France", "26 rue des Lilas, 75011 Paris, France"),
        ("send it to calle de alcalá 42, madrid", "calle de alcalá 42, madrid"),
        ("Via Roma 131\n Apt. 425\n Montafia\n Italy 39767", "Via Roma 131\n Apt. 425\n Montafia\n Italy 39767"),
        ("Rua Augusta 1502, São Paulo", "Rua Augusta 1502, São Paulo"),
        ("mieszkam: ul. Słowicza 10, 53-320 Wrocław", "ul. Słowicza 10, 53-320 Wrocław"),
        # Type word glued to the name, number after it.
        ("Ich wohne in der Hauptstraße 12, 10115 Berlin", "Hauptstraße 12, 10115 Berlin"),
        ("new address: Keizersgracht 221, 1016 DV Amsterdam", "Keizersgracht 221, 1016 DV Amsterdam"),
        ("it's Nørrebrogade 45, 2200 København N", "Nørrebrogade 45, 2200 København N"),
        ("Mannerheimintie 5 A 12, Helsinki", "Mannerheimintie 5"),
        ("deliver to Drottninggatan 3, 111 51 Stockholm, Sweden", "Drottninggatan 3, 111 51 Stockholm, Sweden"),
        # Type word on its own after the name: German, Hungarian.
        ("760 Passauer Strasse 33, Linz, Austria", "760 Passauer Strasse 33, Linz, Austria"),
        ("The office is at Király u. 15.", "Király u. 15."),
        # English-type streets with lines after them: UK, Australia, New Zealand, several lines.
        ("Flat 3, 12 High Street, London SW1A 1AA", "Flat 3, 12 High Street, London SW1A 1AA"),  # unit first
        (
            "224 4966 Bond Street\n Suite 413\n Warwick\n United States",
            "224 4966 Bond Street\n Suite 413\n Warwick\n United States",
        ),
        ("ship to 3 Ahmed Ports, Brighton M84 1EE", "3 Ahmed Ports, Brighton M84 1EE"),
        # No type word: needs an address line after it, or an address cue before it.
        (
            "28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650",
            "28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650",
        ),
        ("she lives at 172 Maneeži 75, Saareküla", "172 Maneeži 75, Saareküla"),
        ("my address is Edeby 55, 12345 Tystberga", "Edeby 55, 12345 Tystberga"),
        ("Kesk 53\n Suite 343\n Pärnu\n Estonia", "Kesk 53\n Suite 343\n Pärnu\n Estonia"),
        # US military mail and PO boxes with their lines.
        ("Meet me at PSC 1437, Box 3833\nAPO AA 66791", "PSC 1437, Box 3833\nAPO AA 66791"),
        ("P.O. Box 149\n Pituffik\n Greenland 3970", "P.O. Box 149\n Pituffik\n Greenland 3970"),
    ],
)
def test_international_addresses_are_found_with_their_lines(text: str, expected: str) -> None:
    assert expected in found(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "I have 2 Pixel 7 phones",
        "we need 3 Galaxy S22 and 4 Pixel 7\nThanks",
        "see you March 3, 2026 ok",
        "Room 5 at 3pm",
        "2 large pizzas for $12.99",
        "version 3.2.1 fixed it",
        "order 12 Item 5, qty 300",
        "Chapter 3, Section 12",
        "Table 4, Gate 12",
        "Windows 11, Office 365",
        "click Place Order 2 times",
        "sent via Email 2 days ago",
        "my address is IA 50941.",
        "Season 2 Episode 5 was great",
        "1 x Widget 12 @ $4.00\n2 x Gadget 7 @ $9.00",
        "it took 3 Business Days",
    ],
)
def test_prose_quantities_dates_and_products_are_not_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The address ends before prose, a blank line, a phone number or a sign-off.
        ("The letter arrived at 17224 Þverbraut 66 Suite 991, Gdańsk, Poland 52096 last night.",
         "17224 Þverbraut 66 Suite 991, Gdańsk, Poland 52096"),
        ("Hungary 34796", None),
        ("233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796\n07700 063 966 fax",
         "233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796"),
        ("Feldstrasse 42\n\nThanks, Anna", "Feldstrasse 42"),
        ("5 Main Street Apt 4\nThanks!", "5 Main Street Apt 4"),
        ("Hauptstraße 12 United Kingdom", "Hauptstraße 12 United Kingdom"),
    ],
)  # fmt: skip
def test_the_walk_stops_where_the_address_ends(text: str, expected: str | None) -> None:
    assert found(InternationalAddressRecognizer(), text) == ([expected] if expected else [])


def test_unit_word_needs_a_number_or_letter_after_it() -> None:
    # "United" starts with "unit": it must not be read as a unit line.
    assert found(InternationalAddressRecognizer(), "Feldstrasse 42\nUnited Kingdom") == [
        "Feldstrasse 42\nUnited Kingdom"
    ]


def test_australian_state_and_postcode_complete_a_us_style_address() -> None:
    assert found(StreetAddressRecognizer(), "it's 90 william pathway, adelaide, sa 2946") == [
        "90 william pathway, adelaide, sa 2946"
    ]


def test_country_list_holds_common_names_and_short_forms() -> None:
    assert {"France", "United Kingdom", "New Zealand", "USA", "South Korea"} <= countries()


def test_gate_is_a_digit() -> None:
    gate = CHAT_GATES["ChatInternationalAddressRecognizer"]()
    assert gate(TextFeatures.of("Via Roma 1")) is True
    assert gate(TextFeatures.of("Via Roma, Milano")) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my zip code is 880", ["880"]),
        ("postcode: 53-320", ["53-320"]),
        ("postal code 1016 DV", ["1016 DV"]),
        ("post code is 111 51", ["111 51"]),
        ("zip is 94107", ["94107"]),
        ("the zip field is empty", []),
        ("zip it up in 5 minutes", []),
    ],
)
def test_postcodes_of_other_countries_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm originally from Fortaleza", ["Fortaleza"]),
        ("we moved here from Tjæreborg", ["Tjæreborg"]),
        ("my hometown is Villafranca del Cid", ["Villafranca del Cid"]),
        ("grew up in KATRINEHOLM, then left", ["KATRINEHOLM"]),
        ("originally from the billing team", []),
        ("I returned to work", []),
    ],
)
def test_places_people_come_from(text: str, expected: list[str]) -> None:
    assert found(PlaceCueRecognizer(), text) == expected


# Layouts found with scripts/faker_probe.py (Faker's address providers of many countries).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # House numbers with a slash or a range, or a letter of another script.
        ("Vollbrechtstraße 2/2, 25276 Strausberg", "Vollbrechtstraße 2/2, 25276 Strausberg"),
        ("Täschering 29-27, 71049 Güstrow", "Täschering 29-27, 71049 Güstrow"),  # bare core, code and town
        ("Климент Охридски 1\u0430\n6000 Охрид", "Климент Охридски 1\u0430\n6000 Охрид"),  # Cyrillic a
        # A comma after the house number, or between the street and its number.
        ("20, rue de Poulain\n74159 BenoitVille", "20, rue de Poulain\n74159 BenoitVille"),
        ("41, boulevard lamy\n08946 denis", "41, boulevard lamy\n08946 denis"),
        ("Piazza Anita, 34\n37135, Verona (VR)", "Piazza Anita, 34\n37135, Verona (VR)"),
        ("Rua Ribeiro, 790, 3308-246 Viseu", "Rua Ribeiro, 790, 3308-246 Viseu"),
        # "No." / "N°" before the number; more national type words.
        ("Avenida San Juan N° 885 Piso 9", "Avenida San Juan N° 885 Piso 9"),  # with its unit (floor)
        ("Jalan Ciumbuleuit No. 1\nSawahlunto, BE 01661", "Jalan Ciumbuleuit No. 1\nSawahlunto, BE 01661"),
        ("Privada Cepeda 628", "Privada Cepeda 628"),
        ("my address is Skogstien 106", "Skogstien 106"),
        # Street line, then a code and a town: the code line is evidence for a bare street.
        (
            "ship to \u03a0\u03ac\u03c1. \u0392\u03b1\u03c5\u03ba\u03b5\u03c1\u03ae\u03c2 9,\n\u03a4\u039a 09960 Athens",
            "\u03a0\u03ac\u03c1. \u0392\u03b1\u03c5\u03ba\u03b5\u03c1\u03ae\u03c2 9,\n\u03a4\u039a 09960 Athens",
        ),
        ("Podlešínská 460\n182 46 Němčice nad Hanou", "Podlešínská 460\n182 46 Němčice nad Hanou"),
        ("Jacksteeg 9\n4821 XG\nWeurt", "Jacksteeg 9\n4821 XG\nWeurt"),
        ("Dunagyörgyi út 25.\nH-6908 Szentgyörgykövesd", "Dunagyörgyi út 25.\nH-6908 Szentgyörgykövesd"),
        # Lower-case addresses: the town after the code, lower-case UK and Dutch codes.
        ("kellerstrasse 119\n4786 schlieren", "kellerstrasse 119\n4786 schlieren"),
        ("hannahbaan 8\n9590nc\ncolmschate", "hannahbaan 8\n9590nc\ncolmschate"),
        # A unit typed before the street; a region code after a town on the same line.
        (
            "Mrs. Jennifer Alcaraz Suite 541 6343 Skogstien 106\nASKER nan 1386",
            "Suite 541 6343 Skogstien 106\nASKER nan 1386",
        ),
        ("Apt. 117 5720 Skoanveien 226\nFAUSKE nan 8200", "Apt. 117 5720 Skoanveien 226\nFAUSKE nan 8200"),
        # Australian and New Zealand street types.
        ("6 Katherine Courtyard\nFisherland, TAS, 2955", "6 Katherine Courtyard\nFisherland, TAS, 2955"),
    ],
)
def test_faker_layouts_are_found(text: str, expected: str | None) -> None:
    result = found(InternationalAddressRecognizer(), text)
    if expected is None:
        assert result == []
    else:
        assert expected in result


@pytest.mark.parametrize(
    "text",
    [
        "I put 5 items in the cart",
        "see you March 3\n2026 Plans",
        "Dear R. Jones 2 items are late",
        "I was offering 3 options",
        "call me on 12 03 24",
        "we were 4 people, 2 dogs",
        "3 via email and 2 by post",
        "Step 3, 12345 Done",
        "Page 4\n1234 AB test",
    ],
)
def test_faker_layout_look_alikes_are_not_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == []
