"""Structured text pasted into chats: the cells of a table's columns and the values of a form's labels.

Users paste CSV and TSV exports, Markdown tables, SQL-client output ("psql" with "----+----" rules), contact
sheets, CRM exports and filled-in forms. A cell alone ("Obi Nnamdi", "W-2291 0043", "kaz_88") has no cue word
but its column's header, in any language ("full_name", "Member ID", "correo", "Telefon"). A header line names
the entity of each column; the rows under it, cut with the same delimiter into as many cells, give one finding
per cell that passes the check of its type (a name looks like a name, an id holds a digit, a phone has 7 to
15 digits). Empty, placeholder ("N/A", "-", "TBD") and masked ("***", "[redacted]") cells are skipped.

A column "Name" beside "Price", "Qty" or "SKU" holds products, not people: a name column of a weak header
("name", "nom") counts only in a table with another personal column (an e-mail, a phone, a birth date) or no
product column, and then only for cells shaped like a person's name.

Form lines ("DOB - 14/02/1979", "Username | kaz_88", "**Booking ref:** QX7H2P") use the same vocabulary: a
line's label names the entity of the value after it.

The table reader and the vocabulary are shared with AddressColumnRecognizer (address_cues.py), which types
the place columns (city, ZIP, address).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from wordfreq import zipf_frequency

from ._base import span_result, words

_FOLD = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "đ": "d", "\u0131": "i"})


def fold(key: str) -> str:
    """A lower-case key without accents ("téléphone" -> "telephone", "hasło" -> "haslo", "straße" -> "strasse")."""
    if key.isascii():
        return key
    key = unicodedata.normalize("NFKD", key.translate(_FOLD))
    return "".join(c for c in key if not unicodedata.combining(c))


# Column headers (lower case, words joined by "_") by the entity of their cells. A header may carry a table
# alias ("c.full_name"), a prefix that keeps its meaning ("billing_zip", "emergency_contact", "customer_email")
# and, for identifiers, a suffix ("order_no", "booking #", "policy number").
PLACE_HEADERS: dict[str, str] = {
    **dict.fromkeys(
        words("city town locality suburb village municipality hometown stadt ort ville ciudad citta cidade"),
        "LOCATION",
    ),
    **dict.fromkeys(
        words(
            """
            zip zipcode zip_code postcode post_code postal_code postalcode postal plz pincode pin_code cep eircode
            zip_postal postal_zip postleitzahl code_postal codigo_postal
            """
        ),
        "ZIP_CODE",
    ),
    **dict.fromkeys(
        words(
            """
            address street street_address streetaddress address1 address_1 address_line1 address_line_1 addressline1
            addr addr1 line1 line_1 street1 street_1 strasse adresse direccion endereco indirizzo anschrift
            dirección endereço straße
            """
        ),
        "STREET_ADDRESS",
    ),
}
# People. Strong headers name a person whatever the table; weak ones ("name") only in a table about people.
_STRONG_PERSON = words(
    """
    full_name fullname customer customer_name client client_name contact contact_name contact_person guest
    guest_name tenant tenant_name passenger passenger_name attendee attendees employee employee_name patient
    patient_name student student_name member_name first_name firstname given_name givenname last_name lastname
    surname family_name familyname middle_name recipient recipient_name beneficiary account_holder accountholder
    holder cardholder card_holder applicant participant traveller traveler occupant resident landlord
    emergency_contact next_of_kin nok buyer seller sender customer_full_name legal_name display_name
    nombre nombre_completo apellido apellidos nom prenom prénom nom_complet vorname nachname familienname
    nome nome_completo cognome sobrenome imie imię nazwisko naam voornaam achternaam navn fornavn efternavn
    etternavn namn förnamn efternamn fornamn cliente huésped huesped inquilino pasajero kunde mieter gast
    first_and_last_name name_and_surname name_surname first_last imię_i_nazwisko nom_et_prénom nom_prénom
    nombre_y_apellido nombre_y_apellidos nombre_completo vor_und_nachname nome_e_cognome nome_completo
    voor_en_achternaam ad_soyad ad\u0131_soyad\u0131 họ_tên họ_và_tên requester requestor reporter submitter claimant
    policyholder policy_holder insured subscriber_name patient_full_name child child_name parent parent_name
    guardian spouse partner_name kids children guests passengers participants tenants customers clients
    team_members
    """
)
_WEAK_PERSON = words(
    "name names owner assignee driver manager rep agent author reviewer approver person who staff teacher doctor"
)
_VOCABULARY: dict[str, str] = {
    **PLACE_HEADERS,
    **dict.fromkeys(_STRONG_PERSON + _WEAK_PERSON, "PERSON"),
    **dict.fromkeys(
        words(
            """
            email e_mail mail email_address e_mail_address emailaddress correo correo_electronico correo_electrónico
            courriel adresse_mail adresse_email emailadresse e_mailadresse
            """
        ),
        "EMAIL_ADDRESS",
    ),
    **dict.fromkeys(
        words(
            """
            phone phones phone_number phonenumber phone_no mobile mobile_number mobile_no mob tel tel_no telephone
            telephone_number cell cell_phone cellphone cell_number whatsapp contact_number contact_no telefone
            telefono teléfono téléphone telefon telefoon telefonnummer handy handynummer movil móvil celular
            numéro numero_de_telephone
            portable gsm tlf tfn
            """
        ),
        "PHONE_NUMBER",
    ),
    **dict.fromkeys(
        words(
            """
            dob d_o_b date_of_birth birth_date birthdate birthday born birth_day geburtsdatum geburtstag
            fecha_de_nacimiento fecha_nacimiento date_de_naissance data_di_nascita data_de_nascimento
            data_nascimento data_urodzenia geboortedatum fødselsdato födelsedatum
            """
        ),
        "DATE_OF_BIRTH",
    ),
    **dict.fromkeys(
        words("username user_name login login_name handle user screen_name screenname gamertag benutzername usuario"),
        "USERNAME",
    ),
    **dict.fromkeys(
        words(
            """
            password passwd pwd passcode passphrase pin pin_code secret api_key apikey api_token
            access_token access_key secret_key client_secret passwort kennwort contraseña contrasena senha
            mot_de_passe hasło haslo wachtwoord
            """
        ),
        "PASSWORD",
    ),
    **dict.fromkeys(
        words("ip ip_address ipaddress ip_addr ipv4 ipv6 client_ip remote_ip remote_addr source_ip src_ip last_ip"),
        "IP_ADDRESS",
    ),
    **dict.fromkeys(words("ssn social_security social_security_number social_security_no"), "US_SSN"),
    **dict.fromkeys(words("iban"), "IBAN_CODE"),
}
_HEADERS = {fold(k): v for k, v in _VOCABULARY.items()}
_WEAK = frozenset(fold(k) for k in _WEAK_PERSON)
# Heads of identifier headers, alone or before an id suffix ("order", "order_no", "booking ref", "Member ID").
_ID_HEADS: dict[str, str] = {
    **dict.fromkeys(
        words(
            """
            account acct account_number member membership policy customer client loyalty subscriber contract
            kundennummer cuenta conta compte patient mrn insurance medicare medicaid nhs loan mortgage
            """
        ),
        "ACCOUNT_ID",
    ),
    **dict.fromkeys(
        words(
            """
            order booking invoice ticket tracking ref reference confirmation reservation pnr case claim shipment
            awb waybill consignment rma return receipt transaction txn bestellnummer pedido commande rechnung
            """
        ),
        "ORDER_ID",
    ),
}
_ID_SUFFIXES = frozenset(words("id no nr num number # code ref reference nummer numero"))
# A prefix that keeps a header's meaning ("home_city", "customer_email", "emergency_contact_phone").
_PREFIXES = frozenset(
    words(
        """
        home billing shipping mailing delivery postal residential current permanent street customer user client
        contact primary secondary work personal private emergency guest tenant member patient student employee
        alt alternate other main your my
        """
    )
)
# Headers of a table about things: beside them, a weak "Name" column names products, files or settings.
_THING_HEADERS = frozenset(
    words(
        """
        product products item items sku price unit_price qty quantity stock inventory category brand model version
        size file filename path extension type default nullable datatype data_type column field calories
        ingredient dish color colour weight dimensions rating cost msrp upc ean barcode asin variant
        """
    )
)

_CAMEL = regex.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_PARENTHESIS = regex.compile(r"\([^()]*\)")  # "Phone (mobile)", "Name (as on passport)"
_HEADER_CLEAN = regex.compile(r"^[\s\"'`*_>]*(?:\w+\.(?=\w))?|[\s\"'`*_:]*$")
_DOTTED = regex.compile(r"^[\s*_]*(?:\p{L}\.){2,}\p{L}?\.?[\s*_:]*$")
_HEADER_SPACE = regex.compile(r"[ \-/.]+")


@dataclass(frozen=True, slots=True)
class Column:
    """A typed column: its entity, and for PERSON whether the header alone says so."""

    entity: str
    strong: bool = True


def header_key(header: str, *, camel: bool = True) -> str:
    """ "Member ID" -> "member_id", "c.full_name" -> "full_name", "**E-mail:**" -> "e_mail", "Téléphone" ->
    "telephone"."""
    if _DOTTED.match(header):
        header = header.replace(".", "")  # "D.O.B.", not the alias "d." of a column "o.b"
    header = _PARENTHESIS.sub(" ", header) if "(" in header else header
    header = _CAMEL.sub("_", header) if camel and header.isascii() else header  # "firstName", "PhoneNumber"
    key = _HEADER_CLEAN.sub("", header).lower().replace("#", " #").replace("nº", "no").replace("n°", "no")
    key = fold(key)
    return str(_HEADER_SPACE.sub("_", key.strip())).strip("_")


def column_type(header: str) -> Column | None:
    """The entity of a column's cells, from its header ("WhatsApp" whole, else "memberId" as "member_id")."""
    whole = header_key(header, camel=False)
    found = _typed_key(whole)
    if found is None and any(c.isupper() for c in header):
        camel = header_key(header)
        found = _typed_key(camel) if camel != whole else None
    return found


