"""Account and order identifiers (round 5, second pass): cue words of platforms, cards and other languages,
linking words, quoted values, and identifiers answered, read out or corrected in a conversation."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.conversation import Turn, answer_findings, asked_types, link_conversation
from anonymizer.detect.findings import Finding
from anonymizer.detect.recognizers import AccountIdRecognizer, OrderIdRecognizer
from anonymizer.policy import DetectionSettings

SETTINGS = DetectionSettings()


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Platforms know businesses and workers by an id.
        ("my org ID is org_7Hq2LmX9", "org_7Hq2LmX9"),
        ("workspace id: ws_88Kq2L", "ws_88Kq2L"),
        ("our merchant id is M-00912877", "M-00912877"),
        ("seller ID A1B2C3D4E5", "A1B2C3D4E5"),
        ("courier ID CR-448120", "CR-448120"),
        ("my driver ID is DRV-44120", "DRV-44120"),
        # A rental's or a loan's reference, "nº", quotes.
        ("tenancy ref TNC-2291-MW", "TNC-2291-MW"),
        ("membership nº 7712093", "7712093"),
        ('account "77120934"', "77120934"),
        # Other languages: Dutch and Scandinavian compounds, Indonesian, Turkish, Italian, Romanian, Vietnamese.
        ("klantnummer 4471209", "4471209"),
        ("polisnummer 12-44120-9", "12-44120-9"),
        ("mitt medlemsnummer är 771209", "771209"),
        ("nomor pelanggan saya 5512099341", "5512099341"),
        ("nomor polis saya adalah PL-77120", "PL-77120"),
        ("müşteri numaram 55120993", "55120993"),
        ("il numero di conto è 4471209", "4471209"),
        ("numărul de client 77120934", "77120934"),
        ("mã hợp đồng HD-2291044", "HD-2291044"),
        # Linking words of Tagalog and Hindi in Latin letters.
        ("account number ko ay 55120934", "55120934"),
        ("mera account number hai 5512099341", "5512099341"),
    ],
)
def test_account_cues(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tenancy ref TNC-2291-MW", "TNC-2291-MW"),  # the account recognizer's, typed once
        ("policy reference 44712093", "44712093"),
        ("loan no 0091-227781", "0091-227781"),
        ("customer service number 0800 123 4567", "0800"),  # a phone line, not a service request
        ("call the support number 0800 123 4567", "0800"),
    ],
)
def test_not_order_ids(text: str, value: str) -> None:
    assert value not in found(OrderIdRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "the meter number is 9A-44120 if that helps",  # a device's number, left unmarked
        "our business number is 0800 123 4567",  # a phone
        "the driver's number was 07700 900123",
        "please call the host number 0412 345 678",
        "account for 25% of revenue",
        "I have been a member since 2019",
    ],
)
def test_not_account_ids(text: str) -> None:
    assert found(AccountIdRecognizer(), text) == []


def test_a_linking_word_does_not_eat_the_prefix() -> None:
    assert found(AccountIdRecognizer(), "account AY12345 x") == ["AY12345"]
    assert found(AccountIdRecognizer(), "account ER4471209 here") == ["ER4471209"]


def test_order_cues_still_work() -> None:
    assert found(OrderIdRecognizer(), "ref: 7712093-A") == ["7712093-A"]
    assert found(OrderIdRecognizer(), "support ID 4471209") == ["4471209"]
    assert found(OrderIdRecognizer(), "courier tracking 4471209931") == ["4471209931"]


@pytest.mark.parametrize(
    "question",
    [
        "Can you confirm your courier ID?",
        "What's the org ID? (Settings > Organization)",
        "Bạn vui lòng cho mình số hợp đồng bảo hiểm nhé.",
        "Could you give me your loyalty card number?",
        "Mohon kirimkan nomor pelanggan Anda.",
        "Lütfen müşteri numaranızı yazın.",  # noqa: RUF001
        "Wat is uw klantnummer?",
        "What's your sort code?",
    ],
)
def test_account_questions(question: str) -> None:
    assert "ACCOUNT_ID" in asked_types(question)


@pytest.mark.parametrize("question", ["What's your business number?", "Can I get the driver's number?"])
def test_phone_like_questions_do_not_ask_for_accounts(question: str) -> None:
    assert "ACCOUNT_ID" not in asked_types(question)


def answers(text: str, asked: list[str]) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.entity_type) for f in answer_findings(text, asked)]


def test_a_code_with_digits_is_not_cut_into_a_phone() -> None:
    assert answers("LF-20093387", ["ACCOUNT_ID", "PHONE_NUMBER"]) == [("LF-20093387", "ACCOUNT_ID")]
    assert answers("07700 900123", ["ACCOUNT_ID", "PHONE_NUMBER"]) == [("07700 900123", "PHONE_NUMBER")]


def test_an_id_read_out() -> None:
    text = "five five one two nine nine three four"
    assert answers(text, ["ACCOUNT_ID"]) == [(text, "ACCOUNT_ID")]
    assert answers("one two", ["ACCOUNT_ID"]) == []


def test_an_id_with_a_remark() -> None:
    assert answers("it's KXQ9P2, booked under Smith", ["ORDER_ID"]) == [("KXQ9P2", "ORDER_ID")]
    assert answers("sure, 55120934", ["ACCOUNT_ID"]) == [("55120934", "ACCOUNT_ID")]
    assert answers("2 cats, 1 dog", ["ACCOUNT_ID"]) == []


def turn(text: str, speaker: str) -> Turn:
    return Turn(text=text, conversation_id="c1", speaker=speaker, field="text")


def link(turns: list[Turn]) -> list[list[tuple[str, str]]]:
    linked = link_conversation(turns, [[] for _ in turns], SETTINGS)
    return [sorted((t.text[f.start : f.end], f.entity_type) for f in fs) for t, fs in zip(turns, linked, strict=True)]


def test_a_corrected_id_after_the_agent_read_it_back() -> None:
    turns = [
        turn("What's your account number?", "agent"),
        turn("44120987", "customer"),
        turn("I can't find that one, can you check?", "agent"),
        turn("oh sorry, 44120978", "customer"),
    ]
    assert link(turns)[3] == [("44120978", "ACCOUNT_ID")]


def test_a_correction_without_an_id_shape_gives_nothing() -> None:
    turns = [
        turn("What's the order number?", "agent"),
        turn("4471209", "customer"),
        turn("Thanks, one moment", "agent"),
        turn("sorry, I have 2 orders", "customer"),
    ]
    assert link(turns)[3] == []


def test_bare_answer_typed_by_the_question() -> None:
    turns = [turn("Can you confirm your courier ID?", "bot"), turn("CR-448120", "customer")]
    text = turns[1].text
    detector = [[], [Finding(0, len(text), "ORDER_ID", 0.5, "test")]]
    linked = link_conversation(turns, detector, SETTINGS)
    best = max(linked[1], key=lambda f: f.score)
    assert best.entity_type == "ACCOUNT_ID"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("member number is, um, 88120934", "88120934"),  # a filler between the cue and the value
        ("account number... 55120934", "55120934"),
        ("account no… 55120934", "55120934"),
        ("the account no is: 5512 0993 41", "5512 0993 41"),
        ("acc. no. 0012345678", "0012345678"),
        ("BSB 062-000 acc 12345678", "12345678"),
        ("Konto-Nr. 1234567890", "1234567890"),
        ("Mitgliedsnr. 771209", "771209"),
        ("numéro d'adhérent 7712093", "7712093"),
        ("mi cuenta es la 55120934", "55120934"),
    ],
)
def test_account_layouts(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


@pytest.mark.parametrize("text", ["acc 2", "the acc 1234567.89", "my account. 12345678 is"])
def test_account_layout_negatives(text: str) -> None:
    assert found(AccountIdRecognizer(), text) == []


def test_an_id_with_fillers_read_out() -> None:
    text = "three three oh seven uh two two nine"
    assert answers(text, ["ACCOUNT_ID"]) == [(text, "ACCOUNT_ID")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok it's on the card... PX-4471209", [("PX-4471209", "ACCOUNT_ID")]),
        ("its 8830 1142 67 (on the top right)", [("8830 1142 67", "ACCOUNT_ID")]),
        ("it was placed on 12/05/2026", []),
        ("i paid $1200000 last week", []),
        ("we are arriving 2026-03-04", []),
        ("I ordered the WH-1000XM4", []),
    ],
)
def test_an_id_at_the_end_of_an_answer(text: str, expected: list[tuple[str, str]]) -> None:
    asked = ["ACCOUNT_ID"] if expected else ["ORDER_ID"]
    assert answers(text, asked) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm calling about my order, it's 4471209", "4471209"),
        ("Ref. 4471209", "4471209"),
        ("nomor pesanan 4471209", "4471209"),
        ("no resi JP1234567890", "JP1234567890"),
        ("sipariş numaram 4471209", "4471209"),
        ("takip numarası 4471209", "4471209"),  # noqa: RUF001
        ("numărul comenzii 4471209", "4471209"),
        ("comanda nr. 4471209", "4471209"),
        ("ordine n. 4471209", "4471209"),
    ],
)
def test_order_cues_in_more_languages(text: str, expected: str) -> None:
    assert expected in found(OrderIdRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    ["I placed an order, it's 2 weeks late", "the fatura came to 1200", "there is no resi yet", "my order, it's late"],
)
def test_order_cue_negatives(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


def test_romanian_contract_number() -> None:
    assert found(AccountIdRecognizer(), "numarul contractului 4471209") == ["4471209"]


@pytest.mark.parametrize(
    "question",
    [
        "Wat is uw ordernummer?",
        "Mohon kirimkan nomor pesanan Anda.",
        "Care este numărul comenzii?",
        "Qual è il numero d'ordine?",
        "Mã đặt chỗ của bạn là gì?",
        "What is the PNR?",
        "Can I get your booking code?",
    ],
)
def test_order_questions(question: str) -> None:
    assert "ORDER_ID" in asked_types(question)


@pytest.mark.parametrize("question", ["How many items did you order?", "What number should I call you on?"])
def test_not_order_questions(question: str) -> None:
    assert "ORDER_ID" not in asked_types(question)


def test_one_identifier_one_type_across_a_conversation() -> None:
    turns = [
        turn("hi, HP-448201-77 here, need help with a claim", "customer"),
        turn("Thanks, I see policy HP-448201-77 for Mr Grant.", "agent"),
    ]
    first, second = turns[0].text, turns[1].text
    start = second.index("HP")
    detector = [
        [Finding(4, 16, "ORDER_ID", 0.5, "test")],
        [Finding(start, start + 12, "ACCOUNT_ID", 1.0, "test")],
    ]
    assert first[4:16] == "HP-448201-77"
    linked = link_conversation(turns, detector, SETTINGS)
    assert [f.entity_type for f in linked[0]] == ["ACCOUNT_ID"]


def test_equal_scores_keep_their_types() -> None:
    turns = [turn("order 4471209 is late", "customer"), turn("account 4471209 found", "agent")]
    detector = [[Finding(6, 13, "ORDER_ID", 1.0, "test")], [Finding(8, 15, "ACCOUNT_ID", 1.0, "test")]]
    linked = link_conversation(turns, detector, SETTINGS)
    assert [f.entity_type for f in linked[0]] == ["ORDER_ID"]
    assert [f.entity_type for f in linked[1]] == ["ACCOUNT_ID"]


def test_which_order_asks_for_an_order_but_which_account_is_a_choice() -> None:
    assert "ORDER_ID" in asked_types("Which order are you asking about?")
    assert "ORDER_ID" not in asked_types("What order type do you need?")
    assert "ACCOUNT_ID" not in asked_types("Which account will it come from, checking or savings?")


@pytest.mark.parametrize("text", ["error ref. E-4471 on screen", "status ref 44712 ok"])
def test_error_references_are_not_orders(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sort code 20-00-00 12345678", "12345678"),
        ("my bank details: 20-00-00 12345678", "12345678"),
        ("BSB 062-000 12345678", "12345678"),
        ("routing 021000021 acct 12345678", "12345678"),
        ("CLABE interbancaria 002180700000000001", "002180700000000001"),
        ("bank acc: 123456789012", "123456789012"),
    ],
)
def test_bank_accounts(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


def test_bank_codes_are_not_ids() -> None:
    assert found(OrderIdRecognizer(), "IFSC HDFC0001234 account number 50100123456789") == []
    assert found(OrderIdRecognizer(), "Kontonummer 1234567890 BLZ 10020030") == []
    assert found(AccountIdRecognizer(), "sort code 20-00-00") == []
    assert found(AccountIdRecognizer(), "sort code 20-00-00 at 14:30") == []


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("What is the number on your loyalty card?", "ACCOUNT_ID"),
        ("Can you read me the number at the top of your bill?", "ACCOUNT_ID"),
        ("What is the number on your receipt?", "ORDER_ID"),
        ("Could you give me the number in the confirmation email?", "ORDER_ID"),
    ],
)
def test_the_number_on_a_document(question: str, entity: str) -> None:
    assert entity in asked_types(question)


def test_the_number_on_a_payment_card_is_not_an_account() -> None:
    assert asked_types("What is the number on the front of your card?") == ["CREDIT_CARD"]


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("pet health club, the number is PHC-334190 i think", "PHC-334190", "ACCOUNT_ID"),
        ("my policy HX 4471209 renews soon", "HX 4471209", "ACCOUNT_ID"),
        ("my policy claim CLM-2026-44120 was denied", "CLM-2026-44120", "ORDER_ID"),  # the claim is nearer
        ("the invoice INV-20260418 is for my account", "INV-20260418", "ORDER_ID"),  # after the code: no matter
        ("my order RF-9928314 is late", "RF-9928314", "ORDER_ID"),
        ("hi, HP-448201-77 here", "HP-448201-77", "ORDER_ID"),  # no cue: an order by default
        ("My account was fine. Then RF-9928314 arrived", "RF-9928314", "ORDER_ID"),  # another sentence
    ],
)
def test_a_shaped_code_takes_the_type_of_its_sentence(text: str, value: str, entity: str) -> None:
    other = OrderIdRecognizer() if entity == "ACCOUNT_ID" else AccountIdRecognizer()
    own = AccountIdRecognizer() if entity == "ACCOUNT_ID" else OrderIdRecognizer()
    assert value in found(own, text)
    assert value not in found(other, text)


def test_a_shaped_product_code_in_an_account_sentence_is_no_id() -> None:
    assert found(AccountIdRecognizer(), "the club SKU-00441290 shirt") == []
    assert found(AccountIdRecognizer(), "my account shows error code E-20260304-01") == []


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("org_7Hq2LmX9", "org_7Hq2LmX9", "ACCOUNT_ID"),
        ("cus_NffrFeUfNV2Hib is the customer", "cus_NffrFeUfNV2Hib", "ACCOUNT_ID"),
        ("the payment pi_3MtwBwLkdIwHu7ix28a3tqPa failed", "pi_3MtwBwLkdIwHu7ix28a3tqPa", "ORDER_ID"),
        ("txn_00912877", "txn_00912877", "ORDER_ID"),
    ],
)
def test_platform_object_ids(text: str, value: str, entity: str) -> None:
    recognizer = AccountIdRecognizer() if entity == "ACCOUNT_ID" else OrderIdRecognizer()
    assert value in found(recognizer, text)


@pytest.mark.parametrize(
    "text",
    ["team_2024q3 channel", "user_id column", "the ws_config file", "sub_total 1200", "user_ProfileSettingsV2 class"],
)
def test_code_names_are_not_platform_ids(text: str) -> None:
    assert found(AccountIdRecognizer(), text) == []
    assert found(OrderIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunden Nr. 4471209", "4471209"),
        ("Vertrag Nr. 4471-2290", "4471-2290"),
        ("Abo-Nr. 4471209", "4471209"),
        ("Police Nr. 12-44120-9", "12-44120-9"),
        ("cliente nº 4471209", "4471209"),
    ],
)
def test_a_noun_and_its_nr(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


def test_spanish_no_is_not_a_number_word_after_a_noun() -> None:
    assert found(AccountIdRecognizer(), "the cliente no quiere pagar 1200") == []
    assert found(AccountIdRecognizer(), "la póliza no cubre 4471209 euros") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("nomornya PL-2291044", "PL-2291044"), ("è 4471209", "4471209"), ("het is 77120934", "77120934")],
)
def test_an_id_after_a_linking_word_of_another_language(text: str, value: str) -> None:
    assert answers(text, ["ACCOUNT_ID"]) == [(value, "ACCOUNT_ID")]


def test_a_correction_right_after_the_answer() -> None:
    turns = [
        turn("What's your account number?", "agent"),
        turn("55120934", "customer"),
        turn("sorry 55120943 typo", "customer"),
    ]
    assert link(turns)[2] == [("55120943", "ACCOUNT_ID")]
