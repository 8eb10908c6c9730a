"""Places that are not where someone is: a team, a street, a holiday, a firm's premises or delivery area, a venue
named after its town, a country used as a thing's adjective; and surnames after a title."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import CityRecognizer, CountryRecognizer, PlaceCueRecognizer
from anonymizer.detect.recognizers.ner_filter import is_not_pii_ner_span, not_where_someone_is


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def ner_kept(text: str, part: str) -> bool:
    """Whether spaCy's LOCATION guess over `part` survives the filter."""
    return not is_not_pii_ner_span(text, *span(text, part), "LOCATION")


def cities(text: str) -> list[str]:
    return [text[r.start : r.end] for r in CityRecognizer().analyze(text, ["LOCATION"], None)]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("The Denver Broncos announced on Sunday", "Denver"),  # a team
        ("go-live after canada day", "canada"),  # a holiday, in lower case
        ("Stayed 13 nights over Diwali. Rooms were clean", "Diwali"),
        ("unveiled before Eid.", "Eid"),
        ("Lost: gold ring near Central Park on Sunday", "Central Park"),  # a landmark
        ("You can drop it at our Phoenix Greenlight Hub, 9-5", "Phoenix Greenlight Hub"),
        ("Hi I applied for a UK Standard Visitor visa from Lagos", "UK"),  # a kind of visa
        ("he drives an Ohio truck", "Ohio"),
        ("your application is still with the decision-making centre in Sheffield.", "Sheffield"),
        ("our warehouse in Leeds ships on Monday", "Leeds"),
        ("sono Giuseppe Lo Bianco, magazzino di Piacenza", "Piacenza"),
        ("Yes! We deliver to Williamsburg. Please enter your full address", "Williamsburg"),
        ("we also ship to Norway", "Norway"),
        ("did backend stuff in go and python at Zylo, like apis", "Zylo"),  # an employer no list knows
        ("my reservation at the Harbourline Wellington waterfront", "Wellington"),  # a hotel
        ("raised concerns about the Leeds office lease", "Leeds"),
    ],
)
def test_not_where_someone_is(text: str, part: str) -> None:
    assert not ner_kept(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("I'm running for school board in Polk County.", "Polk County"),  # a region, not a firm
        ("Hello, I just moved to Calgary, AB and need to change my address", "Calgary, AB"),
        ("do you deliver to Adelaide, SA?", "Adelaide, SA"),  # a customer asking
        ("can you deliver to Tulsa?", "Tulsa"),
        ("do you have a store in York?", "York"),
        ("I live in the Greater London area", "Greater London"),
        ("we stayed in the Netherlands", "Netherlands"),
        ("the following year at Poweradvocate in Bremen", "Bremen"),  # where someone worked
        ("I'm at Heathrow now", "Heathrow"),
        ("my office in Leeds is closing", "Leeds"),  # the person's own office
        ("these early shows on Marina Fort Street were", "Marina Fort"),  # a street's name: no leak
        ("flying to Lagos next week", "Lagos"),
    ],
)
def test_where_someone_is(text: str, part: str) -> None:
    assert not not_where_someone_is(text, *span(text, part))
    if "," not in part:
        assert ner_kept(text, part)


def test_firm_delivery_area_is_not_a_cue() -> None:
    found = [r for r in PlaceCueRecognizer().analyze("Yes! We deliver to Williamsburg. Thanks", ["LOCATION"])]
    assert found == []
    text = "can you deliver to Tulsa?"
    assert [text[r.start : r.end] for r in PlaceCueRecognizer().analyze(text, ["LOCATION"])] == ["Tulsa"]


def test_country_as_a_things_adjective() -> None:
    text = "Hi I applied for a UK Standard Visitor visa from Lagos"
    assert CountryRecognizer().analyze(text, ["LOCATION"], None) == []
    text = "we moved here from CYPRUS"
    assert [text[r.start : r.end] for r in CountryRecognizer().analyze(text, ["LOCATION"], None)] == ["CYPRUS"]


