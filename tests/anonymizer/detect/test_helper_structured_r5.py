"""Typed columns of pasted tables and typed labels of forms (anonymizer/detect/recognizers/structured.py)."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers.address_cues import AddressColumnRecognizer
from anonymizer.detect.recognizers.structured import (
    StructuredDataRecognizer,
    column_type,
    header_key,
)


def found(text: str) -> list[tuple[str, str]]:
    recognizer = StructuredDataRecognizer()
    results = recognizer.analyze(text, list(recognizer.ENTITIES))
    return sorted((text[r.start : r.end], r.entity_type) for r in results)


def places(text: str) -> list[tuple[str, str]]:
    results = AddressColumnRecognizer().analyze(text, ["LOCATION", "ZIP_CODE", "STREET_ADDRESS"])
    return sorted((text[r.start : r.end], r.entity_type) for r in results)


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("Full Name", "PERSON"),
        ("c.full_name", "PERSON"),
        ("**Guest name**", "PERSON"),
        ("Nombre", "PERSON"),
        ("Prénom", "PERSON"),
        ("Imię", "PERSON"),
        ("emergency_contact", "PERSON"),
        ("E-mail", "EMAIL_ADDRESS"),
        ("correo", "EMAIL_ADDRESS"),
        ("customer_email", "EMAIL_ADDRESS"),
        ("Téléphone", "PHONE_NUMBER"),
        ("WhatsApp", "PHONE_NUMBER"),
        ("Mobile No", "PHONE_NUMBER"),
        ("D.O.B", "DATE_OF_BIRTH"),
        ("Geburtsdatum", "DATE_OF_BIRTH"),
        ("Member ID", "ACCOUNT_ID"),
        ("Policy number", "ACCOUNT_ID"),
        ("customer_id", "ACCOUNT_ID"),
        ("Acct #", "ACCOUNT_ID"),
        ("Order #", "ORDER_ID"),
        ("booking_ref", "ORDER_ID"),
        ("Tracking No.", "ORDER_ID"),
        ("Username", "USERNAME"),
        ("login", "USERNAME"),
        ("Hasło", "PASSWORD"),
        ("api_key", "PASSWORD"),
        ("last_ip", "IP_ADDRESS"),
        ("SSN", "US_SSN"),
        ("IBAN", "IBAN_CODE"),
        ("billing_zip", "ZIP_CODE"),
        ("Straße", "STREET_ADDRESS"),
        ("Ciudad", "LOCATION"),
    ],
)
def test_headers_in_many_forms_and_languages(header: str, entity: str) -> None:
    column = column_type(header)
    assert column is not None and column.entity == entity


@pytest.mark.parametrize(
    "header", ["Price", "Qty", "Status", "id", "Date", "Total", "Notes", "Pass", "Token", "Customer since", "Member"]
)
def test_headers_that_type_nothing(header: str) -> None:
    assert column_type(header) is None


def test_header_key_folds_aliases_emphasis_and_accents() -> None:
    assert header_key(" a.Post-Code ") == "post_code"
    assert header_key("**Téléphone:**") == "telephone"


def test_psql_output_types_every_column() -> None:
    text = (
        "rows:\n"
        " id   | full_name        | email             | phone          | member_id\n"
        "------+------------------+-------------------+----------------+-----------\n"
        " 1042 | Ines Vasquez-Moll | ines.vm@posteo.de | +49 30 1234567 | W-2291 0043\n"
        " 1043 | Obi Nnamdi       | obi.n@web.de      | 030 9876543    | W-2291 0077\n"
        "(2 rows)"
    )
    assert found(text) == [
        ("+49 30 1234567", "PHONE_NUMBER"),
        ("030 9876543", "PHONE_NUMBER"),
        ("Ines Vasquez-Moll", "PERSON"),
        ("Obi Nnamdi", "PERSON"),
        ("W-2291 0043", "ACCOUNT_ID"),
        ("W-2291 0077", "ACCOUNT_ID"),
        ("ines.vm@posteo.de", "EMAIL_ADDRESS"),
        ("obi.n@web.de", "EMAIL_ADDRESS"),
    ]


def test_markdown_table_with_alignment_row_and_index_column() -> None:
    text = (
        "| # | Customer | Order | Booking ref |\n"
        "|:--|:---------|------:|:-----------:|\n"
        "| 1 | Dagny Roos | 88123 | QX7H2P |\n"
        "| 2 | **Kofi Mensah** | 88124 | ZK9L3M |\n"
    )
    assert found(text) == [
        ("88123", "ORDER_ID"),
        ("88124", "ORDER_ID"),
        ("Dagny Roos", "PERSON"),
        ("Kofi Mensah", "PERSON"),
        ("QX7H2P", "ORDER_ID"),
        ("ZK9L3M", "ORDER_ID"),
    ]


def test_quoted_csv_with_last_first_name_and_lower_case_name() -> None:
    text = 'tenant,email,lease_end\n"Whitfield, Jamal",jw@gmail.com,2026-04-30\nmark de vries,md@aol.com,2026-05-31'
    assert found(text) == [
        ("Whitfield, Jamal", "PERSON"),
        ("jw@gmail.com", "EMAIL_ADDRESS"),
        ("mark de vries", "PERSON"),
        ("md@aol.com", "EMAIL_ADDRESS"),
    ]


def test_tsv_credentials_sheet() -> None:
    text = (
        "Name\tUsername\tPassword\tIP\nSigrid Halvorsen\tsig_h88\thunter2!Q\t10.20.30.44\nBao Nguyen\tbaonguyen\t***\t-"
    )
    assert found(text) == [
        ("10.20.30.44", "IP_ADDRESS"),
        ("Bao Nguyen", "PERSON"),
        ("Sigrid Halvorsen", "PERSON"),
        ("baonguyen", "USERNAME"),
        ("hunter2!Q", "PASSWORD"),
        ("sig_h88", "USERNAME"),
    ]


def test_table_in_another_language_with_semicolons() -> None:
    text = "nombre;correo;teléfono;fecha de nacimiento\nMaría José Carrasco;mj@gmail.com;+34 612 345 678;14/02/1979"
    assert found(text) == [
        ("+34 612 345 678", "PHONE_NUMBER"),
        ("14/02/1979", "DATE_OF_BIRTH"),
        ("María José Carrasco", "PERSON"),
        ("mj@gmail.com", "EMAIL_ADDRESS"),
    ]


def test_name_cell_keeps_the_name_and_drops_a_note() -> None:
    text = "| Day | Driver | Phone |\n|---|---|---|\n| Thu | Priyesh Rao (if needed) | 0412 883 190 |"
    assert ("Priyesh Rao", "PERSON") in found(text)


def test_placeholder_and_masked_cells_are_skipped() -> None:
    text = "Attendee,Company,Email,Phone\nN/A,Acme,-,TBD\nTBD,Globex,[redacted],***\n—,Initech,none,xxx-xxx-xxxx"
    assert found(text) == []


def test_product_tables_have_no_people() -> None:
    assert found("Name | Price | Qty\nAurora Lamp | 39.99 | 2\nMilano Chair | 120.00 | 1") == []
    assert found("Product,SKU,Name,Price\nLamp,SK-1,Aurora,39.99\nChair,SK-2,Milano,120") == []
    assert found("| Name | Type | Default |\n|---|---|---|\n| timeout | int | 30 |\n| Retries | int | 3 |") == []


def test_weak_name_column_needs_a_name_shape() -> None:
    assert found("Name,Status\nredis,running\nNginx,stopped") == []
    assert found("Name | Role | Team\nDagny Roos | Engineer | Infra\nTotal | 3 |") == [("Dagny Roos", "PERSON")]
    assert found("Contact | Phone\nFront Desk | 555 0100 22\nCustomer Service | 555 0100 23") == [
        ("555 0100 22", "PHONE_NUMBER"),
        ("555 0100 23", "PHONE_NUMBER"),
    ]


def test_identifier_cells_need_a_code() -> None:
    text = "Order | Status | Total\n12 | shipped | $40.00\nnone yet | pending | 1,250\nA-77812 | paid | 12.50"
    assert found(text) == [("A-77812", "ORDER_ID")]
    assert found("Account | Balance\nChecking | $1,200\nSavings | 3 months old") == []


def test_phone_column_is_no_date_and_no_short_number() -> None:
    text = "guest | phone | room\nLieke Brandsma | 2026-04-30 | 204\nRavi Iyer | ext 12 | 310"
    assert found(text) == [("Lieke Brandsma", "PERSON"), ("Ravi Iyer", "PERSON")]


def test_rows_with_another_number_of_cells_are_skipped_not_misread() -> None:
    text = "name,email,phone\nAna Folau,ana@x.org,+1 415 555 0100\nBjorn, Dahl,bdahl@x.net,4155550101\nCarla Ruiz,c@x.es,699123456"
    assert ("Carla Ruiz", "PERSON") in found(text)
    assert ("Dahl", "PERSON") not in found(text)


def test_form_lines_with_every_separator() -> None:
    text = "Member ID: W-2291 0043\nDOB - 14/02/1979\nUsername | kaz_88\n**Booking ref:** QX7H2P\n- Tenant: Chase Whitfield"
    assert found(text) == [
        ("14/02/1979", "DATE_OF_BIRTH"),
        ("Chase Whitfield", "PERSON"),
        ("QX7H2P", "ORDER_ID"),
        ("W-2291 0043", "ACCOUNT_ID"),
        ("kaz_88", "USERNAME"),
    ]


def test_form_lines_that_hold_no_value() -> None:
    text = (
        "User: thanks\nCustomer: Maria Lopez here\nHandle: carefully\nAccount: 3 months old\nOrder: the blue one\n"
        "Contact: Mon-Fri\nGuest: 2 adults\nTicket - 4 people\nPassword: reset\nTenant: Flat 4B"
    )
    assert found(text) == []


def test_single_line_texts_are_not_read() -> None:
    assert found("Username | kaz_88") == []
    assert found("name,email Ana Folau,ana@x.org") == []


def test_address_columns_still_typed_through_the_shared_reader() -> None:
    text = "name,email,phone,city,zip\nJamal Whitfield,jw@gmail.com,(313) 555-0164,Detroit,48201\nHana,-,-,N/A,-"
    assert places(text) == [("48201", "ZIP_CODE"), ("Detroit", "LOCATION")]


def test_data_frame_aligned_with_spaces_and_a_row_index() -> None:
    text = (
        "df.head():\n"
        "              name                  email            phone\n"
        "0        Ana Folau  ana.folau@example.org  +1 415 555 0100\n"
        "1       Bjorn Dahl      bdahl@example.net       4155550101\n"
        "\n[2 rows x 3 columns]"
    )
    assert found(text) == [
        ("+1 415 555 0100", "PHONE_NUMBER"),
        ("4155550101", "PHONE_NUMBER"),
        ("Ana Folau", "PERSON"),
        ("Bjorn Dahl", "PERSON"),
        ("ana.folau@example.org", "EMAIL_ADDRESS"),
        ("bdahl@example.net", "EMAIL_ADDRESS"),
    ]


def test_space_aligned_header_needs_two_typed_columns() -> None:
    assert found("name      status\nredis     running\nGrace Ho  stopped") == []
    assert found("The plan  is simple.  Name  the  files\nthen  run it  twice") == []


def test_header_with_a_note_in_parentheses() -> None:
    text = "Name (as on passport) | Phone (mobile) | Date of birth\nAna Folau | +1 415 555 0100 | 1990-02-14"
    assert found(text) == [
        ("+1 415 555 0100", "PHONE_NUMBER"),
        ("1990-02-14", "DATE_OF_BIRTH"),
        ("Ana Folau", "PERSON"),
    ]


def test_json_and_dict_pairs_with_camel_case_keys() -> None:
    text = (
        '{\n  "firstName": "Obi",\n  "lastName": "Nnamdi",\n  "memberId": "W-2291 0043",\n'
        '  "bookingRef": "QX7H2P",\n  "name": "my-service",\n  "version": "1.2.3",\n  "ref": "main",\n'
        '  "user": "root",\n  "order": "asc"\n}\n'
        "payload = {'customer_name': 'Dagny Roos', 'order_no': '88123'}"
    )
    assert found(text) == [
        ("88123", "ORDER_ID"),
        ("Dagny Roos", "PERSON"),
        ("Nnamdi", "PERSON"),
        ("Obi", "PERSON"),
        ("QX7H2P", "ORDER_ID"),
        ("W-2291 0043", "ACCOUNT_ID"),
    ]


def test_camel_case_split_only_when_the_whole_word_is_unknown() -> None:
    assert column_type("WhatsApp") == column_type("whatsapp")
    column = column_type("PhoneNumber")
    assert column is not None and column.entity == "PHONE_NUMBER"


def test_vcard_properties() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ingrid Bergström\nN:Bergström;Ingrid;;;\nTEL;TYPE=CELL:+46 70 123 45 67\n"
        "EMAIL;TYPE=INTERNET:ingrid.b@telia.se\nADR;TYPE=HOME:;;Storgatan 12;Uppsala;;753 20;Sweden\n"
        "BDAY:19840709\nNOTE:met at the fair\nEND:VCARD"
    )
    assert sorted(found(text)) == [
        ("+46 70 123 45 67", "PHONE_NUMBER"),
        ("19840709", "DATE_OF_BIRTH"),
        ("753 20", "ZIP_CODE"),
        ("Bergström", "PERSON"),
        ("Ingrid", "PERSON"),
        ("Ingrid Bergström", "PERSON"),
        ("Storgatan 12", "STREET_ADDRESS"),
        ("Sweden", "LOCATION"),
        ("Uppsala", "LOCATION"),
        ("ingrid.b@telia.se", "EMAIL_ADDRESS"),
    ]


def test_vcard_lines_need_a_vcard() -> None:
    assert found("N: 12\nFN:see below\nADR:;;12 Main St;Springfield") == []


def test_a_cell_listing_several_people() -> None:
    text = (
        "Attendees | Date\nAisha Rahman, Bjorn Halvorsen & Carmen Ruiz | 14 Apr\nWhitfield, Jamal | 15 Apr\n"
        "Ana Folau <ana@x.org> | 16 Apr\nTeam A, Team B | 17 Apr"
    )
    assert found(text) == [
        ("Aisha Rahman", "PERSON"),
        ("Ana Folau", "PERSON"),
        ("Bjorn Halvorsen", "PERSON"),
        ("Carmen Ruiz", "PERSON"),
        ("Whitfield, Jamal", "PERSON"),
    ]


def test_two_column_field_value_tables_are_forms() -> None:
    text = (
        "| Field | Value |\n|---|---|\n| Tenant | Dagny Roos |\n| Member ID | W-2291 0043 |\n| Username | kaz_88 |\n"
        "| Notes | call after 5 |"
    )
    assert found(text) == [("Dagny Roos", "PERSON"), ("W-2291 0043", "ACCOUNT_ID"), ("kaz_88", "USERNAME")]
    assert found("Tenant | Dagny Roos\nPassenger | Henrike Vos") == [
        ("Dagny Roos", "PERSON"),
        ("Henrike Vos", "PERSON"),
    ]


def test_a_header_line_is_no_form_line() -> None:
    assert found("Attendees | Date\nTBD | 14 Apr") == []


def test_technical_tables_and_lists_type_nothing() -> None:
    for text in [
        "| Feature | Basic | Pro |\n|---|---|---|\n| Phone | Yes | No |\n| Contact | Sales Team | Account Manager |",
        "| Name | Description |\n|---|---|\n| `--user` | The user to connect as |\n| `--password` | The password |",
        "| Option | Default |\n| host | localhost |\n| user | postgres |\n| password | secret |",
        "| Login | Logout |\n| 09:00 | 17:00 |",
        "| Commit | Author | Date |\n|---|---|---|\n| a1b2c3d | jdoe | 2024-01-01 |",
        "| Key | Value |\n|---|---|\n| api_key | sk-xxxx |\n| region | us-east-1 |",
        "Step 1: Login\nUsername: enter your email\nPassword: choose a strong one\nOrder: newest first",
        "Name: Redis\nVersion: 7.2\nContact: ops@example.com\nOwner: Platform team",
        "- Phone: 2 left in stock\n- Email: weekly digest\n- Tracking: enabled\n- Member: yes\n- Policy: strict",
        "Pros - fast\nCons - expensive\nOrder - 3 pizzas\nRef - page 12",
        "Booking: confirmed for 2 people\nInvoice: paid\nReservation - 7pm, table 12",
        "SKU,Product,Customer\nSK-1,Lamp,ACME Corp\nSK-2,Chair,Globex Inc",
    ]:
        assert found(text) == [], text


def test_a_firm_with_a_comma_is_no_last_first_name() -> None:
    assert found('customer,email\n"Acme, Inc",sales@acme.com\n"Whitfield, Jamal",jw@gmail.com') == [
        ("Whitfield, Jamal", "PERSON"),
        ("jw@gmail.com", "EMAIL_ADDRESS"),
        ("sales@acme.com", "EMAIL_ADDRESS"),
    ]
