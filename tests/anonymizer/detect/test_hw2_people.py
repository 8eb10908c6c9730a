"""People and groups in the second hand-written set's style: words of the message's own language, pets,
spelled letters, code-like product names, political parties and beliefs, titles before surnames."""

from __future__ import annotations

import pytest

from anonymizer.detect.engine import Detector
from anonymizer.detect.recognizers.ner_filter import is_not_a_person, is_not_pii_ner_span, trim_ner_span


def span_of(text: str, span: str) -> tuple[int, int]:
    start = text.index(span)
    return start, start + len(span)


@pytest.mark.parametrize(
    ("text", "span", "entity", "dropped"),
    [
        # the function words of the language the message is written in, though some name list has them
        ("Capisco. Ho mandato una mail a lui e a Stefania Colombo.", "Ho", "PERSON", True),
        ("Sì, lo ha già fatto ieri sera, grazie mille", "lo", "PERSON", True),
        ("mujhe ek email likhni hai apne landlord ko, deposit wapas nahi kar raha", "hai", "LOCATION", True),
        ("thoda strong karo, mention karo ki main consumer forum jaungi", "karo ki", "PERSON", True),
        ("my manager Ho Thi Lan approved it", "Ho Thi Lan", "PERSON", False),  # English message: a name
        ("ask Lo at the front desk", "Lo", "PERSON", False),
        # a language spoken, not a person's group
        ("english mein likho pls, formal", "english", "NRP", True),
        ("she also taught Theo some Tagalog, we loved that", "Tagalog", "NRP", True),
        ("she is Filipino and lives in Quezon City", "Filipino", "NRP", False),
        # digits and currency: not a name, a place or a group
        ("I've taken the NZ$200 hold on the card", "NZ$200", "NRP", True),
        ("I normalised the numbers to E.164 and removed spaces", "E.164", "NRP", True),
        # a capital inside a word: a product or code, unless it follows a name's prefix
        ('inserito nel portale MyVeltro, sezione "Dati bancari"', "MyVeltro", "PERSON", True),
        ("DeShawn called about the refund", "DeShawn", "PERSON", False),
        ("ask McKenzie about it", "McKenzie", "PERSON", False),
        # a country's letters, a weekday
        ("fix the phone formats (they're all US), lowercase the emails", "US", "PERSON", True),
        ("Priyesh Rao: yes Fri ok. Thu too if needed", "Thu", "PERSON", True),
    ],
)
def test_spacy_guesses(text: str, span: str, entity: str, dropped: bool) -> None:
    assert is_not_pii_ner_span(text, *span_of(text, span), entity) is dropped


@pytest.mark.parametrize(
    ("text", "span", "pet"),
    [
        ("need to refill meds for my cat Mr Whiskers, the thyroid ones", "Whiskers", True),
        ("Pets on file: Lady Marmalade (cat, 9y), Bruno (dog, 3y).", "Bruno", True),
        ("Biscuit, the family dog, stays with Thandi", "Biscuit", True),
        ("the ticket V one four that's V as in Victor uh", "Victor", True),
        ("my son Bruno will pick it up", "Bruno", False),
        ("Victor called about the ticket", "Victor", False),
    ],
)
def test_pets_and_spelled_letters_are_not_people(text: str, span: str, pet: bool) -> None:
    assert is_not_a_person(text, *span_of(text, span)) is pet


def test_a_leading_emoji_and_intro_word_are_trimmed() -> None:
    text = "Hola 👋 Soy Farmi, el asistente"
    start, end = trim_ner_span(text, *span_of(text, "👋 Soy Farmi"))
    assert text[start:end] == "Farmi"


