"""Places inside organisation, product, branch and venue names are not where someone is; towns in routes
and in sentences of another script are; numberless British, Gulf, Brazilian and spoken address layouts."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import CityRecognizer, CountryRecognizer
from anonymizer.detect.recognizers.addresses import SpokenAddressRecognizer, StreetAddressRecognizer
from anonymizer.detect.recognizers.intl_addresses import InternationalAddressRecognizer
from anonymizer.detect.recognizers.places import names_a_facility


def towns(text: str) -> list[str]:
    results = [*CityRecognizer().analyze(text, ["LOCATION"], None), *CountryRecognizer().analyze(text, [], None)]
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def addresses(text: str) -> list[str]:
    results = [
        *StreetAddressRecognizer().analyze(text, ["STREET_ADDRESS"], None),
        *InternationalAddressRecognizer().analyze(text, ["STREET_ADDRESS"], None),
        *SpokenAddressRecognizer().analyze(text, ["STREET_ADDRESS"], None),
    ]
    return [text[r.start : r.end] for r in results]


def span_of(text: str, place: str) -> tuple[int, int]:
    start = text.index(place)
    return start, start + len(place)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my daughter got into the University of Leeds", "Leeds"),
        ("I have an account with the Bank of Ireland", "Ireland"),
        ("we went to the museum of london on sunday", "london"),
        ("I flew Air France last month", "France"),
        ("both legs on Air Canada", "Canada"),
        ("Its Jake at FitHaus Bondi, can I get your member number", "Bondi"),
        ("appointment at VFS Delhi tomorrow", "Delhi"),
        ("I joined Anytime Fitness Kingsford in May", "Kingsford"),
        ("I bought the TravelSim 15 Days (Europe) pack", "Europe"),
        ("roaming bundle (Asia Pacific) was charged twice", "Asia Pacific"),
        ("nobody on my team can log in to Quillnote", "Quillnote"),
        ("I signed up for Brightwave last week", "Brightwave"),
        ("Hi Dana, Priya from Stello support here", "Stello"),
        ("your Japan eSIM is active", "Japan"),
        ("please pick me up at Gatwick Airport", "Gatwick Airport"),
        ("we've got 3 seats, West Stand, Block 114", "West Stand"),
        ("the wedding is at Rosewood Estate", "Rosewood"),
        ("dr Lee at the Oakhurst family practice", "Oakhurst"),
        ("the letter from St Columba's University Hospital", "St Columba"),
    ],
)
def test_place_in_an_organisation_product_or_venue_name(text: str, place: str) -> None:
    assert names_a_facility(text, *span_of(text, place))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I live in Sheffield and moved from Glasgow", "Glasgow"),
        ("flying Air France to Lagos next week", "Lagos"),
        ("she studies in Leeds", "Leeds"),
        ("we are in Adelaide, SA now", "Adelaide"),
        ("I'm in NSW Sydney area", "Sydney"),  # a state code before the town is no brand
        ("I work in Leeds city centre", "Leeds"),  # the centre of a town is where someone is
        ("my McDonald Glasgow friends", "Glasgow"),  # a surname is no brand
        ("the Republic of Ireland", "Ireland"),
        ("log in from Toronto", "Toronto"),
    ],
)
def test_place_where_someone_is(text: str, place: str) -> None:
    assert not names_a_facility(text, *span_of(text, place))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Chennai to Melbourne, she's visiting in June", "Chennai"),
        ("Chennai to Melbourne, she's visiting in June", "Melbourne"),
        ("our flight Lisbon to Porto, 2 May", "Lisbon"),
        ("हम लोग Birmingham जा रहे हैं अगले हफ्ते", "Birmingham"),
        ("Мы переехали в Berlin в прошлом году", "Berlin"),
    ],
)
def test_routes_and_towns_in_another_script(text: str, place: str) -> None:
    assert place in towns(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Haan bhai, aur kya chal raha hai", "Haan"),
        ("Theek hai. Aur prescription ki photo upload ki thi na?", "Aur"),
        ("University of Manchester 😊 thank you", "Manchester"),
        ("booked on Air India, Delhi to Toronto", "India"),
        ("Monday to Friday: open late", "Monday"),
    ],
)
def test_not_towns(text: str, word: str) -> None:
    assert word not in towns(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Hugh Pennington, The Old Forge, Church Lane, Little Wenham, Suffolk CO7 6QA",
            "The Old Forge, Church Lane, Little Wenham, Suffolk CO7 6QA",
        ),
        (
            "we're at Rose Cottage, Mill Lane, Ashby de la Zouch, Leicestershire LE65 2QA",
            "Rose Cottage, Mill Lane, Ashby de la Zouch, Leicestershire LE65 2QA",
        ),
        (
            "post it to Orchard Close\nGreat Shelford\nCambridge CB22 5JX",
            "Orchard Close\nGreat Shelford\nCambridge CB22 5JX",
        ),
        (
            "drop-off point, Cluster D, Lake View Tower, Apt 1708, Jumeirah Lake Towers, Dubai?",
            "Cluster D, Lake View Tower, Apt 1708, Jumeirah Lake Towers, Dubai",
        ),
        (
            "Rua Capote Valente, 512, apto 74 \u2013 Pinheiros, São Paulo \u2013 SP, 05409-001\nana@x.com",
            "Rua Capote Valente, 512, apto 74 \u2013 Pinheiros, São Paulo \u2013 SP, 05409-001",
        ),
        (
            "Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200",
            "Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200",
        ),
        (
            "I'm at uh one nine two Grove Street, apartment four C",
            "one nine two Grove Street, apartment four C",
        ),
        ("address is um forty two Hollis Street, apartment two B", "forty two Hollis Street, apartment two B"),
    ],
)
def test_address_layouts(text: str, address: str) -> None:
    assert address in addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "meeting at Church Lane, then lunch in Leeds",  # a street and no postcode
        "Tower Bridge, London is busy today",
        "Hi team, Block C, Tower 2 is closed",
        "I'm at uh twelve o'clock meeting",
        "It was a long day - Thanks again for the help",
        "Price: 12 GB plan \u2013 Europe, Asia",
    ],
)
def test_not_addresses(text: str) -> None:
    assert addresses(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("John writes about open data from Carlisle, Hertfordshire.", "Carlisle, Hertfordshire"),
        ("he writes from Port Donald, Ontario.", "Port Donald, Ontario"),
        ("I'm visiting from Đồng Nai, Cao Bằng.", "Đồng Nai, Cao Bằng"),
        ("Ticket 12345 for Ana Lopes: Vila Nova to Quattro Strade, 15th March", "Quattro Strade"),
        ("the bus: Brightwell to Oxbury, 9am", "Oxbury"),
    ],
)
def test_town_with_region_and_trip_routes(text: str, place: str) -> None:
    assert place in towns(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a letter from Jackson, Mary.", "Jackson, Mary"),
        ("greetings from Leeds, Sarah and the kids", "Leeds, Sarah"),
        ("train ticket: Jackson to Mary, 2 May", "Jackson"),
        ("from Monday, Tuesday.", "Monday, Tuesday"),
    ],
)
def test_not_town_and_region(text: str, word: str) -> None:
    assert word not in towns(text)


def place_cues(text: str) -> list[str]:
    from anonymizer.detect.recognizers import PlaceCueRecognizer

    return [text[r.start : r.end] for r in PlaceCueRecognizer().analyze(text, ["LOCATION"], None)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("being a Green living in Saint-Martin i feel invisible tbh", "Saint-Martin"),
        ("she grew up in An Giang and teaches history", "An Giang"),
        ("we live in The Hague now", "The Hague"),
        ("Lisbon, Portugal · ana@example.com · +351 912 345 678", "Lisbon, Portugal"),
        ("Kraków, Polska | jan@example.pl", "Kraków, Polska"),
    ],
)
def test_cued_places(text: str, place: str) -> None:
    assert place in place_cues(text)


@pytest.mark.parametrize(
    "text", ["I'm in The Zone right now", "I'm in Big Trouble lol", "Hello, World · welcome back · enjoy"]
)
def test_not_cued_places(text: str) -> None:
    assert place_cues(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("मुझे अपनी बेटी के लिए UK student visa की appointment चाहिए", "UK"),
        ("I need a Canada work permit for my wife", "Canada"),
        ("renewing my US passport", "US"),
    ],
)
def test_place_of_a_document(text: str, place: str) -> None:
    assert names_a_facility(text, *span_of(text, place))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("my address is Villa 23, Street 14, Al Barsha 2, Dubai", "Villa 23, Street 14, Al Barsha 2, Dubai"),
        ("send to Building 5, Road 2803, Block 428, Seef, Bahrain", "Building 5, Road 2803, Block 428, Seef, Bahrain"),
        ("ship to Rose Cottage, Ashby, Leicestershire LE65 2QA", "Rose Cottage, Ashby, Leicestershire LE65 2QA"),
        (
            "it's Ballyvaughan Road, Lisdoonvarna, Co. Clare V95 X2F4",
            "Ballyvaughan Road, Lisdoonvarna, Co. Clare V95 X2F4",
        ),
        (
            "Room 1114 Matumtum Tower, 444 Coconut Street, Bayawan, 4701 Ilocos Sur",
            "Room 1114 Matumtum Tower, 444 Coconut Street, Bayawan, 4701 Ilocos Sur",
        ),
        ("RR 3 Box 45, Millbrook", "RR 3 Box 45"),
    ],
)
def test_more_address_layouts(text: str, address: str) -> None:
    assert address in addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "the box 12 of 20 is damaged",
        "see Section 5, Block 2 of the form",
        "Rose Cottage is lovely, Ashby too",
        "Church Lane, Ashby is closed today",  # no postcode
    ],
)
def test_more_not_addresses(text: str) -> None:
    assert addresses(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my Hyundai Santa Fe needs new brakes", "Santa Fe"),
        ("we watched Real Madrid beat Bayern Munich", "Munich"),
        ("he supports Newcastle United", "Newcastle"),
        ("Tell me about the Kyoto protocol", "Kyoto"),
        ("We offer the Berlin plan and the Tokyo plan", "Tokyo"),
        ("ordered the Oslo sofa in grey", "Oslo"),
        ("Welcome to Lisbon Suites, your booking is confirmed", "Lisbon"),
    ],
)
def test_place_named_product_team_or_treaty(text: str, place: str) -> None:
    assert names_a_facility(text, *span_of(text, place))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I drove my Honda from Dallas to Austin", "Dallas"),
        ("I live in Madrid, near the stadium", "Madrid"),
        ("the plan is to move to Berlin", "Berlin"),
    ],
)
def test_place_next_to_product_words_stays(text: str, place: str) -> None:
    assert not names_a_facility(text, *span_of(text, place))


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Welcome to Lisbon Suites, your booking is confirmed", "Welcome", None),
        ("Tomomi is from Hawkins, Richardson and Santana", "Hawkins, Richardson", None),
        ("she's from Chelsea, London", None, "Chelsea, London"),
        ("he's from Carlisle, Hertfordshire and loves it", None, "Carlisle, Hertfordshire"),
    ],
)
def test_routes_and_regions_precision(text: str, absent: str | None, present: str | None) -> None:
    found = towns(text)
    assert absent is None or absent not in found
    assert present is None or present in found


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("yeah it's one two three main street apartment five", "one two three main street apartment five"),
        ("it's um eighteen forty Maple Drive unit three", "eighteen forty Maple Drive unit three"),
        ("Garage sale at Số 8 Ngõ 53 phố Đinh Bộ Lĩnh, 8am till noon", "Số 8 Ngõ 53 phố Đinh Bộ Lĩnh"),
        (
            "nhà tôi ở số 12 ngõ 5 đường Lê Lợi, Quận 1, TP. Hồ Chí Minh",
            "số 12 ngõ 5 đường Lê Lợi, Quận 1, TP. Hồ Chí Minh",
        ),
    ],
)
def test_spoken_and_vietnamese_addresses(text: str, address: str) -> None:
    assert address in addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "it's two blocks down the street",
        "is two doors down main street",
        "it's five minutes from the main road",
        "it is one of the best places on the street",
        "the fee is twenty dollars per drive",
    ],
)
def test_spoken_not_addresses(text: str) -> None:
    assert addresses(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I LIVE NEAR BOSTON", "BOSTON"),
        ("we VISIT Lisbon every summer", "Lisbon"),
        ("moving to McAllen Texas soon", "Texas"),
    ],
)
def test_capitals_and_name_prefixes_are_no_brand(text: str, place: str) -> None:
    assert not names_a_facility(text, *span_of(text, place))
