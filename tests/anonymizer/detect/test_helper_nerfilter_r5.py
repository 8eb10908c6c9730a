"""Words of the message's own language, products, venues, pets and nationality adjectives are not names; real
names in those languages still are. Sentences written for these tests (not from any eval set)."""

from __future__ import annotations

import pytest

from anonymizer.detect.recognizers.ner_filter import (
    is_not_a_person,
    is_not_pii_ner_span,
    trim_ner_span,
    words_of_the_message_language,
)


def _at(text: str, span: str) -> tuple[int, int]:
    start = text.index(span)
    return start, start + len(span)


# Everyday words of the message's language, typed where the English model sees a name.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        # Vietnamese
        ("chào em, mình cần đổi địa chỉ giao hàng cho đơn này", "mình"),
        ("chào em, mình cần đổi địa chỉ giao hàng cho đơn này", "chào em"),
        ("Xin lỗi vì sự chậm trễ, bên em sẽ gửi lại hàng ngay", "Xin"),
        ("Tiền hoàn lại sẽ về tài khoản trong vòng 5 ngày nhé", "Tiền"),
        ("Dạ được ạ. Bạn cho mình xin số điện thoại nhé", "Bạn"),
        # Tagalog / Taglish
        ("Minsan hindi gumagana yung app ko pag gabi", "Minsan"),
        ("Walang problema po, ayusin ko na lang bukas", "Walang"),
        ("sige po, ako na lang ang tatawag sa kanila mamaya", "ako na"),
        # Dutch
        ("Dank je wel. Ik wacht nog steeds op de bevestiging van mijn bestelling", "Dank"),
        ("Graag gedaan, dan stuur ik het formulier vandaag nog op naar jullie", "Graag"),
        ("Voor de zorgtoeslag moet ik nog een formulier invullen, klopt dat?", "Voor de zorgtoeslag"),
        # German
        ("Mir wurde gestern zweimal der gleiche Betrag abgebucht, bitte prüfen", "Mir"),
        ("Die neue Rechnung ist leider auch falsch, können Sie das korrigieren?", "Die neue Rechnung"),
        # Indonesian
        ("Ada yang bisa saya bantu hari ini? Silakan kirim nomor pesanan", "Ada"),
        ("Terima kasih sudah menunggu, pesanan anda sedang dikirim", "Terima"),
        # Polish, Italian, Romanian
        ("Dzień dobry, chciałbym zmienić adres dostawy, bardzo proszę o pomoc", "Dzień"),
        ("Grazie mille, ho ricevuto il pacco ma manca una parte", "Grazie"),
        ("Mulțumesc pentru răspuns, aștept factura nouă pentru comanda mea", "Mulțumesc"),
        # Hindi in Latin letters, Arabizi
        ("Haan bhai, order aaj shaam tak pahunch jayega", "Haan"),
        ("Aur haan, bill ki copy bhi bhej dena please", "Aur"),
        ("ana msh fahem leh el bill keda, howa kan 200 bas", "howa"),
        ("mashi ya basha shokran 3ala el help", "ya basha"),
    ],
)
def test_words_of_the_message_language_are_not_names(text: str, span: str) -> None:
    start, end = _at(text, span)
    assert words_of_the_message_language(text, start, end)
    assert is_not_a_person(text, start, end)
    assert is_not_pii_ner_span(text, start, end, "PERSON")


# Names in those languages, and capitalized everyday words in English messages, stay.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Chào anh Tuấn, em gửi lại hoá đơn cho anh nhé", "Tuấn"),
        ("Hợp đồng đứng tên Lê Thị Mai Anh, đúng không ạ?", "Lê Thị Mai Anh"),
        ("em là Trần Văn Long bên chăm sóc khách hàng ạ", "Trần Văn Long"),
        ("Goedemiddag, mevrouw De Vries belt u morgen terug over de factuur", "De Vries"),
        ("kausap ko si Jerome Dizon-Cruz kahapon tungkol sa bill", "Jerome Dizon-Cruz"),
        ("Terima kasih banyak, Bu Wulan, nanti saya kabari lagi", "Wulan"),
        ("Rosa dijo que el paquete llega mañana por la tarde", "Rosa"),
        ("Juan dijo que el paquete llega mañana por la tarde", "Juan"),
        ("Pierre a appelé hier pour la facture, merci de le rappeler", "Pierre"),
        ("Jean m'a dit que la livraison est prévue pour demain matin", "Jean"),
        ("Vivo en Sevilla desde hace dos años con mi hermana", "Sevilla"),
        ("Grazie, Giulia Ferri, le rispondo entro domani", "Giulia Ferri"),
        ("claim 5512 for insured nguyễn văn hùng, car stolen outside the office", "nguyễn văn hùng"),
        ("Will you send me the form again? Thanks, Will", "Will"),
        ("Ada called yesterday about the refund", "Ada"),
    ],
)
def test_names_in_those_languages_stay(text: str, span: str) -> None:
    start, end = _at(text, span)
    assert not words_of_the_message_language(text, start, end)
    assert not is_not_a_person(text, start, end)


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Tiền sẽ chuyển vào tài khoản của chị Lan trong hôm nay nhé", "tài khoản của chị Lan", "Lan"),
        ("Haan theek hai, Sunil bhai ko bata dena kal tak", "Sunil bhai ko bata", "Sunil"),
        ("Goedemiddag, het pakket van mevrouw Jansen is gisteren bezorgd", "mevrouw Jansen", "Jansen"),
        ("I met Carla Mendes at the gym", "Carla Mendes", "Carla Mendes"),
    ],
)
def test_spans_lose_the_words_of_the_language(text: str, span: str, name: str) -> None:
    start, end = trim_ner_span(text, *_at(text, span))
    assert text[start:end] == name


