"""Lists of people: every name of a comma list most of whose items are first names, in any case."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers import NameEnumerationRecognizer


@pytest.fixture(scope="module")
def recognizer() -> NameEnumerationRecognizer:
    return NameEnumerationRecognizer()


def found(recognizer: NameEnumerationRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "They had 6: Efimiya, Mary, Ariana, Isabel, Teresa and Jodi.",
            ["Efimiya", "Mary", "Ariana", "Isabel", "Teresa", "Jodi"],
        ),
        (
            "they had 6: leonti, terrence, pamela, donna, andrea and brian.",
            ["leonti", "terrence", "pamela", "donna", "andrea", "brian"],
        ),
        ("add travellers: maria lopez, jose lopez, carlos", ["maria lopez", "jose lopez", "carlos"]),
        ("the kids are Ana, Luis & Sofía", ["Ana", "Luis", "Sofía"]),
        ("Hola, somos Lucía, Mateo y Valentina", ["Lucía", "Mateo", "Valentina"]),
        ("authorized users: Kwame, Ji-woo, Priya, and Oksana", ["Kwame", "Ji-woo", "Priya", "Oksana"]),
    ],
)
def test_names_in_a_list_of_people(recognizer: NameEnumerationRecognizer, text: str, names: list[str]) -> None:
    assert found(recognizer, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "apples, pears, and bananas",
        "Monday, Tuesday and Friday work for me",
        "We visited Paris, London and Rome",
        "Hawkins, Richardson and Santana",  # surnames only: a firm, not people
        "ok, thanks, bye",
        "Mary, can you check the order, please",  # one name is not a list of people
        "red, green and Blue Ridge",
    ],
)
def test_lists_that_are_not_people(recognizer: NameEnumerationRecognizer, text: str) -> None:
    assert found(recognizer, text) == []


# Names in a pasted chat log, before a person's verb in lower case, and after "maiden name is".
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('mika: "who are you?"', "mika"),
        ("> Tracy: I'm Roberto's daughter", "Tracy"),
        ("cormac had given me his address", "cormac"),
        ("selma is from stillwater", "selma"),
        ("Her maiden name is LeBatelier", "LeBatelier"),
        ("her maiden name was nyberg", "nyberg"),
        ("middle name: Oluwaseun", "Oluwaseun"),
    ],
)
def test_more_places_names_stand(text: str, name: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer, PersonShapeRecognizer

    values = {
        text[r.start : r.end]
        for rec in (ContextNameRecognizer(), PersonShapeRecognizer())
        for r in rec.analyze(text, ["PERSON"])
    }
    assert name in values


@pytest.mark.parametrize(
    "text",
    [
        "IBAN: FR0586404588684212496587194",
        "Anschrift: Bergmannstraße 44, 10961 Berlin",
        "Subject: refund\nNote: call back",
        "Agent: hello, how can I help?",
        "will said he would come",
        "grace is from the church",
    ],
)
def test_labels_and_words_before_verbs_are_not_names(text: str) -> None:
    from anonymizer.detect.recognizers import PersonShapeRecognizer

    assert PersonShapeRecognizer().analyze(text, ["PERSON"]) == []


@pytest.mark.parametrize("text", ["tell Christina I said hi", "did Francesca I mean the manager call?"])
def test_a_name_before_the_pronoun_i(text: str) -> None:
    from anonymizer.detect.recognizers import PersonShapeRecognizer

    values = [text[r.start : r.end] for r in PersonShapeRecognizer().analyze(text, ["PERSON"])]
    assert values and values[0] in ("Christina", "Francesca")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my daughter ludmila lost her card", "ludmila"),
        ("my wife priya will call", "priya"),
        ("my husband, tomasz, is the account holder", "tomasz"),
        ("our youngest son Kwabena starts school", "Kwabena"),
        ("my landlord Okafor never answers", "Okafor"),
    ],
)
def test_a_relative_or_colleague_by_name(text: str, name: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert [text[r.start : r.end] for r in ContextNameRecognizer().analyze(text, ["PERSON"])] == [name]


@pytest.mark.parametrize("text", ["my son has a cold", "my wife said no", "my boss will call", "my mom is sick too"])
def test_a_relative_without_a_name(text: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert ContextNameRecognizer().analyze(text, ["PERSON"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("can martina use my account?", "martina"),
        ("tell catherine I said hi", "catherine"),
        ("please add brian to my plan", "brian"),
        ("Did tadeusz call you?", "tadeusz"),
    ],
)
def test_a_person_a_verb_acts_on(text: str, name: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert [text[r.start : r.end] for r in ContextNameRecognizer().analyze(text, ["PERSON"])] == [name]


@pytest.mark.parametrize(
    "text",
    [
        *["can you help me", "Can I get a refund?", "did it arrive? call me", "is delivery free", "thank god"],
        *["pay it now", "can I add Visa to my wallet", "ask Alexa to reorder", "tell Siri to stop"],
    ],
)
def test_verbs_before_words(text: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert ContextNameRecognizer().analyze(text, ["PERSON"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hola, soy Lucía de Banco Horizonte", "Lucía"),
        ("me llamo juan pablo", "juan pablo"),
        ("tên tôi là Nguyễn Văn An", "Nguyễn Văn An"),
        ("nazywam się Zofia Wójcik", "Zofia Wójcik"),
        ("thanks ana de souza", "ana de souza"),
    ],
)
def test_names_after_cues_in_other_languages(text: str, name: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert [text[r.start : r.end] for r in ContextNameRecognizer().analyze(text, ["PERSON"])] == [name]


@pytest.mark.parametrize("text", ["je suis content", "soy de México", "sono qui", "ich bin müde"])
def test_no_name_after_foreign_verbs(text: str) -> None:
    from anonymizer.detect.recognizers import ContextNameRecognizer

    assert ContextNameRecognizer().analyze(text, ["PERSON"]) == []
