"""Address layouts of hand-written chats: Dutch "bis" numbers, German "-str." streets, Spanish floor and door,
Indian cross streets, Japanese chome numbers, spoken house numbers, and the place columns of pasted tables."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import (
    AddressColumnRecognizer,
    AddressCueRecognizer,
    InternationalAddressRecognizer,
    SpokenAddressRecognizer,
)


def found(recognizer: EntityRecognizer, text: str, entities: list[str] | None = None) -> list[str]:
    results = recognizer.analyze(text, entities or recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def typed(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str]]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [(text[r.start : r.end], r.entity_type) for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lives at Oudegracht 211-bis, 3511 NG Utrecht\nemergency: her partner", "Oudegracht 211-bis, 3511 NG Utrecht"),
        ("adresse : 14 ter, Rue Pasteur 8 bis, 69007 Lyon", "Rue Pasteur 8 bis, 69007 Lyon"),
        ("| Karl-Marx-Str. 112  | 12043 |", "Karl-Marx-Str. 112"),
        ("Obi wohnt Hauptstr. 9, 69117 Heidelberg", "Hauptstr. 9, 69117 Heidelberg"),
        ("Calle de Hortaleza 74, 3º izq\n28004 Madrid", "Calle de Hortaleza 74, 3º izq\n28004 Madrid"),
        ("Calle Mayor 5, 2º B, 28013 Madrid", "Calle Mayor 5, 2º B, 28013 Madrid"),
        (
            "me: Ananya Iyer, flat 302, Lakshmi Residency, 14th Cross, Indiranagar, Bengaluru 560038\nvacated on 31 jan",
            "flat 302, Lakshmi Residency, 14th Cross, Indiranagar, Bengaluru 560038",
        ),
        (
            "I vacated the flat at 302, Lakshmi Residency, 14th Cross, Indiranagar, Bengaluru 560038 on 31 January",
            "302, Lakshmi Residency, 14th Cross, Indiranagar, Bengaluru 560038",
        ),
        (
            "TO: Hiroshi Tanabe\n2-14-9 Kichijoji Minamicho, Musashino-shi, Tokyo\nTEL",
            "2-14-9 Kichijoji Minamicho, Musashino-shi, Tokyo",
        ),
    ],
)
def test_international_layouts(text: str, expected: str) -> None:
    assert expected in found(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "OLUWADAMILOLA JANET FASHOLA, 19 SEP 1985",  # a name and a date of birth
        "Tom Jones, 19 May 1985",
        "we met on 12-3-24 Berlin, Germany",  # a date, not a chome number
        "I bought 2 Kichijoji Minamicho, Tokyo",  # no municipality, no postcode
        "the score was 3º in Madrid",
    ],
)
def test_international_not_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == []


def test_a_lower_case_line_after_a_code_is_a_town_only_when_it_ends_there() -> None:
    text = "flat 302, Lakshmi Residency, Indiranagar, Bengaluru 560038\nvacated on 31 jan"
    assert found(InternationalAddressRecognizer(), text) == [
        "flat 302, Lakshmi Residency, Indiranagar, Bengaluru 560038"
    ]
    assert found(InternationalAddressRecognizer(), "victoriaweg 8\n8559 lz\nsluiskil pls") == [
        "victoriaweg 8\n8559 lz\nsluiskil"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "he says he knocked at forty two Hollis Street apartment two Dorchester",
            "forty two Hollis Street apartment two Dorchester",
        ),
        ("it's at one twenty Main Street, Boston.", "one twenty Main Street, Boston"),
        ("my address is nine oh five Elm Avenue apt 3", "nine oh five Elm Avenue apt 3"),
    ],
)
def test_spoken_house_numbers(text: str, expected: str) -> None:
    assert found(SpokenAddressRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "we have three Baker Street tickets",
        "the one Main Street store closes at 9",
        "Twenty One Pilots played Main Street",
        "two main roads were closed",
    ],
)
def test_spoken_not_addresses(text: str) -> None:
    assert found(SpokenAddressRecognizer(), text) == []


def test_spoken_gate_needs_a_street_type() -> None:
    gate = CHAT_GATES["ChatSpokenAddressRecognizer"]()
    assert gate(TextFeatures.of("knocked at forty two Hollis Street"))
    assert gate(TextFeatures.of("knocked at forty two hollis street"))  # a lower-case transcript
    assert not gate(TextFeatures.of("knocked at forty two hollis"))


def test_a_date_range_after_moved_to_is_not_an_address() -> None:
    text = "I've moved your stay to 25-27 April, King Harbour View, rate goes from NZ$289 to NZ$305"
    assert found(AddressCueRecognizer(), text) == []
    assert found(AddressCueRecognizer(), "ship it to 30-12 Main St, Queens") == ["30-12 Main St, Queens"]


def test_csv_city_column() -> None:
    text = (
        "clean this csv\nname,email,phone,city\n"
        "Jamal Whitfield,JW@Gmail.com,(313) 555-0164,Detroit\n"
        '"Whitfield, Jamal",jw@gmail.com,3135550164,detroit\n'
        "mark de vries,md@aol.com,248-555-0190,Royal Oak\n"
        "Ana,ana@x.com,555,n/a\n"
        "\nthanks!"
    )
    assert typed(AddressColumnRecognizer(), text) == [
        ("Detroit", "LOCATION"),
        ("detroit", "LOCATION"),
        ("Royal Oak", "LOCATION"),
    ]


def test_sql_output_street_and_postcode_columns() -> None:
    text = (
        "SELECT c.id, a.line1, a.postcode FROM customers c\n\n"
        " id   | line1               | postcode | ip\n"
        "------+---------------------+----------+---------------\n"
        " 1042 | Karl-Marx-Str. 112  | 12043    | 91.64.210.17\n"
        " 1043 | Hauptstr. 9         | 69117    | 185.22.143.98\n"
    )
    assert typed(AddressColumnRecognizer(), text) == [
        ("Karl-Marx-Str. 112", "STREET_ADDRESS"),
        ("12043", "ZIP_CODE"),
        ("Hauptstr. 9", "STREET_ADDRESS"),
        ("69117", "ZIP_CODE"),
    ]


def test_markdown_table_with_prefixed_headers() -> None:
    text = "| Name | Billing ZIP | Home city |\n|---|---|---|\n| Bo | 94107 | Reno |\n| Al | - | Tulsa |"
    assert typed(AddressColumnRecognizer(), text) == [
        ("94107", "ZIP_CODE"),
        ("Reno", "LOCATION"),
        ("Tulsa", "LOCATION"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ip_address,email_address\n1.2.3.4,a@b.com",  # not street addresses
        "name,city\nBo,Reno,extra,cells",  # a row of another shape
        "city\nReno",  # one column: not a table
        "name,city,zip\nBo,123,Reno",  # a city cell without letters, a zip without digits
        "the city, the zip\nwhat a day",  # prose
        "name;address\nBo;no fixed abode",  # an address without a number
    ],
)
def test_no_place_columns(text: str) -> None:
    assert found(AddressColumnRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shipping to 35785 took 2 days, which is ridiculous", ["35785"]),
        ("Shipping to 34-781 took 2 days", ["34-781"]),
        ('{"city": "Detroit", "zip": "48201"}', ["48201"]),
        ("ship it to 12345 Main St please", []),  # a house number
        ("I sent to 12345 people", []),
        ("do you deliver to 11211?", []),  # asking about an area
    ],
)
def test_zip_after_shipping_to_and_in_json(text: str, expected: list[str]) -> None:
    from anonymizer.detect.recognizers import ZipCodeRecognizer

    assert found(ZipCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Davi Lucas Melo, home address Lago Novais, 1, Castro de Cirino - MA, 30805115.",
            "Lago Novais, 1, Castro de Cirino - MA, 30805115",
        ),
        (
            "Joaquim Sousa, home address Conjunto Rios, 71, Pinto do Galho - CE, 81621-463.",
            "Conjunto Rios, 71, Pinto do Galho - CE, 81621-463",
        ),
        (
            "billing address Level 1 782 Nguyen Artery, Bendigo WA 2657.",
            "Level 1 782 Nguyen Artery, Bendigo WA 2657",
        ),
    ],
)
def test_brazilian_state_after_a_dash_and_a_level_before_the_street(text: str, expected: str) -> None:
    assert expected in found(InternationalAddressRecognizer(), text)


def test_a_dash_before_a_word_is_no_state_separator() -> None:
    text = "Rua Augusta 1502, São Paulo - great city"
    assert found(InternationalAddressRecognizer(), text) == ["Rua Augusta 1502, São Paulo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Request for refund of security deposit \u2013 Flat 302, Lakshmi Residency\n\nDear Mr Malhotra",
            ["Flat 302, Lakshmi Residency"],
        ),
        ("I live at Flat 3, Rowan House, Leeds", ["Flat 3, Rowan House, Leeds"]),
        ("Flat 3,\nthanks", []),
        ("Flat 3, Thanks Team", []),
    ],
)
def test_a_unit_then_a_named_building(text: str, expected: list[str]) -> None:
    assert found(InternationalAddressRecognizer(), text) == expected
