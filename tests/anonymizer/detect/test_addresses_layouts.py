"""Street lines of any words, completed by a postcode-and-town line; more national street types and numbers."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from anonymizer.detect.recognizers import InternationalAddressRecognizer


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text",
    [
        # Any street line ending in a house number, then a postcode and a town (any case).
        "mala 86\n91390 buje",
        "Do Dubin 84\n728 03 Františkovy Lázně",
        "čiližská 693\n881 90 rozhanovce",
        # A type word and no number, then the postcode line; "S/N" (no number) in Portugal and Spain.
        "rue Rey\n7091 Wicht",
        "Rua Loureiro, S/N\n7909-378 Sines",
        # Type words after the name in lower case; lower-case Hungarian codes; "nr." before the number.
        "debreceni utca 35.\nh-5628 pilistamásiapáti",
        "žerjalova ulica 996\n3082 slovenska bistrica",
        "strada ababei nr. 474\ntuzla, 651313",
        "al. księżycowa 975\n39-255 piotrków trybunalski",
        "jalan ahmad yani no. 390\nbanjarbaru, kalimantan timur 82462",
        # A town with a lower-case word at the end of its line; an Australian unit/house number.
        "Kuhljeva cesta 8a\n5797 Novo mesto",
        "14/72 Bourke St\nFitzroy VIC 3065",
    ],
)
def test_street_line_with_a_postcode_and_town_line(text: str) -> None:
    assert found(InternationalAddressRecognizer(), f"ship it to {text}\nthanks") == [text]


@pytest.mark.parametrize(
    "text",
    [
        # Colombia and Argentina: a street named by a number, "#" or "N°" before the house number, units.
        "Cl. 197 # 3-43\nApto. 41\n199378\nCorinto, Cauca",
        "av. carrera 69 # 81-8 sur\napto. 6\n159624\ntota, boyacá",
        "Av. 6 N° 481 Dto. 7, Paraná 3100, Entre Ríos",
        # French type words before "de", in any case; South Asian house numbers; an Indian PIN after a dash.
        "boulevard de Mayor 87\n6432 Beurret",
        "avenue de Morand\n7122 Balmat",
        "H.No. 590, Acharya Zila, Jorhat-590139",
        "Holding No. 659, New OsmaniCenter, RaniKhali, Khagrachhari, 7617",
        "68, Devan Road\nJamalpur 656321",
        # Philippine block and lot; Russian settlement before the street, "д." before the number.
        "Block 03 Lot 31 Arnold Avenue, Meza Cove 7, Las Piñas, 0852 Metro Manila",
        "B02 L94 Mars Road, Calantas Subdivision, Villasis, 8821 Agusan del Norte",
        "с. Батайск, ш. Мирное, д. 1, 016613",  # noqa: RUF001
        "вулиця Рози вітрів, буд. 0 кв. 6, Кременець, 10156",
        # Brazil: the state after a slash; Italy: the province in brackets; Chile: "Of." (office).
        "Via Calebe Barbosa, 115\nCastelo\n01661318 Araújo Verde / AM",
        "sítio silva, 1\nvila antena montanhês\n78657975 da cruz da serra / rr",
        "vicolo sanguineti, 4 appartamento 91\n51028, limestre pistoiese (pt)",
        "Manuel Rodríguez 23 Of. 8488\nChiguayante, Región del Biobío",
    ],
)
def test_national_layouts(text: str) -> None:
    assert found(InternationalAddressRecognizer(), f"my address is {text}\nthanks pls") == [text]


def test_the_full_stop_and_chat_words_after_the_town_are_not_the_address() -> None:
    text = "I live at Av. 6 N° 481, Paraná 3100, Entre Ríos. send it to mala 86\n91390 buje pls"
    assert found(InternationalAddressRecognizer(), text) == [
        "Av. 6 N° 481, Paraná 3100, Entre Ríos",
        "mala 86\n91390 buje",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lower case, two building numbers, a street type, then unit, town, country and code lines.
        (
            "is 0538 15 millicent drive\nmuel\n, z\n 16518 ok?",
            "0538 15 millicent drive\nmuel\n, z\n 16518",
        ),
        (
            "I'm at 11 souterhead road gregersen prairie\n suite 445\n low street\n united kingdom 10543 right now",
            "11 souterhead road gregersen prairie\n suite 445\n low street\n united kingdom 10543",
        ),
        # A town after the unit on the same line; the prose after it is not the town.
        (
            "I'm at 03555 vicolo calcirelli 13 suite 694 valderice trapani right now",
            "03555 vicolo calcirelli 13 suite 694 valderice trapani",
        ),
        ("It's 41377 Schachterlweg 62 Apt. 501 POLSING next month", "41377 Schachterlweg 62 Apt. 501 POLSING"),
        ("it's 41377 schachterlweg 62 apt. 501 next month", "41377 schachterlweg 62 apt. 501"),
        # A street of unusual words after a house number, then a unit or a town after a comma.
        ("is 06111 μεγάλη άμμος 198 apt. 822 ok", "06111 μεγάλη άμμος 198 apt. 822"),
        ("333 golfskálinn 78, borgarnes is where I live", "333 golfskálinn 78, borgarnes"),
        # A unit word typed before the street's two numbers.
        ("Her house: apt. 675 62314 mellemvej 32\naalborg", "apt. 675 62314 mellemvej 32"),
        # A lower-case region code after a comma and a town, kept by the code after it.
        (
            "is 462 stubengraben 80 apt. 608\ndusino san michele, at 31295 within range?",
            "462 stubengraben 80 apt. 608\ndusino san michele, at 31295",
        ),
    ],
)
def test_lower_case_and_multi_line_walks(text: str, expected: str) -> None:
    assert expected in found(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "boulevard Chaudet 46\n4875 Balmat",  # a type word before a street the core found without it
        "boulevard béguelin\n9159 beuchat",
        "624 route Lepage\nBaie Dufresne, NU V2V3M2",
        "Alameda de Teixeira, 541\nSão Cristóvão\n25388-853 da Costa / TO",  # a town starting with "da"
        "Strohmayerweg 5, 2313 Gerasdorf bei Wien",
        "h.-dieter-faust-straße 18\n88871 grafenau",
        "Unit 21\n27 Isla Road\nRototanga 8546",  # the unit on the line before
        "Studio 51Q\nCharlotte Tunnel\nSouth Antony\nTQ51 7RD",  # a unit line, then lines up to a postcode
        "974 via roma 131\n apt. 425\n montafia\n italy 39767",  # everyday words, but a unit after the number
        "victoriaweg 8\n8559 lz\nsluiskil",  # a lower-case Dutch code
        "901 Rivonia Isitaladi, Centurion, 7016",  # no type word we know: a town and a code after it
        "Avenida Franco 624 Edif. 595 , Depto. 711\nSan Gabriela los bajos, YUC 12154-7280",
        "Lagoa de Moura, Santa Inês, 74911-862 Cassiano do Amparo / PA",  # the state after a slash
        "avenida 8 n° 2724 torre 4 dto. 3\nformosa 3600, formosa",
        "площа Проїзний 2-й, буд. 865, Мала Виска, 77750",  # an ordinal in the street name
        # Scripts without letter case: a house number and a name, then a town and a code.
        "01/815 कल्पना आहूजा\nअम्बाजी-613186",
        "משעול פארן 18, כפר יונה, 8301661",
    ],
)
def test_more_layouts(text: str) -> None:
    assert found(InternationalAddressRecognizer(), f"ship to {text}\nthx") == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 rue de rivoli 75001 paris", "5 rue de rivoli 75001 paris"),  # the number after the street: a postcode
        ("PSC 1234, Box 5678, APO AE 09123", "PSC 1234, Box 5678, APO AE 09123"),
        ("I'm at 12 Main St, 2nd floor, Springfield", "12 Main St, 2nd floor, Springfield"),
        ("went to 89 Queen's Road East, Wan Chai, Hong Kong instead", "89 Queen's Road East, Wan Chai, Hong Kong"),
    ],
)
def test_english_chat_layouts(text: str, expected: str) -> None:
    assert expected in found(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "河北省呼和浩特市永川孙路t座 923194",
        "兵庫県豊島区東大和町16丁目3番18号",
        "宮城県横浜市保土ケ谷区箭坪15丁目21番19号 日光シティ308",
        "128 阿里山縣廣慈路460號3樓",
        "대구광역시 서대문구 학동로 60 (도현이동)",
        "অ্যাপার্টমেন্ট ১৫, হোল্ডিং নং ২২, বেগমগ্রাম, বিরামগাঁও, পাবনা, ৮৭১২",
    ],
)
def test_east_asian_and_bengali_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), f"ship it to {text} pls") == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("change it to Katrina and Rúa do Paseo 46?", "Katrina and Rúa do Paseo 46"),
        ("validate the following? Cinzia and Hammarvägen 15", "Cinzia and Hammarvägen 15"),
        ("I met Tom and Jerry at Hauptstraße 12", "Hauptstraße 12"),
    ],
)
def test_intersections(text: str, expected: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == [expected]


def test_han_text_without_address_markers_is_not_an_address() -> None:
    assert found(InternationalAddressRecognizer(), "我有3个苹果和5个橙子") == []


def test_house_number_before_a_bare_street_needs_no_cue() -> None:
    assert found(InternationalAddressRecognizer(), "5049 Harjukuja 54") == ["5049 Harjukuja 54"]


@pytest.mark.parametrize(
    "text",
    [
        "Step 3\n12345 Done",
        "we need 250 units by june, 1000 pcs in total",
        "page 4\n1234 ab test",
        "room 12\n2000 people",
        "I ordered 12 pizzas at 7.50 each\n2024 Thanks",
        "version 10\n2000 Users",
        "2 Pixel 7\n1234 Phones",
        "rue Rey is nice",
        "it's 2 Office 365 licences",
        "we're 4 people arriving on the 12th at 7",
        "the meeting is on floor 3 of building 7",
        "I took Route 66 to get here",
        "see you on the 5th, room 12 of block 7",
        "my beacon 2 doorbell keeps disconnecting, error 404 when i open the settings page",
        "mastercard exp 11/28 cvv 412",
        "i bought 2 large pizzas 12 inch, thanks",
        "order 3 lamps 2 next week",
        "I have the iPhone 13 Pro, 256 GB, iOS 17.4.1",
        "we sold 12 Big Macs, 2000 Euros total",
        "error 404 Not Found, 500 Server Error",
        # Product, game and film names with numbers, in lists with a year or a total after them.
        "Vitamin D 1000 IU, Omega 3 500 mg",
        "PlayStation 5, Xbox 360, Nintendo 64",
        "Quantity 3, Unit Price 1299, Total 3897",
        "Call of Duty 4, Halo 3\n2007 Games",
        "Rocky 2, Rocky 3, Rocky 4\n1985 Stallone",
        "Batch 7781, Lot 45, Expiry 2026",
        "the Boeing 737 Max 8, United Airlines",
        "we had 3 Coffees, 2 Teas\n1500 Calories total",
        "Top 10 Songs, Billboard 2023",
        "Windows 10 Pro, Build 19045\nVersion 22H2",
        "Flat 3,\nthanks a lot",
    ],
)
def test_numbers_and_lines_that_are_not_addresses(text: str) -> None:
    assert found(InternationalAddressRecognizer(), text) == []
