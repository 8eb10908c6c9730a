"""Full names by their shape (known first names in any language, words English does not use, family-name
endings), names spaCy files as organisations, country names, and the folded name look-ups behind them."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers import CityRecognizer, CountryRecognizer, PersonShapeRecognizer
from anonymizer.detect.recognizers.fold import english_zipf, fold, romanize
from anonymizer.detect.recognizers.names import first_names, is_first_name, is_last_name, last_names
from anonymizer.detect.recognizers.ner_filter import is_not_pii_ner_span, ner_entity_type


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Wisława", "wislawa"),
        ("Guðmundsdóttir", "gudmundsdottir"),
        ("ŽILKOVÁ", "zilkova"),
        ("Søren", "soren"),
        ("Straße", "strasse"),
    ],
)
def test_fold(word: str, key: str) -> None:
    assert fold(word) == key


def test_romanize_cyrillic_and_greek() -> None:
    assert romanize("Мордвинова") == "mordvinova"
    assert romanize("Παπαδόπουλος") == "papadopoulos"


def test_name_lists_hold_folded_keys_only() -> None:
    for keys in (first_names(), last_names()):
        assert len(keys) > 20_000
        assert all(k == fold(k) for k in keys)


def test_name_look_ups_ignore_case_accents_and_script() -> None:
    assert is_first_name("Sørén") and is_first_name("SOREN") and is_first_name("soren")
    assert is_first_name("Иван") and is_first_name("Ivan")
    assert is_last_name("Nowak") and is_last_name("WIŚNIEWSKI") and is_last_name("wisniewski")
    # Romanized keys that are everyday English words are left out (Bulgarian "Агент" -> "agent").
    assert not is_first_name("agent")


def test_english_frequency_separates_words_from_foreign_names() -> None:
    assert english_zipf("period") > 4
    assert english_zipf("szczepanska") < 1
    assert english_zipf("nishiyama") < 2.6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maybe it's under Júlia Gyarmathy", ["Júlia Gyarmathy"]),
        ("Wisława Szczepańska's order never arrived", ["Wisława Szczepańska"]),
        ("Directed By:    Arquímedes Ballesteros", ["Arquímedes Ballesteros"]),
        ("please add Ravil G Yefimov to the account", ["Ravil G Yefimov"]),
        ("Sari J. Paavolainen called yesterday", ["Sari J. Paavolainen"]),
        ("the parcel is for Zoe Young", ["Zoe Young"]),
        ("follow up with benjamin a seiler next week", ["benjamin a seiler"]),
        ("Sophia from billing said it would be refunded", ["Sophia"]),
        ("I'm so jealous! said Gladys to Logan", ["Gladys", "Logan"]),
        ("Scott had given me the wrong address", ["Scott"]),
        ("follow up with monika žilková in a couple of months", ["monika žilková"]),
        ("Timotea lives on Via dei Fiorentini", ["Timotea"]),
        ("Warrane, can I please speak to your manager?", ["Warrane"]),
    ],
)
def test_full_names_by_shape(text: str, expected: list[str]) -> None:
    assert found(PersonShapeRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sounds Good Thank You",
        "Okay Thanks Bye",
        "The Harbor rain jacket is great",
        "Alexa won't connect to wifi",
        "Is the Mercedes Benz dealership open?",
        "I moved from Jordan to Canada",
        "Grace Street is closed",
        "We met at Sophia University",
        "Please escalate to Tier Two Support",
        "my order has the Black Friday discount",
        "The Period Tracker app crashed",
        "see the attached Return Form",
        "Crystal clear, thanks",
        "Angel investors are not our customers",
        "Battery lives up to the promise",
        "Settings, can I change them?",
        "thanks maria pls call back",
        "mark sent the parcel",
    ],
)
def test_look_alikes_are_not_names(text: str) -> None:
    assert found(PersonShapeRecognizer(), text) == []


def test_person_shaped_organisation_guesses_become_names(detector: Detector) -> None:
    # en_core_web_sm calls these ORG; the recognizer reads spaCy's ORG spans through the NLP artifacts.
    text = "I want to add Miki C Kristiansen as a beneficiary to my account"
    findings = detector.detect(text)
    assert any(text[f.start : f.end] == "Miki C Kristiansen" and f.entity_type == "PERSON" for f in findings)
    company = "I bought it from Acme Outfitters Inc last week"
    assert not any(f.entity_type == "PERSON" for f in detector.detect(company))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a professional orchestra serving Southern Tunisia", ["Tunisia"]),
        ("We moved here from CYPRUS last year", ["CYPRUS"]),
        ("shipping to the United Kingdom takes a week", ["United Kingdom"]),
        ("my cousin in Bosnia and Herzegovina", ["Bosnia and Herzegovina"]),
    ],
)
def test_country_names(text: str, expected: list[str]) -> None:
    assert found(CountryRecognizer(), text) == expected


@pytest.mark.parametrize("text", ["my jersey is torn", "Chad said hi", "turkey sandwich please", "Jordan Retro"])
def test_country_look_alikes(text: str) -> None:
    assert found(CountryRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sunday before Labor Day we returned to LYCKSELE by helicopter.", ["LYCKSELE"]),
        ("the following year at a startup in Katrineholm, which later", ["Katrineholm"]),
        ("she grew up in Alcalá de Henares and moved", ["Alcalá de Henares"]),
        ("we drove from Edmonton to Calgary", ["Calgary", "Edmonton"]),
        ("i live in San Jose now", ["San Jose"]),
        ("I moved from West Davidmouth last year", ["West Davidmouth"]),
        ("we live near Lake Jeffery", ["Lake Jeffery"]),
        ("Pearsonborough is lovely in spring", ["Pearsonborough"]),
    ],
)
def test_city_names(text: str, expected: list[str]) -> None:
    assert found(CityRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reading the manual did not help",  # Reading, UK
        "Florence said the parcel was late",  # a first name before a city
        "Nice, thanks for the help",
        "Buffalo wings are not on the menu",
        "Open Settings and tap Battery",
        "my order from Mobile World never came",
        "North Face jacket is torn",
        "New Balance shoes",
        "Happy New Year",
        "Johnson said ok",
    ],
)
def test_city_look_alikes(text: str) -> None:
    assert found(CityRecognizer(), text) == []


@pytest.mark.parametrize(
    ("span", "expected"),
    [("Mette", "PERSON"), ("Tünde Hoffmann", "PERSON"), ("Victoria", "LOCATION"), ("Oslo", "LOCATION")],
)
def test_spacy_places_that_are_first_names_become_people(span: str, expected: str) -> None:
    text = f"I met {span} yesterday"
    start = text.index(span)
    assert ner_entity_type(text, start, start + len(span), "LOCATION") == expected
    # A "group" that is a full name is a person too; a lone first name may be a group's word ("Christian").
    assert ner_entity_type(text, start, start + len(span), "NRP") == ("PERSON" if " " in span else "NRP")


@pytest.mark.parametrize(
    ("text", "span", "dropped"),
    [
        ("see Guilty Pleasures: 5 musicians", "Guilty Pleasures", True),
        ("a volunteer community orchestra to a professional one", "orchestra", True),
        ("The Davis Orchestra was founded in 1988", "Davis Orchestra", True),
        ("I spoke with Young Park yesterday", "Young Park", False),
        ("Tomomi Nishiyama lives here", "Tomomi Nishiyama", False),
        ("thanks jessica", "jessica", False),
    ],
)
def test_spacy_person_guesses_on_everyday_words_are_dropped(text: str, span: str, dropped: bool) -> None:
    start = text.index(span)
    assert is_not_pii_ner_span(text, start, start + len(span), "PERSON") is dropped
