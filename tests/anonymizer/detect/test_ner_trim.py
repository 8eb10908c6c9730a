"""spaCy's name and place spans, cut down to the name: no greeting, pronoun, title or trailing number in them,
and no span at all for what only looks like a name (an acronym, a code with digits, a greeting word)."""

from __future__ import annotations

import pytest

from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers.names import is_first_name, is_last_name
from anonymizer.detect.recognizers.ner_filter import is_not_pii_ner_span, trim_ner_span


def trimmed(text: str) -> str:
    start, end = trim_ner_span(text, 0, len(text))
    return text[start:end]


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("I'm Andre", "Andre"),
        ("I\u2019m Andre", "Andre"),
        ("Mr Okonkwo", "Okonkwo"),
        ("Dr. Huang", "Huang"),
        ("Dear Ms Lee", "Lee"),
        ("Hi Sarah", "Sarah"),
        ("Thanks, Maria", "Maria"),
        ("Declan Byrne 087 555 3204", "Declan Byrne"),
        ("Hauwa Musa 02/09/1979", "Hauwa Musa"),
        ("Ingrid Holm\nData Protection Officer", "Ingrid Holm"),
        ("tracy:\"i'm", "tracy"),
        # Nothing to trim.
        ("Maria Delgado", "Maria Delgado"),
        ("Ima Okafor", "Ima Okafor"),
        ("Hiroshi Tanaka", "Hiroshi Tanaka"),
    ],
)
def test_spans_are_trimmed_to_the_name(span: str, name: str) -> None:
    assert trimmed(span) == name


@pytest.mark.parametrize(
    ("text", "span", "entity_type"),
    [
        ("Voucher code is SORRY5, valid for 14 days.", "SORRY5", "PERSON"),
        ("Flight to Sydney (SYD), 14 Jun, 2 passengers.", "14 Jun", "PERSON"),
        ("Sign the raw request body, not parsed JSON.", "JSON", "PERSON"),
        ("a graduate with a B.S. in Statistics", "B.S.", "PERSON"),
        ("Namaste! Welcome to support.", "Namaste", "LOCATION"),
        ("Hola! En qué puedo ayudarle?", "Hola", "PERSON"),
        ("ich bin müde heute", "ich bin müde", "PERSON"),
        ("Which meal? Vegetarian (VGML) or kosher", "Vegetarian", "NRP"),
        ("the payment for the Dutch oven went through", "Dutch", "NRP"),
        ("Done, Asian vegetarian meal added", "Asian", "NRP"),
        ("Groceries: $84.12 (Trader Joe's)", "Trader Joe's", "PERSON"),
        ("How would you rate your order from Tony's Pizzeria?", "Tony", "PERSON"),
        ("the dumplings from Jade Garden were amazing", "Jade Garden", "LOCATION"),
        ("a graduate with a B.S. in Statistics", "B.S.", "LOCATION"),
        ("I used to work for Transparagov as a scientist", "Transparagov", "LOCATION"),
        ("I am employed as a pharmacist at Medplus in Lagos", "Medplus", "LOCATION"),
        ("she spent a year at Teradata as an assistant", "Teradata", "PERSON"),
        ("a year at Jones, Mitchell and Williams as the assistant", "Mitchell", "PERSON"),
        ("The Clark, Romero and Hall Orchestra", "Romero", "PERSON"),
    ],
)
def test_codes_acronyms_and_greetings_are_not_names(text: str, span: str, entity_type: str) -> None:
    start = text.index(span)
    assert is_not_pii_ner_span(text, start, start + len(span), entity_type)


@pytest.mark.parametrize(
    ("text", "span", "entity_type"),
    [
        ("Please ask for Declan Byrne tomorrow", "Declan Byrne", "PERSON"),
        ("Passenger: NGUYEN VAN MINH", "NGUYEN VAN MINH", "PERSON"),
        ("I live in Lagos", "Lagos", "LOCATION"),
        ("an orchestra serving Southern Switzerland", "Southern Switzerland", "LOCATION"),
        ("we drove through Northern Italy", "Northern Italy", "LOCATION"),
        ("I work for Maria Lopez as a nanny", "Maria Lopez", "PERSON"),  # a person employs people too
        ("I work at Lagos airport", "Lagos", "LOCATION"),
        ("I spoke with Maria, Kemi and Jones", "Kemi", "PERSON"),  # first names make it people
        ("Signed, LEE", "LEE", "PERSON"),
        ("I'm Dutch, born in Utrecht", "Dutch", "NRP"),
        ("Joe's phone is broken", "Joe's", "PERSON"),
        ("I live in the U.K. now", "U.K.", "LOCATION"),
        ("It serves great Slovenian food", "Slovenian", "NRP"),
        (
            "olga krylova's killers were sentenced",
            "olga krylova's",
            "PERSON",
        ),  # a short all-caps word that is a known name stays
    ],
)
def test_names_and_places_stay(text: str, span: str, entity_type: str) -> None:
    start = text.index(span)
    assert not is_not_pii_ner_span(text, start, start + len(span), entity_type)


