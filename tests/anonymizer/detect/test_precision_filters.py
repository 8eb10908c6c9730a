"""What is not PII although it looks like a name or a place: the company speaking, a business name, an
everyday word of another language, a code token that looks like a domain."""

from __future__ import annotations

import pytest

from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import CityRecognizer, PersonShapeRecognizer
from anonymizer.detect.recognizers.ner_filter import everyday_anywhere, is_business_name, is_not_pii_ner_span
from anonymizer.detect.recognizers.urls import is_code_not_link


def span_of(text: str, span: str) -> tuple[int, int]:
    start = text.index(span)
    return start, start + len(span)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hi, I'm Ahmed from Vaultbox. How can I help?", "Vaultbox"),
        ("Hi! Ji-woo from Tallybook. What's the phone number?", "Tallybook"),
        ("Welcome to Jio-Link support. I'm Tara.", "Jio-Link"),
        ("Sorry about that! I'm Dash, your DoorBite helper.", "DoorBite"),
        ("Hello, I'm Kwame Mensah from Evergreen Life.", "Evergreen"),
        ("Hi! I'm Poppy, the Sunnyside Pediatrics assistant.", "Sunnyside"),
    ],
)
def test_the_company_speaking_is_not_a_person_or_place(text: str, span: str) -> None:
    assert is_business_name(text, *span_of(text, span))


@pytest.mark.parametrize(
    ("text", "span"),
    [("I'm from Chicago originally", "Chicago"), ("I'm moving from Denver", "Denver"), ("Thanks, Maria!", "Maria")],
)
def test_people_and_places_are_not_companies(text: str, span: str) -> None:
    assert not is_business_name(text, *span_of(text, span))


@pytest.mark.parametrize("word", ["guten", "buenas", "dobrze", "transferencia", "gracias", "statistics"])
def test_everyday_words_of_common_languages(word: str) -> None:
    assert everyday_anywhere(word)


@pytest.mark.parametrize("word", ["szczepanska", "nishiyama", "tallybook"])
def test_rare_words_are_not_everyday(word: str) -> None:
    assert not everyday_anywhere(word)


@pytest.mark.parametrize(
    ("text", "span", "entity", "dropped"),
    [
        ("Guten Tag, I need to send money", "Guten Tag", "PERSON", True),
        ("Zlecenie zamknięcia ma numer", "Zlecenie", "PERSON", True),
        ("a B.S. in Statistics", "Statistics", "LOCATION", True),
        ("I'm in Texas now", "Texas", "LOCATION", False),
        ("Hola, soy Lucía de Banco Horizonte", "Lucía", "PERSON", False),
        ("my sister Rosa Delgado called", "Rosa Delgado", "PERSON", False),
    ],
)
def test_spacy_guesses_on_everyday_words_of_any_common_language(
    text: str, span: str, entity: str, dropped: bool
) -> None:
    assert is_not_pii_ner_span(text, *span_of(text, span), entity) is dropped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quiero registrar una cuenta para transferencias", []),
        ("Na jaki rachunek przelać środki?", []),
        ("Hi! Sam from Hearthside Candles here", ["Sam"]),
        ("follow up with monika žilková next week", ["monika žilková"]),
    ],
)
def test_person_shapes_in_other_languages_and_business_names(text: str, expected: list[str]) -> None:
    recognizer = PersonShapeRecognizer()
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    assert sorted(text[r.start : r.end] for r in results) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello! I'm Rafael from Summit Credit Union.",
        "Gracias. ¿Un teléfono de contacto?",
        "Welcome to Parkside Property Management",
    ],
)
def test_towns_inside_business_names_are_not_places(text: str) -> None:
    recognizer = CityRecognizer()
    assert recognizer.analyze(text, recognizer.supported_entities, None) == []


def test_code_tokens_are_not_links(detector: Detector) -> None:
    assert is_code_not_link("c.email", 0, 7) and is_code_not_link("o.total", 0, 7)
    assert not is_code_not_link("example.com", 0, 11)
    sql = "SELECT c.name, c.email, o.total FROM customers c JOIN orders o ON c.id = o.customer_id"
    assert [f for f in detector.detect(sql) if f.entity_type == "URL"] == []
    assert [f.entity_type for f in detector.detect("my blog is janedoe.net/about")] == ["URL"]


@pytest.mark.parametrize(
    "text",
    [
        "for x in self.items:\n    result.append(x)",  # "self.it", "result.app": cut inside a word
        "value = os.environ.get('HOME')",  # a dotted chain
        "asyncio.run(main())",  # a call
        "self._radius = radius",  # an underscore: no host has one
        "then run deploy.sh and print this.name",  # a file name, a member
    ],
)
def test_code_pasted_in_a_chat_is_not_links(detector: Detector, text: str) -> None:
    assert [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "URL"] == []


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("my site is anna-kowalska.com, thanks", "anna-kowalska.com"),
        ("visit kowalska.blog.", "kowalska.blog"),
        ("go to shop.example.co.uk/account", "shop.example.co.uk/account"),
        ("profile: https://x.io/u/ana.run", "https://x.io/u/ana.run"),
    ],
)
def test_links_typed_in_prose_stay_links(detector: Detector, text: str, link: str) -> None:
    assert [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "URL"] == [link]


@pytest.mark.parametrize(
    ("text", "span", "dropped"),
    [
        ("quiero registrar una cuenta para transferencias", "para transferencias", True),
        ("¿Me indica el IBAN del destinatario y el importe?", "el importe", True),
        ("Blink-182 pay tribute here to the United States.", "the United States", False),
        ("they had 6: leonti, terrence, pamela, donna, andrea", "donna", False),
    ],
)
def test_foreign_phrases_are_not_names_but_lower_case_names_alone_stay(text: str, span: str, dropped: bool) -> None:
    entity = "LOCATION" if "States" in span or "importe" in span else "PERSON"
    assert is_not_pii_ner_span(text, *span_of(text, span), entity) is dropped


def test_a_spacy_name_stops_at_a_line_break(detector: Detector) -> None:
    text = "Regards,\nIngrid Holm\nData Protection Officer, Fjordline Apps AB"
    spans = [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON"]
    assert all("\n" not in s for s in spans)


@pytest.mark.parametrize(
    ("text", "span", "entity", "dropped"),
    [
        ("I've refunded $38.17 to your Mastercard ending 5520", "Mastercard", "LOCATION", True),
        ("I'll need your Telstra account number", "Telstra", "NRP", True),
        ("tonight's, from Sakura Sushi", "Sakura Sushi", "PERSON", True),
        ("I moved to your Paris office", "Paris", "LOCATION", False),
        ("James Kitchen called about the invoice", "James Kitchen", "PERSON", False),
    ],
)
def test_things_people_have_and_businesses(text: str, span: str, entity: str, dropped: bool) -> None:
    assert is_not_pii_ner_span(text, *span_of(text, span), entity) is dropped


@pytest.mark.parametrize(
    ("text", "span", "entity", "dropped"),
    [
        ("JOIN orders o ON c.id = o.customer_id WHERE", "o.customer_id", "LOCATION", True),
        ("Welcome to Nimbus Mobile chat 📱 I am Max", "📱", "LOCATION", True),
        ("I met J.R. Smith yesterday", "J.R. Smith", "PERSON", False),
    ],
)
def test_emoji_and_code_identifiers_are_not_names(text: str, span: str, entity: str, dropped: bool) -> None:
    assert is_not_pii_ner_span(text, *span_of(text, span), entity) is dropped