def groups(detector: Detector, text: str) -> list[str]:
    return [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "NRP"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Labour Party candidate, Michele Kemp, conceded", ["Labour Party"]),
        ("treasurer for the local chapter of the Scottish National Party since 2009", ["Scottish National Party"]),
        ("Mr Holsten is a practising Mormon and has asked", ["Mormon"]),
        ("we had a Birthday Party and a Garden Party", []),
    ],
)
def test_parties_and_beliefs(detector: Detector, text: str, expected: list[str]) -> None:
    assert groups(detector, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor Chaudhari said the repairs would cost more", ["Chaudhari"]),
        ("talk to Coach Dlamini after practice", ["Dlamini"]),
        ("Excuse me, Sir bot, but I really don't like this tone", []),
        ("decision: marianna owns the migration", ["marianna"]),
    ],
)
def test_titles_and_verbs_mark_names(detector: Detector, text: str, expected: list[str]) -> None:
    assert [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON"] == expected


def people_per_turn(detector: Detector, texts: list[str]) -> list[list[str]]:
    from anonymizer.detect.conversation import Turn, link_conversation

    turns = [Turn(t, "c1", "customer", "text") for t in texts]
    linked = link_conversation(turns, detector.detect_batch(texts), detector.settings)
    return [[t[f.start : f.end] for f in fs if f.entity_type == "PERSON"] for t, fs in zip(texts, linked, strict=True)]


def test_a_particle_of_a_surname_is_not_found_again_alone(detector: Detector) -> None:
    found = people_per_turn(detector, ["my landlord is Johan van Rooyen", "a white van hit my car, van driver fled"])
    assert found[1] == []


def test_a_name_is_not_found_again_on_a_pet(detector: Detector) -> None:
    found = people_per_turn(detector, ["I'm Maya Whiskers", "my cat Mr Whiskers is sick"])
    assert found == [["Maya Whiskers"], []]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("landlord is Mrs Yoon 213-555-0157", ["Yoon"]),  # any surname after a title
        ("i only know her as mrs yoon lol", ["yoon"]),
        ("a guy named Chase picked up at Sky Harbor Terminal 4", ["Chase"]),
        ("Thanks Faith. The thermostat is registered", ["Faith"]),  # a word-name standing alone after a cue
        ("Hi, I'm Rose from Tradeloop. I see buyer", ["Rose"]),
        ("i asked to cancel by email to Janelle at the front desk", ["Janelle"]),  # US Census first names
        ("Thanks, Best regards", []),
        ("should be sent to IBAN PL74 9600 2641 9922 2552 5022 2596", []),  # capitals: an acronym
        ("do the Terra running shoes run true to size?", []),  # an article before one word: a thing
    ],
)
def test_cues_titles_and_name_lists(detector: Detector, text: str, expected: list[str]) -> None:
    assert [text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM: R. Castellanos / Castellanos Ceramics", ["R. Castellanos"]),  # an initial and a surname
        ("Yours faithfully, V. Choudhury", ["V. Choudhury"]),
        ("the U.S. Army base", []),
        ("kids: Thandi (b. 1959), Lindiwe (1965)", ["Lindiwe", "Thandi"]),  # a family tree's marks
        ("Windows (2021) and Office (b. 2)", []),
        ("ridiculous for one Kindle Paperwhite.", []),  # an article: a thing
        ("Have you been to a Hedvig Arvidsson concert before?", ["Hedvig Arvidsson"]),
        ("Traveller: Erin Hahn, passport nationality", ["Erin Hahn"]),  # a form's label is no one
    ],
)
def test_initials_family_trees_labels_and_things(detector: Detector, text: str, expected: list[str]) -> None:
    assert sorted(text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON") == expected


def persons(detector: Detector, text: str) -> list[str]:
    return sorted(text[f.start : f.end] for f in detector.detect(text) if f.entity_type == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Discharge summary for Hernandez, John (born 28.8.1970): stable", ["Hernandez, John"]),  # Last, First
        ('"Whitfield, Jamal",jwhitfield@gmail.com,3135550164', ["Whitfield, Jamal"]),
        ("Thanks for contacting Acme Outfitters, Darin. Have a great day!", ["Darin"]),
        ("we're the blue house after Calvin Klein on the left", []),  # a brand named after a person
        ("the blue house after Marks & Spencer on the left", []),
        ("Next meeting Mar 13, 2025 at 11:45 am", []),  # a month before a day
        ("Thank you for contacting Lutz, Wise and Cruz. This message is automated", []),  # a firm
        ("a colleague at Macias, Carter and Nelson", []),
        ("my kids Macias, Carter and Nelson", ["Carter", "Macias", "Nelson"]),
    ],
)
def test_last_first_brands_months_and_firms(detector: Detector, text: str, expected: list[str]) -> None:
    assert persons(detector, text) == expected


