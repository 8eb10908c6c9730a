"""Towns of hand-written chats: lower-case towns after a preposition of place, short forms of qualified town
names ("Frankfurt"), and place names that start a street, venue, firm or a firm's site (not a LOCATION)."""

from __future__ import annotations

import pytest

from anonymizer.detect.gates import CHAT_GATES, TextFeatures
from anonymizer.detect.recognizers import CityRecognizer
from anonymizer.detect.recognizers.places import cities, names_a_facility


def found(text: str) -> list[str]:
    results = CityRecognizer().analyze(text, ["LOCATION"], None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("we HAVE to be in anchorage by saturday for my dads surgery", "anchorage"),
        ("i'm flying out from tulsa tmrw", "tulsa"),
        ("i flew from Nairobi via Frankfurt to London", "Frankfurt"),
        ("bag was last scanned in Frankfurt on the 2nd", "Frankfurt"),
    ],
)
def test_towns(text: str, place: str) -> None:
    assert place in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "we were in reading mode",  # everyday English words that are towns too
        "put it in bath water",
        "i'm in cork board heaven",
        "in hai ki baat",  # a first name and Hinglish
        "from Evergreen Life",  # a firm, in Title Case: never the lower-case pass
        "Hi, yes this is Oakfield Veterinary Clinic, you're chatting with",
        "the helpline at Westfield Community Legal Centre. My name",
        "rink is Westside Arena, practice 5:30",
        "Gerry Phelan (Phelan Plumbing), tel. 086 555 7132",
        "driving south on Dunmore Road towards the roundabout",
        "Q2 warehouse move to the Leeds site slipping 2 wks",
    ],
)
def test_not_towns(text: str) -> None:
    assert found(text) == []


def test_short_forms_of_qualified_names() -> None:
    known = cities()
    assert {"frankfurt", "frankfurt am main", "bernau"} <= known


@pytest.mark.parametrize(
    ("text", "span", "facility"),
    [
        ("drop it at our Phoenix Greenlight Hub, 9-5", "Phoenix Greenlight Hub", True),
        ("ready at the Burnet Road location", "the Burnet Road", True),
        ("southbound on Dunmore Road, Waterford", "Dunmore Road", True),
        ("the Leeds site", "Leeds", True),
        ("I live in Highland Park now", "Highland Park", False),  # a town whose last word is a street type
        ("I moved to Leeds last year", "Leeds", False),
        ("in Kansas City", "Kansas City", False),
    ],
)
def test_names_a_facility(text: str, span: str, facility: bool) -> None:
    start = text.index(span)
    assert names_a_facility(text, start, start + len(span)) is facility


def test_city_gate_lets_lower_case_towns_through() -> None:
    gate = CHAT_GATES["ChatCityRecognizer"]()
    assert gate(TextFeatures.of("we have to be in anchorage by saturday"))
    assert not gate(TextFeatures.of("ok thanks so much"))


def cue_found(text: str) -> list[str]:
    from anonymizer.detect.recognizers import PlaceCueRecognizer

    results = PlaceCueRecognizer().analyze(text, ["LOCATION"], None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ZIP code: 14985. State/region: Languedoc-Roussillon. Years at current address: 15.", "Languedoc-Roussillon"),
        ('{"name": "Jo", "city": "Detroit", "zip": "48201"}', "Detroit"),
        ("Place of birth: Durban\nNationality: South African", "Durban"),
        ("Wout Keijser, 69, of Berkel-Enschot, was taken to hospital", "Berkel-Enschot"),
        ("my husband and i drove up from south erica for this", "south erica"),
    ],
)
def test_place_cues_of_forms_and_news(text: str, place: str) -> None:
    assert place in cue_found(text)


@pytest.mark.parametrize(
    "text",
    ["City: the big one", "state: pending.", "Region: EMEA", "He was 5, of course, of all ages."],
)
def test_no_place_cue(text: str) -> None:
    assert cue_found(text) == []


def test_place_cue_gate_reads_labels_and_ages() -> None:
    gate = CHAT_GATES["ChatPlaceRecognizer"]()
    assert gate(TextFeatures.of("City: Detroit"))
    assert gate(TextFeatures.of("Wout Keijser, 69, of Berkel-Enschot, was hurt"))


@pytest.mark.parametrize(
    "text",
    [
        "The Denver Broncos announced on Sunday",  # a team
        "Lost: gold ring near the Brandenburg Gate on Tuesday",  # a monument
    ],
)
def test_teams_and_monuments_are_not_towns(text: str) -> None:
    assert found(text) == []


def test_a_holiday_is_not_a_country() -> None:
    from anonymizer.detect.recognizers import CountryRecognizer

    text = "golden wedding anniversary on Canada Day, then we moved to Canada"
    results = CountryRecognizer().analyze(text, ["LOCATION"], None)
    assert [text[r.start : r.end] for r in results] == ["Canada"]
    assert results[0].start == text.rindex("Canada")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("baeza.ana@gmail.com · +34 978 507 838 · Navarra, País Vasco", "Navarra, País Vasco"),
        ("driver Sara Mijas (licence issued in Łódzkie) admitted liability", "Łódzkie"),
        ("contents stolen from car parked in swansea", "swansea"),
        ("We moved to Paris, France last year.", "Paris, France"),
        ("we moved to Port Donald, Ontario.", "Port Donald, Ontario"),
    ],
)
def test_contact_lines_issued_in_and_regions(text: str, place: str) -> None:
    assert place in cue_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe · Senior Engineer · Acme, Inc",  # a firm
        "the car was parked in the garage",
        "Jane Doe · Bristol",  # one word: no town and region pair
    ],
)
def test_no_contact_line_place(text: str) -> None:
    assert cue_found(text) == []


def test_a_state_code_is_not_a_firm_suffix() -> None:
    assert cue_found("do you deliver to Adelaide, SA?") == ["Adelaide, SA"]


def test_names_a_facility_reads_holidays_and_teams() -> None:
    text = "go-live after Canada Day, then the Denver Broncos game"
    assert names_a_facility(text, text.index("Canada"), text.index("Canada") + 6)
    assert names_a_facility(text, text.index("Denver"), text.index("Denver") + 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ros Mbeki-Hartley (b. 12 May 1936, Durban) and Harold", ["Durban"]),
        ("In 2024, Reading was fun", []),  # an everyday word
        ("In 2021, Chase opened a branch", []),  # a first name
        ("selma is from stillwater supercomputing inc.", []),  # a firm, in lower case
    ],
)
def test_town_after_a_year_and_lower_case_firms(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the store in växjö was closed", "växjö"),
        ("I'm originally from tp. hồ chí minh", "tp. hồ chí minh"),
        ("I live in Detroit is what I said", "Detroit"),
    ],
)
def test_settlement_prefixes_and_was_after_a_town(text: str, place: str) -> None:
    assert place in cue_found(text)


def test_cyrillic_settlement_prefix() -> None:
    text = "the store in \u0433. \u0443\u0444\u0430 was closed"  # "g. Ufa"
    assert cue_found(text) == ["\u0433. \u0443\u0444\u0430"]
    assert cue_found("the store in the mall was closed") == []
