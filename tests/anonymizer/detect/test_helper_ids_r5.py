"""Identifiers, secrets, spoken phone numbers and spelled e-mails (round 5): positives and negatives."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import (
    AccountIdRecognizer,
    DateOfBirthRecognizer,
    ObfuscatedPhoneRecognizer,
    OrderIdRecognizer,
    PartialIdRecognizer,
    PasswordRecognizer,
    SpelledEmailRecognizer,
    UsernameRecognizer,
)


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Letter prefix and several digit groups, with or without a cue.
        ("the transfer reference would be TX-20251130-4471", "TX-20251130-4471"),
        ("dispute id for the two charges is DP-20260102-0091.", "DP-20260102-0091"),
        ("quote ABQ-7781203-02 when you call", "ABQ-7781203-02"),
        ("ticket opened: CS-2025-118402-A", "CS-2025-118402-A"),
        # Letters glued to long digit runs: fault, job and tracking codes.
        ("engineer visit booked under JOB00918273", "JOB00918273"),
        ("PostNL code 3SABCD0012345678 for the parcel", "3SABCD0012345678"),
        # Cue words and tails in other languages.
        ("Ihre Schadensnummer lautet 2026-778120", "2026-778120"),
        ("mijn zaaknummer is 44120981", "44120981"),
        ("Rechnung Nr. 2025-0917 vom Montag", "2025-0917"),
        ("Factura nº A2025-00912 pendiente", "A2025-00912"),
        ("il numero della pratica è 2025/77120", "2025/77120"),
        ("Số hồ sơ của anh là HS-20251201-11", "HS-20251201-11"),
        # English cues with a qualifier or a future tense.
        ("the case number for your refund is 55120934", "55120934"),
        ("your confirmation will be 88120477", "88120477"),
        ("Order ID - 6612093", "6612093"),
        ("PO 4500077812 is approved", "4500077812"),
        ("the track and trace is JVGL0622410009876543", "JVGL0622410009876543"),
    ],
)
def test_reference_numbers_are_order_ids(text: str, expected: str) -> None:
    assert expected in found(OrderIdRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "the flight is LH0402 at 10:45",
        "I bought the SM-G991B and the WH-1000XM4",
        "version 4.12.3-rc1 shipped on 2026-03-04",
        "ISBN9780306406157 is on the shelf",
        "USt-IdNr. DE298114570",
        "VAT: GB123456789 (company)",
        "COVID-19-2020 wave report",
        "the refund for your order is $45.50 and will be issued",
        "I'd like to transfer 5000 to savings",
        "please ship the order to 1600 Main St",
        "PO Box 44120",
        "Rechnung über 1200 Euro",
    ],
)
def test_reference_shapes_leave_models_dates_money_alone(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your mortgage MTG-4471029 is due", "MTG-4471029"),
        ("the lease LS-20260011-03 ends in May", "LS-20260011-03"),
        ("chuyển về tài khoản Techcombank 1903321456789", "1903321456789"),
    ],
)
def test_loan_and_bank_accounts_are_account_ids(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


def test_loan_amounts_are_not_account_ids() -> None:
    assert found(AccountIdRecognizer(), "we paid 1200 on the loan 250000 last year") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my cell's four one five... five five five... two oh one nine",
            "four one five... five five five... two oh one nine",
        ),
        (
            "ring me on oh seven seven double oh nine double three four five six",
            "oh seven seven double oh nine double three four five six",
        ),
        (
            "number is six one two, um, five five five, oh one four four",
            "six one two, um, five five five, oh one four four",
        ),
    ],
)
def test_spoken_phone_numbers_with_pauses(text: str, expected: str) -> None:
    assert found(ObfuscatedPhoneRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "I have one, two, three, four, five, six, seven apples",
        "it took two or three... four hours, then five six seven days",
    ],
)
def test_counting_is_not_a_phone_number(text: str) -> None:
    assert found(ObfuscatedPhoneRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stuur het naar joost.devries at kpn punt com", "joost.devries at kpn punt com"),
        ("meine Adresse ist anna.schulz Klammeraffe web Punkt de", "anna.schulz Klammeraffe web Punkt de"),
        ("écris à paul.martin arobase orange point fr", "paul.martin arobase orange point fr"),
        ("mi correo es lucia.gomez arroba gmail punto com", "lucia.gomez arroba gmail punto com"),
        ("scrivimi a marco.bianchi chiocciola libero punto it", "marco.bianchi chiocciola libero punto it"),
        ("reach me at k.ng at fastmail.com", "k.ng at fastmail.com"),
        ("r.okafor (at) acme (dot) co.uk", "r.okafor (at) acme (dot) co.uk"),
    ],
)
def test_spelled_emails_in_other_languages(text: str, expected: str) -> None:
    assert found(SpelledEmailRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "we met at the point in time when it broke",
        "let's meet at noon point blank",
        "the meeting is at 10.30 in room 4",
    ],
)
def test_at_and_point_in_prose_are_not_emails(text: str) -> None:
    assert found(SpelledEmailRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("please offboard l.moreau today", ["l.moreau"]),
        ("deactivate t_nguyen and reset the password for rpatel_07", ["rpatel_07", "t_nguyen"]),
        ("hand his mailbox over to s.okoye", ["s.okoye"]),
        ("invite gamerkat91 to the workspace", ["gamerkat91"]),
    ],
)
def test_logins_after_account_admin_verbs(text: str, expected: list[str]) -> None:
    assert found(UsernameRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "remove old_backup.txt from the share",
        "add node.js to the build",
        "ping google.com",
        "add start_date as a column",
        "remove user_id from the payload",
        "we need to remove dr.smith's notes",
        "give the box to st.john",
        "add some salt to the soup",
    ],
)
def test_files_fields_and_titles_are_not_logins(text: str) -> None:
    assert found(UsernameRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("once the locksmith is done i'll use 8812 for the front door", "8812"),
        ("the new alarm code will be 3097 from monday", "3097"),
        ("changed the padlock, i used 5521 this time", "5521"),
        ("772 019 oops wrong window", "772 019"),
        ("448120 - sorry, typed that here by mistake", "448120"),
        ("9931 pls ignore", "9931"),
    ],
)
def test_casual_pins_and_codes_typed_by_mistake(text: str, expected: str) -> None:
    assert found(PasswordRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "the gate will be open at 0930 am",
        "I will use 1200 dollars for the safe deposit",
        "2024 sorry wrong year",
        "12 sorry i meant 13",
        "the safe is in room 1204",
    ],
)
def test_times_money_and_years_are_not_pins(text: str) -> None:
    assert found(PasswordRecognizer(), text) == []


def test_dutch_month_after_birth_cue() -> None:
    assert found(DateOfBirthRecognizer(), "hij is geboren op 3 maart 2018") == ["3 maart 2018"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the network key is 7hq29kd4 for the guest wifi", "7hq29kd4"),
        ("wifi key: Rk9#pp1", "Rk9#pp1"),
        ("its 6620 for the side gate", "6620"),
    ],
)
def test_wifi_keys_and_gate_codes(text: str, expected: str) -> None:
    assert found(PasswordRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "the router is in the hall and the key is under the mat",
        "it's 2026 for the whole family",
    ],
)
def test_router_and_family_talk_is_not_a_secret(text: str) -> None:
    assert found(PasswordRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the visa ending with 31 07 was declined", "31 07"),
        ("account ending in 9 0 1 2", "9 0 1 2"),
    ],
)
def test_spaced_trailing_digits(text: str, expected: str) -> None:
    assert found(PartialIdRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes it's RX 7741902", ["RX 7741902"]),
        ("the card says GYM 0044120 on the back", ["GYM 0044120"]),
    ],
)
def test_spaced_capital_prefix_references(text: str, expected: list[str]) -> None:
    assert found(OrderIdRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "MY NUMBER IS 5551234567 CALL ME",
        "the budget is EUR 1500000 this year",
        "SSN 123456789 on the form",
        "TEL 0612345678",
        "ABN 51824753556",
        "SSN123456789",
    ],
)
def test_spaced_capitals_that_are_words_currencies_or_cues(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send it to r.achterberg@finance.corp", "r.achterberg@finance.corp"),
        ("test account qa.user7@staging.example", "qa.user7@staging.example"),
        ("mail ops-team@hq.internal today", "ops-team@hq.internal"),
    ],
)
def test_addresses_on_private_domains(text: str, expected: str) -> None:
    assert found(SpelledEmailRecognizer(), text) == [expected]


@pytest.mark.parametrize("text", ["the domain is www.corp.local", "connect to db01.intranet.corp"])
def test_private_host_names_are_not_addresses_or_logins(text: str) -> None:
    assert found(SpelledEmailRecognizer(), text) == []
    assert found(UsernameRecognizer(), text) == []


def test_moving_hosts_is_not_a_login() -> None:
    assert found(UsernameRecognizer(), "move the site to web02.internal tonight") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acc no 5520 1934 0071", "5520 1934 0071"),
        ("Kundennr.: 5512-0934", "5512-0934"),
        ("the member number on the back reads GX-44120-07", "GX-44120-07"),
    ],
)
def test_more_account_cues(text: str, expected: str) -> None:
    assert expected in found(AccountIdRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "my account shows 1200 dollars",
        "the account shows 4500.00 due",
        "my account says 250000 points",
        "acc no longer works",
    ],
)
def test_amounts_a_screen_shows_are_not_account_ids(text: str) -> None:
    assert found(AccountIdRecognizer(), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "error code E-20260304-01 appears on the screen",
        "Serial number: SN20260041177",
        "batch LOT-2026-0031 of the vaccine",
        "the part SKU-00441290 is back in stock",
        "The model ABC-12345 is out of stock",
        "IMEI 356938035643809",
    ],
)
def test_product_and_device_codes_are_not_order_ids(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []


def test_spelled_email_does_not_take_the_word_before_a_handle() -> None:
    text = "try the second one kofi_b22 at hotmail dot co dot uk"
    assert found(SpelledEmailRecognizer(), text) == ["kofi_b22 at hotmail dot co dot uk"]


def test_birth_date_leaves_the_article_out() -> None:
    assert found(DateOfBirthRecognizer(), "she was born on the 9th of April 1983") == ["9th of April 1983"]


@pytest.mark.parametrize(
    "text", ["member ID XKH918204663", "policy number: HP-448201-77", "Your loan ML-7720193-01 is paid"]
)
def test_shapes_after_an_account_cue_are_left_to_the_account_type(text: str) -> None:
    assert found(OrderIdRecognizer(), text) == []
    assert found(AccountIdRecognizer(), text) != []