def test_a_name_is_not_found_again_inside_a_company_name(detector: Detector) -> None:
    found = people_per_turn(detector, ["request from Eric Johnson, former manager", "he left Johnson LLC in May"])
    assert found[1] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("concerns about the lease; Sibal to follow up with PPUH", ["Sibal"]),  # an action item's owner
        ("the plan: nothing to send today", []),
        ("Attn: Accounts Payable, Taylor Inc. Remittance", []),  # a company's legal form
    ],
)
def test_action_items_and_legal_forms(detector: Detector, text: str, expected: list[str]) -> None:
    assert persons(detector, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i was driving my Škoda Fabia south on the N25", []),  # a car
        ("Mercedes Garcia called about the claim", ["Mercedes Garcia"]),
        ("Kia ora, can you move my booking?", []),  # a Māori greeting
        ("a white van exited the Tesco car park", []),  # an everyday word before an event verb
        ("mi cel 773 555 0148, soy su hija Rocío", ["Rocío"]),
        ("Priyesh Rao: yes Fri ok. Thu too if needed", ["Priyesh Rao"]),
        ("FROM: R. Castellanos / Castellanos Ceramics", ["R. Castellanos"]),  # a trade ends a firm's name
    ],
)
def test_cars_greetings_and_foreign_words(detector: Detector, text: str, expected: list[str]) -> None:
    assert persons(detector, text) == expected


@pytest.mark.parametrize(
    ("text", "span", "dropped"),
    [
        ("Hi, I stayed at the Grand Meridian Kyoto last week", "the Grand Meridian Kyoto", True),  # a hotel
        ("It'll be ready after 3pm today at the Burnet Road location.", "the Burnet Road", True),
        ("We moved to the Netherlands in 2019", "the Netherlands", False),  # a country keeps its "the"
        ("she lives in the Hague now", "Hague", False),
    ],
)
def test_a_the_before_a_name_that_is_no_known_place_is_a_venue(text: str, span: str, dropped: bool) -> None:
    assert is_not_pii_ner_span(text, *span_of(text, span), "LOCATION") is dropped


@pytest.mark.parametrize(
    ("question", "answer", "entity"),
    [
        ("Can you confirm the profile ID on the account?", "KD88402211", "ACCOUNT_ID"),
        ("What's your UID?", "77120458", "ACCOUNT_ID"),
        ("Do you have the prescription number?", "yes 6620194", "ORDER_ID"),
        ("And the file reference?", "LHRNS48213", "ORDER_ID"),
    ],
)
def test_answers_to_new_id_questions(detector: Detector, question: str, answer: str, entity: str) -> None:
    from anonymizer.detect.conversation import Turn, link_conversation

    texts = [question, answer]
    turns = [Turn(question, "c1", "agent", "text"), Turn(answer, "c1", "customer", "text")]
    linked = link_conversation(turns, detector.detect_batch(texts), detector.settings)
    assert entity in {f.entity_type for f in linked[1]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taxpayer: Ana Luiza da Luz   Filing status: married", ["Ana Luiza da Luz"]),  # particles inside
        ("the request was approved by Evi van het Heerenveen.", ["Evi", "Evi van het Heerenveen"]),
        ("I left Anguita y Benitez S.L. in May.", []),
    ],
)
def test_particles_inside_title_case_names(detector: Detector, text: str, expected: list[str]) -> None:
    assert persons(detector, text) == expected