@pytest.mark.parametrize("name", ["Ji-woo", "Seo-yeon", "Min-jun", "Mary-Kate", "Jean-Pierre"])
def test_hyphenated_given_names_are_known(name: str) -> None:
    assert is_first_name(name)


@pytest.mark.parametrize("word", ["mark-up", "e-mail", "co-pay", "re-send", "well-known"])
def test_hyphenated_words_are_not_names(word: str) -> None:
    assert not is_first_name(word)
    assert not is_last_name(word)


def test_a_pronoun_never_becomes_a_name(detector: Detector) -> None:
    text = "I'm so sorry. I'm Andre from the fraud team"
    values = {text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON"}
    assert values == {"Andre"}


def test_a_titled_name_is_found_without_the_title(detector: Detector) -> None:
    text = "Dr Mensah from the clinic called about your results"
    values = {text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON"}
    assert values == {"Mensah"}


@pytest.mark.parametrize(
    ("text", "span", "entity_type", "expected"),
    [
        ("I spoke to pan Fabian Kurzak yesterday", "Fabian Kurzak", "NRP", "PERSON"),
        ("I spoke to pan Fabian Kurzak yesterday", "Fabian", "NRP", "PERSON"),
        ("the Christian Democrats won", "Christian Democrats", "NRP", "NRP"),
        ("I'm Christian, we go to church", "Christian", "NRP", "NRP"),
        ("I'm Christian Orthodox", "Christian Orthodox", "PERSON", "NRP"),
        ("Christian Bale called", "Christian Bale", "PERSON", "PERSON"),
        ("Tünde Hoffmann is here", "Tünde Hoffmann", "LOCATION", "PERSON"),
        # The words around say which: places and groups do not speak or live; people are not streets.
        ("Quionia is from Areavibes Inc", "Quionia", "LOCATION", "PERSON"),
        ("I'm so jealous! said Maslin to Antonio", "Maslin", "LOCATION", "PERSON"),
        ("shows on Isaac Lodge Street were important", "Isaac Lodge Street", "PERSON", "LOCATION"),
        ("Paris is from another era", "Paris", "LOCATION", "LOCATION"),
    ],
)
def test_the_reported_type(text: str, span: str, entity_type: str, expected: str) -> None:
    from anonymizer.detect.recognizers.ner_filter import ner_entity_type

    start = text.index(span)
    assert ner_entity_type(text, start, start + len(span), entity_type) == expected


def test_a_dropped_spacy_guess_does_not_hide_another_finding(detector: Detector) -> None:
    # spaCy reads "Mill Village" as a place but the filter drops it as everyday words; the travel phrase
    # recognizer's finding on the same words must survive the overlap resolution.
    text = "we returned to Mill Village by helicopter"
    values = {text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "LOCATION"}
    assert values == {"Mill Village"}


def test_a_first_name_after_a_day_number_is_a_date() -> None:
    from anonymizer.detect.recognizers import PersonShapeRecognizer

    text = "Ho Chi Minh City (SGN) to Sydney (SYD), 14 Jun, 2 passengers"
    assert "Jun" not in [text[r.start : r.end] for r in PersonShapeRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks for contacting Brightline Home, you're chatting with Victoria.", "Victoria"),
        ("Hello! This is Christina from Acme Outfitters. I'm sorry about that.", "Christina"),
        ("Hi Suzanne, my name is Lucas and I'll be helping you today", "Lucas"),
        ("Hi there, Shannon here. Thanks for waiting!", "Shannon"),
    ],
)
def test_a_name_phrase_makes_spacys_place_a_person(detector: Detector, text: str, name: str) -> None:
    types = {text[f.start : f.end]: f.entity_type for f in detector.detect(text)}
    assert types.get(name) == "PERSON"


@pytest.mark.parametrize("text", ["lol ok 🙏", "brb 😡"])
def test_slang_with_emoji_is_not_a_name(detector: Detector, text: str) -> None:
    assert detector.detect(text) == []


def test_a_capitalized_word_before_a_lower_case_one_is_not_a_lower_case_name() -> None:
    from anonymizer.detect.recognizers import NameListRecognizer

    assert NameListRecognizer().analyze("Georgia said no", ["PERSON"]) == []


@pytest.mark.parametrize("text", ["it costs 16.47 euros", "16.47", "scores: 98.6, 100.2"])
def test_short_numbers_with_no_phone_word_are_not_phones(detector: Detector, text: str) -> None:
    assert [f for f in detector.detect(text) if f.entity_type == "PHONE_NUMBER"] == []


@pytest.mark.parametrize("text", ["my phone is 555 1234", "call me on +49 30 901820", "Tel: 0171 2345678"])
def test_phone_numbers_still_are(detector: Detector, text: str) -> None:
    assert [f for f in detector.detect(text) if f.entity_type == "PHONE_NUMBER"]