@pytest.mark.parametrize(
    "text",
    [
        "We have a slot at 11:40 with Mr Hollins or 2:15",
        "Dear Ms. Salinas, thank you for your letter",
        "sono Giuseppe Lo Bianco, magazzino di Piacenza",
        "I was driving south on Dunmore Road in Waterford",  # "Dunmore" of the road; Waterford stays
        "It'll be ready at the Burnet Road location.",
    ],
)
def test_city_recognizer_negatives(text: str) -> None:
    assert not any(c in ("Hollins", "Salinas", "Piacenza", "Dunmore", "Burnet") for c in cities(text))


def test_city_recognizer_keeps_towns() -> None:
    assert "Waterford" in cities("I was driving south on Dunmore Road in Waterford")
    assert "Salinas" in cities("we moved to Salinas last year")


def _scores(recognizer: CityRecognizer | PlaceCueRecognizer, text: str) -> dict[str, float]:
    return {text[r.start : r.end]: r.score for r in recognizer.analyze(text, ["LOCATION"], None)}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("just landed in Wunsiedel, who's around this weekend?", "Wunsiedel"),
        ("Mr and Mrs Gupta of Surat are pleased to announce", "Surat"),
        ("Kelly Hernandez, 83, of Guelph, was taken to hospital", "Guelph"),
    ],
)
def test_town_after_preposition_outranks_spacy_person(text: str, place: str) -> None:
    assert _scores(CityRecognizer(), text)[place] > 0.85


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a letter from Salinas arrived", "Salinas"),  # a surname too: spaCy's person guess may stand
        ("I'm so jealous! said Gladys to Logan", "Logan"),  # a first name, and "to" is weak
    ],
)
def test_name_like_towns_keep_a_low_score(text: str, place: str) -> None:
    assert _scores(CityRecognizer(), text).get(place, 0.0) < 0.85


def test_cued_place_outranks_spacy_person_unless_a_first_name() -> None:
    assert _scores(PlaceCueRecognizer(), "moving from Quang Tri to Raleigh next month")["Raleigh"] > 0.85
    assert _scores(PlaceCueRecognizer(), "moving from Albert to Raleigh next month").get("Albert", 0.0) < 0.85


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("booking QX7H2M: Ho Chi Minh City (SGN) to Sydney (SYD), 14 Jun", ["Ho Chi Minh City", "Sydney"]),
        ("Ticket 887417366: Dundee to New Alexisstad, February 8", ["Dundee", "New Alexisstad"]),
        ("Note: Leeds to Sydney, 3 stops.", ["Leeds", "Sydney"]),
    ],
)
def test_both_ends_of_a_route(text: str, ends: list[str]) -> None:
    scores = _scores(CityRecognizer(), text)
    assert all(scores.get(end, 0.0) > 0.85 for end in ends)


@pytest.mark.parametrize(
    "text",
    [
        "we are open from Monday to Friday.",
        "the plan went from Basic to Premium, ok?",
        "Status: Pending to Approved, thanks",
        "Note: Jackson to Mary, see you",  # a lone first name and no airport code
    ],
)
def test_not_a_route(text: str) -> None:
    assert all(score < 0.85 for score in _scores(CityRecognizer(), text).values())


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("The funeral will be held at St Mary's on Thursday", "St Mary's"),  # a church
        ("The funeral will be held at St Mary's on Thursday", "St Mary"),
        ("They charged my card twice for one Kobo Clara, and", "Kobo"),  # a product
    ],
)
def test_saints_churches_and_products(text: str, part: str) -> None:
    assert not_where_someone_is(text, *span(text, part))


def test_saint_towns_stay() -> None:
    text = "I live in St. John's now"
    assert not not_where_someone_is(text, *span(text, "St. John's"))


def test_town_paired_with_a_surname_is_a_name() -> None:
    assert "Salinas" not in cities("Nguyen and Salinas were precision engineers.")
    assert "Salinas" not in cities("Salinas & Kowalski LLP called")
    assert "Leeds" in cities("we drove to Leeds and Manchester")