def _typed_key(key: str) -> Column | None:
    if not key or len(key) > 40:
        return None
    tokens = key.split("_")
    while tokens:
        found = _lookup(tokens)
        if found is not None:
            return found
        if tokens[0] not in _PREFIXES or len(tokens) == 1:
            return None
        tokens = tokens[1:]
    return None


def _lookup(tokens: list[str]) -> Column | None:
    key = "_".join(tokens)
    if key in _HEADERS:
        entity = _HEADERS[key]
        return Column(entity, strong=entity != "PERSON" or key not in _WEAK)
    # An identifier head, alone or before suffixes: "order", "order_no", "booking_ref", "customer_id".
    core = list(tokens)
    suffixed = False
    while len(core) > 1 and core[-1] in _ID_SUFFIXES:
        core.pop()
        suffixed = True
    head = "_".join(core)
    if head in _ID_HEADS and (suffixed or head not in {"customer", "client", "patient", "member"}):
        return Column(_ID_HEADS[head])
    return None


# --- The table reader --------------------------------------------------------------------------------------

DELIMITERS = ("|", "\t", ",", ";")
SPACED = "  "  # cells aligned with runs of spaces
_SPACED_CELL = regex.compile(r"\S+(?:[ ]\S+)*")


def spaced_cells(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a line aligned with spaces: runs of words one space apart."""
    return [m.span() for m in _SPACED_CELL.finditer(line.replace("\t", "  "))]


RULE_LINE = regex.compile(r"^[\s|:+\-=]+$")  # "---+---", "|:---|---|"


def cells(line: str, delimiter: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a table line, quotes respected for CSV; a Markdown line's outer pipes
    open and close no cell."""
    spans, start, quoted = [], 0, False
    for i, char in enumerate(line):
        if char == '"' and delimiter in ",;\t":
            quoted = not quoted
        elif char == delimiter and not quoted:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(line)))
    if delimiter == "|":
        if spans and not line[spans[0][0] : spans[0][1]].strip():
            spans = spans[1:]
        if spans and not line[spans[-1][0] : spans[-1][1]].strip():
            spans = spans[:-1]
    return spans