# Products, hotels, stations, firms.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Your basket: 3x Nimbus Kettle, 1x Harper Toaster (Steel)", "Nimbus Kettle"),
        ("Your basket: 3x Nimbus Kettle, 1x Harper Toaster (Steel)", "Harper Toaster"),
        ("Please return the Harper Toaster x2 from order 5531", "Harper Toaster"),
        ("I also got an email from BrightWave about the upgrade", "BrightWave"),
        ("We're booked at the Novotel Brisbane, room 1204", "Novotel Brisbane"),
        ("Arrivals: Mei and Tom Lin: Mercure Leeds, room 33", "Mercure Leeds"),
        ("I'll meet you at Gatwick at 9, the train is delayed", "Gatwick"),
        ("Can you ask Priya at Corvalis about the invoice?", "Corvalis"),
        ("She was a senior analyst at Whitlow-Brennan until last year", "Whitlow-Brennan"),
        ("Book an appointment at TLS Manchester for the visa", "TLS Manchester"),
    ],
)
def test_products_venues_and_firms_are_not_people(text: str, span: str) -> None:
    assert is_not_a_person(text, *_at(text, span))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Please send it to Harper Collins at the front desk", "Harper Collins"),
        ("I'll be at Maria's place tonight", "Maria"),
        ("She met Oksana Petrenko at the airport", "Oksana Petrenko"),
        ("The parcel is for Dmitri, flat 2", "Dmitri"),
        ("my neighbour DeShawn McDonald signed for it", "DeShawn McDonald"),
    ],
)
def test_people_near_those_cues_stay(text: str, span: str) -> None:
    assert not is_not_a_person(text, *_at(text, span))


# Pets in any language.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("mình muốn mua bảo hiểm cho chó, bé Xíu 3 tuổi", "Xíu"),
        ("mi perrito Tofu tiene una cita el lunes", "Tofu"),
        ("unser Kater Flocke frisst seit gestern nichts", "Flocke"),
        ("yes Pipkin is doing better, the vet says two more weeks", "Pipkin"),
    ],
)
def test_pets_are_not_people(text: str, span: str) -> None:
    assert is_not_a_person(text, *_at(text, span))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mrs Okafor, I've got your dog Biscuit booked in for Tuesday", "Okafor"),
        ("The vet appointment is with Dr Halvorsen at 3pm", "Halvorsen"),
        ("Can Thabo walk the dog tomorrow?", "Thabo"),
    ],
)
def test_people_in_messages_about_pets_stay(text: str, span: str) -> None:
    assert not is_not_a_person(text, *_at(text, span))


# A nationality describing a thing is not a person's group.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Can I add a Mexican number to the account as a backup?", "Mexican"),
        ("It still shows the Canadian one, not my new number", "Canadian"),
        ("I'd rather pay with my German card if that's OK", "German"),
        ("Do you accept a Nigerian passport for the check?", "Nigerian"),
        ("I only have a Spanish bank account right now", "Spanish"),
    ],
)
def test_nationality_of_a_thing_is_not_nrp(text: str, span: str) -> None:
    assert is_not_pii_ner_span(text, *_at(text, span), "NRP")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("My husband is Mexican and we both travel a lot", "Mexican"),
        ("As a Nigerian living abroad I need the form in English", "Nigerian"),
    ],
)
def test_nationality_of_a_person_stays_nrp(text: str, span: str) -> None:
    assert not is_not_pii_ner_span(text, *_at(text, span), "NRP")


@pytest.mark.parametrize(
    ("text", "span", "firm"),
    [
        ("Can we get Trentmoor and Hollis Logistics audited this month?", "Trentmoor", True),
        ("Hollis Logistics and Trentmoor both sent their certificates", "Trentmoor", True),
        ("Can we get Maria and Hollis Logistics on the call?", "Maria", False),
        ("Tell Anna and Bob Smith the date", "Anna", False),
    ],
)
def test_one_of_a_list_of_firms(text: str, span: str, firm: bool) -> None:
    assert is_not_a_person(text, *_at(text, span)) is firm


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("ok pay with this one. mastercard 5500 0000 0000 0004 exp 11/27", "mastercard", True),
        ("acct 55120931 is the old one", "acct", True),
        ("hi its mark 07700 900123 call me", "mark", False),
        ("Visa Okonjo 0803 555 0199", "Visa Okonjo", False),
    ],
)
def test_lower_case_label_of_a_number(text: str, span: str, label: bool) -> None:
    assert is_not_a_person(text, *_at(text, span)) is label


@pytest.mark.parametrize(
    ("text", "span", "dropped"),
    [
        ("sorry po, ako pala si Jerome, yung may account", "ako pala", True),
        ("halo kak, saya dengan ibu Ratna dari bagian tagihan", "saya dengan", True),
        ("halo kak, saya dengan ibu Ratna dari bagian tagihan", "Ratna", False),
        ("please ask john dr Patel's office", "john", False),
    ],
)
def test_words_before_a_name_marker(text: str, span: str, dropped: bool) -> None:
    assert is_not_a_person(text, *_at(text, span)) is dropped