@dataclass(frozen=True, slots=True)
class Table:
    """A header line's typed columns and the rows under it: (offset of the line in the text, line, cells)."""

    offset: int  # of the header line
    columns: dict[int, Column]
    headers: list[str]
    rows: list[tuple[int, str, list[tuple[int, int]]]]


def read_tables(text: str, max_rows: int = 500) -> Iterator[Table]:
    """Every table of `text` with at least one typed column, rows cut like their header."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    index = 0
    while index < len(lines):
        header = _header(lines[index])
        if header is None:
            index += 1
            continue
        delimiter, width, headers, columns = header
        rows = []
        row = index + 1
        while row < len(lines) and row - index <= max_rows:
            line = lines[row]
            if RULE_LINE.match(line) and line.strip():
                row += 1
                continue
            if delimiter == SPACED:
                spans = spaced_cells(line)
                if len(spans) == width + 1 and line[spans[0][0] : spans[0][1]].isdigit():
                    spans = spans[1:]  # a data frame's row index
                if len(spans) < 2:
                    break
            elif delimiter not in line:
                break
            else:
                spans = cells(line, delimiter)
            if len(spans) == width:
                rows.append((offsets[row], line, spans))
            row += 1
        if rows:
            yield Table(offsets[index], columns, headers, rows)
        index = row


_MAX_HEADER_LENGTH = 400
_WORD = regex.compile(r"\p{L}+")


def _header(line: str) -> tuple[str, int, list[str], dict[int, Column]] | None:
    """The delimiter, the number of cells, the header texts and the typed columns of a header line, or None."""
    if len(line) > _MAX_HEADER_LENGTH:
        return None
    for delimiter in DELIMITERS:
        if delimiter not in line:
            continue
        spans = cells(line, delimiter)
        if len(spans) < 2:
            continue
        headers, columns = [], {}
        for i, (start, end) in enumerate(spans):
            cell = line[start:end]
            if (
                len(cell.strip()) > 40
                or any(c.isdigit() for c in cell.replace("1", "").replace("4", ""))
                or ("@" in cell)
            ):
                return None  # a data row, not a header
            headers.append(header_key(cell))
            if column := column_type(cell):
                columns[i] = column
        if len(spans) == 2 and any(i not in columns and not _header_words(line[a:b]) for i, (a, b) in enumerate(spans)):
            return None  # "Tenant | Dagny Roos": a form line, not the header of a two-column table
        return (delimiter, len(spans), headers, columns) if columns else None
    return _spaced_header(line)


def _header_words(cell: str) -> bool:
    """Whether a cell reads as a header: every word an everyday English one ("Role", "Date", "Notes")."""
    found = _WORD.findall(cell)
    return bool(found) and all(_everyday(w) for w in found)


def _spaced_header(line: str) -> tuple[str, int, list[str], dict[int, Column]] | None:
    """A header of a table aligned with spaces (a data frame, a SQL client without borders): cells apart by two
    spaces or more, each of at most three words and no digit; two typed columns at least, as the layout alone is
    weaker evidence than a delimiter."""
    if "  " not in line.strip():
        return None
    spans = spaced_cells(line)
    if len(spans) < 3:
        return None
    headers, columns = [], {}
    for i, (start, end) in enumerate(spans):
        cell = line[start:end]
        if len(cell) > 30 or cell.count(" ") > 2 or any(c.isdigit() or c in "@.,:;!?" for c in cell):
            return None
        headers.append(header_key(cell))
        if column := column_type(cell):
            columns[i] = column
    return (SPACED, len(spans), headers, columns) if len(columns) >= 2 else None


# --- Cells -------------------------------------------------------------------------------------------------

EMPTY_CELL = frozenset(
    words(
        """
        n/a na n.a. null none nil nan unknown tbd tba tbc - -- --- — \u2013 ? ?? same blank empty missing pending
        redacted [redacted] <redacted> removed hidden withheld x xx xxx ... … none. 0 -1 true false yes no
        """
    )
)
_MASKED = regex.compile(r"^[\s*•·x#_\-.]+$|^[\[<(]\s*\w*\s*(?:redacted|removed|hidden|masked)\s*[\]>)]$", regex.I)
_NAME_WORD = r"\p{L}[\p{L}\p{M}'\u2019\-]*\.?"
_NAME = regex.compile(rf"{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,5}}")
_TITLES = regex.compile(r"(?i)^(?:mr|mrs|ms|mx|miss|dr|prof|sr|sra|herr|frau|mme|mlle|m)\.?[ ]+(?=\p{L})")
_NAME_TAIL = regex.compile(r"[ \t]*(?:$|[(,;/|<\[]|[\-\u2013\u2014][ ]|\d)")
# "Whitfield, Jamal", "Vasquez Moll, Ines": one person; "Aisha Rahman, Bjorn Halvorsen" is a list.
_LAST_FIRST = regex.compile(
    rf"^{_NAME_WORD}(?:[ ]+{_NAME_WORD})?,[ ]*{_NAME_WORD}$|^{_NAME_WORD},[ ]*{_NAME_WORD}[ ]+{_NAME_WORD}$"
)
# Between the people of a cell that lists several: "Aisha Rahman, Bjorn Halvorsen", "Vikram & Sunita Rao".
_LIST_SEPARATOR = regex.compile(r"[ ]*(?:[,;/+&]|\b(?:and|y|e|et|und|en|i|og|och)\b)[ ]*")
_NOT_NAME_WORDS = frozenset(
    words(
        """
        total subtotal sum average avg team group all everyone nobody none vacant admin administrator system
        support service services sales billing office reception desk front unassigned anyone tbd unknown customer
        client guest user owner manager staff the and of for corp inc ltd llc gmbh plc company co ag bv sa srl
        pty limited
        """
    )
)
_PHONE = regex.compile(r"^[+(]?\d[\d ()./\-\u00a0]{5,22}\d(?:[ ]*(?:x|ext\.?)[ ]*\d{1,5})?$", regex.I)
_DATE_SHAPE = regex.compile(
    r"^(?:\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?[ ]+\p{L}{3,10}\.?,?[ ]+\d{2,4}|\p{L}{3,10}\.?[ ]+\d{1,2}(?:st|nd|rd|th)?,?[ ]+\d{2,4})$",
    regex.I,
)
_EMAIL = regex.compile(r"^[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+$")
_ID = regex.compile(r"^#?[A-Za-z0-9][A-Za-z0-9 ./#_\-]{2,38}[A-Za-z0-9]$")
_BOOKING_CODE = regex.compile(r"^[A-Z0-9]{5,8}$")
_MONEY = regex.compile(r"^[$€£¥]?\d{1,3}(?:[,.]\d{3})*(?:[.,]\d{1,2})?[ ]*(?:[$€£¥]|usd|eur|gbp)?$", regex.I)
_BOOKING_HEADER = regex.compile(r"booking|pnr|confirmation|reservation|locator|reference|ref")
# An id holds three digits in a row, or a token of four characters or more mixing letters and digits.
_ID_CORE = regex.compile(r"\d{3}|(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,}")
_LOWER_WORD = regex.compile(r"(?<![A-Za-z0-9])[a-z]{3,}(?![A-Za-z0-9])")
_LETTER = regex.compile(r"\p{L}")
_USERNAME = regex.compile(r"^@?[\w.\-]{2,40}$")
_SYSTEM_USERS = frozenset(words("root admin administrator postgres mysql guest system anonymous user test www-data"))
_SECRET = regex.compile(r"^\S{3,128}$")
_PIN = regex.compile(r"^\d{4,8}$")
_IPV4 = regex.compile(r"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/\d{1,2})?$")
_IPV6 = regex.compile(r"^(?=.*:.*:)[0-9a-f:]{2,39}(?:/\d{1,3})?$", regex.I)
_SSN = regex.compile(r"^\d{3}[- ]?\d{2}[- ]?\d{4}$")
_IBAN = regex.compile(r"^[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}$")


def _everyday(word: str, zipf: float = 3.0) -> bool:
    """An English word of everyday use ("months", "carefully", "reset")."""
    return zipf_frequency(word.lower(), "en") >= zipf


# Unknown capitalized words that all are this common make a team or a desk, not a person ("Sales Ops").
_NAME_EVERYDAY_ZIPF = 3.5


def _digits(value: str) -> int:
    return sum(c.isdigit() for c in value)


def person_span(value: str, *, strong: bool, in_form: bool) -> tuple[int, int] | None:
    """Where a person's name is in a cell or a form value ("Dr Jasmine Oduya (florist)" -> "Jasmine Oduya"),
    or None when the value is no name: a number, a placeholder, a common word, a lower-case word where only a
    capitalized name counts."""
    title = _TITLES.match(value)
    start = title.end() if title else 0
    if _LAST_FIRST.match(value, start):
        parts = _WORD.findall(value[start:].lower())
        return None if any(p in _NOT_NAME_WORDS for p in parts) else (start, len(value))
    match = _NAME.match(value, start)
    if match is None or not _NAME_TAIL.match(value, match.end()):
        return None
    if not in_form and match.end() < len(value) and not strong and value[match.end() :].strip()[:1] != "(":
        return None
    name = match.group().rstrip(".")
    tokens = name.split()
    lowered = [t.lower() for t in tokens]
    if name.lower() in EMPTY_CELL or any(t in _NOT_NAME_WORDS for t in lowered):
        return None
    from .names import PARTICLES, common_words, is_first_name, is_last_name

    capitalized = all(t[0].isupper() or t.lower() in PARTICLES for t in tokens) and tokens[0][0].isupper()
    known = any(is_first_name(t) or is_last_name(t) for t in tokens if t.lower() not in PARTICLES)
    if not capitalized:
        # "mark de vries" in a tenants sheet: lower case only under a strong header, never an everyday word.
        if in_form or not strong or (len(tokens) == 1 and lowered[0] in common_words()):
            return None
    elif not strong and len(tokens) == 1 and not known:
        return None  # "Redis | running": one unknown word under "Name"
    if not known and all(t in common_words() or _everyday(t, _NAME_EVERYDAY_ZIPF) for t in lowered):
        return None  # "Front Desk", "Head Office"
    return start, start + len(name)


def people_in_cell(value: str, *, strong: bool) -> list[tuple[int, int]]:
    """The people of a table cell: one name ("Whitfield, Jamal" too), or each of a list of names when every
    item is one ("Aisha Rahman, Bjorn Halvorsen & Carmen Ruiz")."""
    one = person_span(value, strong=strong, in_form=False)
    if one is not None and (one[1] == len(value) or not _LIST_SEPARATOR.match(value, one[1])):
        return [one]
    spans, start = [], 0
    for separator in [*_LIST_SEPARATOR.finditer(value), None]:
        end = separator.start() if separator is not None else len(value)
        if end > start:
            item = person_span(value[start:end], strong=strong, in_form=False)
            if item is None or (item[1] != end - start and value[start + item[1] : end].strip()[:1] != "("):
                return [one] if one is not None else []
            spans.append((start + item[0], start + item[1]))
        if separator is not None:
            start = separator.end()
    return spans or ([one] if one is not None else [])


def check_cell(entity: str, value: str, header: str = "") -> bool:
    """Whether `value` (stripped, not empty) can be a value of `entity` (every type but PERSON)."""
    if entity == "PHONE_NUMBER":
        return bool(_PHONE.match(value)) and 7 <= _digits(value) <= 15 and not _DATE_SHAPE.match(value)
    if entity == "EMAIL_ADDRESS":
        return bool(_EMAIL.match(value))
    if entity == "DATE_OF_BIRTH":
        return bool(_DATE_SHAPE.match(value))
    if entity in ("ACCOUNT_ID", "ORDER_ID"):
        if _digits(value) == 0:  # a booking code of capitals ("QX7HZP"), under a booking header only
            return (
                entity == "ORDER_ID" and bool(_BOOKING_CODE.match(value)) and _BOOKING_HEADER.search(header) is not None
            )
        if not _ID.match(value) or value.count(" ") > 3 or _DATE_SHAPE.match(value):
            return False
        if _MONEY.match(value) and not value.isdigit():
            return False  # "1,250", "12.50": an amount
        if not _ID_CORE.search(value) or any(_everyday(w) for w in _LOWER_WORD.findall(value)):
            return False  # "3 months old": a quantity, not a code
        return sum(c.isalnum() for c in value) >= 4
    if entity == "USERNAME":
        return (
            bool(_USERNAME.match(value))
            and value.lower().lstrip("@") not in _SYSTEM_USERS
            and _LETTER.search(value) is not None
            and not _DATE_SHAPE.match(value)
        )
    if entity == "PASSWORD":
        if header in ("pin", "pin_code", "passcode"):
            return bool(_PIN.match(value))
        return bool(_SECRET.match(value))
    if entity == "IP_ADDRESS":
        return bool(_IPV4.match(value) or _IPV6.match(value))
    if entity == "US_SSN":
        return bool(_SSN.match(value))
    if entity == "IBAN_CODE":
        return bool(_IBAN.match(value.upper()))
    return False


def cell_value(raw: str) -> tuple[int, int] | None:
    """The (start, end) of a cell's value inside `raw` (spaces, quotes, Markdown emphasis and backticks
    stripped), or None for an empty, placeholder or masked cell."""
    start, end = 0, len(raw)
    strip = " \t\"'`*_"
    while start < end and raw[start] in strip:
        start += 1
    while end > start and raw[end - 1] in strip:
        end -= 1
    value = raw[start:end]
    if not value or value.lower() in EMPTY_CELL or _MASKED.match(value):
        return None
    return start, end


# --- The recognizer ----------------------------------------------------------------------------------------

_PERSONAL = frozenset(
    ("EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "STREET_ADDRESS", "US_SSN", "IP_ADDRESS", "USERNAME")
)
# A form line: an optional bullet, a label of at most four words (maybe in bold), a separator, the value.
_FORM_LINE = regex.compile(
    r"""(?mx)
    ^[ \t>]*(?:[-*•·+][ \t]+|\d{1,2}[.)][ \t]+|\|[ \t]*)?(?:\*\*|__)?
    (?P<label>\p{L}[\p{L}'./#°º()]*(?:[ _\-][\p{L}'./#°º()]+){0,3})
    (?:\*\*|__)?[ \t]*(?::|\||=|[ \t][\-\u2013\u2014]|\t)(?:\*\*|__)?[ \t]*(?:\*\*|__)?
    (?P<value>[^\n]*?)[ \t]*\|?[ \t]*$
    """
)


# vCard (RFC 6350) properties and the entity of each of their ';'-separated components.
_VCARD_LINE = regex.compile(r"(?im)^[ \t]*(?P<prop>FN|N|TEL|EMAIL|ADR|BDAY|NICKNAME)(?:;[^:\n]*)?:(?P<value>[^\n\r]*)")
_VCARD_TYPES: dict[str, tuple[str, ...]] = {
    "FN": ("PERSON",),
    "N": ("PERSON", "PERSON", "PERSON"),
    "NICKNAME": ("PERSON",),
    "TEL": ("PHONE_NUMBER",),
    "EMAIL": ("EMAIL_ADDRESS",),
    "BDAY": ("DATE_OF_BIRTH",),
    # post office box, extended address, street, locality, region, postal code, country
    "ADR": ("", "STREET_ADDRESS", "STREET_ADDRESS", "LOCATION", "LOCATION", "ZIP_CODE", "LOCATION"),
}
_COMPACT_DATE = regex.compile(r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
# A quoted key and its quoted value, in JSON or a Python dict: "memberId": "W-2291 0043", 'phone': '0612345678'.
_QUOTED_PAIR = regex.compile(
    r"""(?P<q>["'])(?P<label>\p{L}[\w .\-]{0,38})(?P=q)[ \t]*:[ \t]*(?P=q)(?P<value>[^"'\n]{1,120})(?P=q)"""
)
# Form labels left to the cue recognizers (credentials.py, Presidio's e-mail pattern), and labels that are a
# chat log's speakers.
_NOT_IN_FORMS = frozenset(("PASSWORD", "EMAIL_ADDRESS"))
_SPEAKER_LABELS = frozenset(words("user customer client guest agent contact"))


def _known_name(name: str) -> bool:
    from .names import PARTICLES, is_first_name, is_last_name

    return any(is_first_name(t) or is_last_name(t) for t in name.split() if t.lower() not in PARTICLES)


class StructuredDataRecognizer(EntityRecognizer):
    """Cells of typed table columns (people, e-mails, phones, ids, usernames, secrets, birth dates, IPs) and
    values of typed form labels, in pasted structured text."""

    NAME: ClassVar[str] = "ChatStructuredDataRecognizer"
    SCORE: ClassVar[float] = 0.9  # the header says what the cell is: above spaCy's guesses
    WEAK_SCORE: ClassVar[float] = 0.85  # a name under a "Name" header
    FORM_SCORE: ClassVar[float] = 0.85
    ENTITIES: ClassVar[tuple[str, ...]] = (
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "DATE_OF_BIRTH",
        "ACCOUNT_ID",
        "ORDER_ID",
        "USERNAME",
        "PASSWORD",
        "IP_ADDRESS",
        "US_SSN",
        "IBAN_CODE",
        # Only from a vCard's ADR line (the place columns of tables are AddressColumnRecognizer's).
        "STREET_ADDRESS",
        "LOCATION",
        "ZIP_CODE",
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language=supported_language)

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Table cells under typed headers, then values after typed form labels."""
        if "\n" not in text:
            return []
        wanted = {e for e in entities if e in self.ENTITIES}
        headers: set[int] = set()
        results = self._tables(text, wanted, headers)
        results.extend(self._forms(text, wanted, headers))
        if "BEGIN:" in text.upper() and "VCARD" in text.upper():
            results.extend(self._vcards(text, wanted))
        return EntityRecognizer.remove_duplicates(results)

    def _tables(self, text: str, wanted: set[str], headers: set[int]) -> list[RecognizerResult]:
        """Typed cells of every table; the offsets of the header lines go to `headers`."""
        results: list[RecognizerResult] = []
        for table in read_tables(text):
            headers.add(table.offset)
            entities = {c.entity for c in table.columns.values()}
            about_things = any(h in _THING_HEADERS for h in table.headers)
            about_people = bool(entities & _PERSONAL)
            for index, column in table.columns.items():
                if column.entity not in wanted:
                    continue
                if column.entity == "PERSON" and not column.strong and about_things and not about_people:
                    continue  # "Name | Price | Qty": products
                header = table.headers[index]
                for offset, line, spans in table.rows:
                    start, end = spans[index]
                    found = cell_value(line[start:end])
                    if found is None:
                        continue
                    first, last = start + found[0], start + found[1]
                    value = line[first:last]
                    score = self.SCORE
                    if column.entity == "PERSON":
                        score = self.SCORE if column.strong else self.WEAK_SCORE
                        for name in people_in_cell(value, strong=column.strong or about_people):
                            results.append(
                                span_result(
                                    self,
                                    "PERSON",
                                    offset + first + name[0],
                                    offset + first + name[1],
                                    score,
                                    "table column",
                                )
                            )
                        continue
                    elif not check_cell(column.entity, value, header):
                        continue
                    results.append(
                        span_result(self, column.entity, offset + first, offset + last, score, "table column")
                    )
        return results

    def _vcards(self, text: str, wanted: set[str]) -> list[RecognizerResult]:
        """The properties of a pasted vCard (a phone's or a mail client's contact export)."""
        results = []
        for match in _VCARD_LINE.finditer(text):
            prop, start = match.group("prop").upper(), match.start("value")
            parts = match.group("value").split(";")
            types = _VCARD_TYPES.get(prop, ())
            for index, part in enumerate(parts):
                entity = types[index] if index < len(types) else ""
                found = cell_value(part) if entity in wanted else None
                if found is not None:
                    first, last = start + found[0], start + found[1]
                    value = text[first:last]
                    if entity == "PERSON":
                        name = person_span(value, strong=True, in_form=False)
                        ok = name is not None
                        if name is not None:
                            first, last = first + name[0], first + name[1]
                    elif entity == "PHONE_NUMBER" and value.lower().startswith("tel:"):
                        first += 4
                        ok = check_cell(entity, value[4:])
                    elif entity == "DATE_OF_BIRTH":
                        ok = bool(_DATE_SHAPE.match(value) or _COMPACT_DATE.match(value))
                    elif entity in ("STREET_ADDRESS", "LOCATION", "ZIP_CODE"):
                        ok = _LETTER.search(value) is not None or (entity == "ZIP_CODE" and _digits(value) >= 3)
                    else:
                        ok = check_cell(entity, value)
                    if ok:
                        results.append(span_result(self, entity, first, last, self.SCORE, "vCard property"))
                start += len(part) + 1
        return results

    def _forms(self, text: str, wanted: set[str], headers: set[int]) -> list[RecognizerResult]:
        """Form lines ("Label: value") but a table's header, then quoted key-value pairs of JSON or a dict
        ("memberId": "W-2291")."""
        results = []
        for match in _FORM_LINE.finditer(text):
            if text.rfind("\n", 0, match.start("label")) + 1 in headers:
                continue  # "Attendees | Date": a table's header
            found = self._labelled(match.group("label"), match.group("value"), match.start("value"), wanted)
            if found is not None:
                results.append(found)
        if '":' in text or "':" in text:
            for match in _QUOTED_PAIR.finditer(text):
                found = self._labelled(match.group("label"), match.group("value"), match.start("value"), wanted)
                if found is not None:
                    results.append(found)
        return results

    def _labelled(self, label_text: str, raw: str, offset: int, wanted: set[str]) -> RecognizerResult | None:
        """The finding of a labelled value, or None."""
        label = header_key(label_text)
        column = column_type(label_text)
        if column is None or column.entity not in wanted or column.entity in _NOT_IN_FORMS:
            return None
        if label in _SPEAKER_LABELS or not raw:
            return None  # "User: thanks", "Customer: ok": a chat log's speaker, not a form
        found = cell_value(raw)
        if found is None:
            return None
        first = offset + found[0]
        value = raw[found[0] : found[1]]
        last = first + len(value)
        if column.entity == "PERSON":
            if not column.strong:
                return None  # "Owner: the infra team"; "Name:" is ContextNameRecognizer's
            name = person_span(value, strong=True, in_form=True)
            if name is None or not _known_name(value[name[0] : name[1]]):
                return None
            first, last = first + name[0], first + name[1]
        else:
            value = value.rstrip(".,;")
            last = first + len(value)
            if not check_cell(column.entity, value, label):
                return None
            if column.entity == "USERNAME" and value.isalpha() and (_everyday(value) or value.istitle()):
                return None  # "Handle: carefully", "Login | Logout": a word, not a handle
        return span_result(self, column.entity, first, last, self.FORM_SCORE, "form label")
