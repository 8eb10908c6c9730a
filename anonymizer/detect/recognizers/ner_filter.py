"""Which of spaCy's PERSON / LOCATION / NRP guesses are not PII: company and product names, chat slang.

The small NER model reads any Title Case pair as a person or a place ("Acme Outfitters", "Northwind Mobile")
and an odd lower-case pair as a name ("lol ok"). Rather than list a deployment's brands (the policy's allow
list does that), this looks at the shape of the span: an organisation word at its end, or only lower-case
words none of which is a known name.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ._base import words
from .fold import english_zipf, fast_zipf, fold
from .names import LEADING_NOT_NAME, PARTICLES, _word_file, foreign_everyday, is_first_name, is_last_name
from .nrp import NRP_WORDS as _NRP_WORDS

# Words that end company, shop and product names; a person's or a city's name does not end in them.
ORGANISATION_WORDS = frozenset(
    words(
        """
        inc llc ltd co corp corporation company companies plc gmbh ag sa bv pty limited group holdings
        partners industries ventures capital financial bank banking insurance assurance mutual credit
        outfitters apparel clothing fashion footwear goods supply supplies store stores shop shops mart market
        markets outlet outlets boutique emporium depot warehouse wholesale retail trading traders
        mobile wireless telecom telecoms broadband cable networks network communications comms
        electronics electric technologies technology tech labs lab software systems solutions services
        digital online cloud media studios studio games gaming entertainment productions publishing press
        airlines airways air rail railways motors automotive auto logistics shipping freight express courier
        foods food kitchen kitchens bakery coffee pharma pharmacy health healthcare clinic medical dental
        fitness gym energy power utilities water gas hotels hotel resorts resort travel tours
        home homes living furniture interiors garden gardens hardware tools appliances
        plus pro premium unlimited basic prime support helpdesk team app apps
        """
    )
)

# Words that, right after a name, make it a business: "Evergreen Life", "Hillcrest Home Loans", "Burrito Bros".
BUSINESS_WORDS = ORGANISATION_WORDS | frozenset(
    words(
        """
        life loans loan lending mortgage mortgages pediatrics paediatrics dental dentistry health medical
        management property properties realty realtors union centre center cruises cruise candles fibre fiber
        clinic clinics pharmacy insurance bank banco banque credit capital partners law legal consulting
        solutions apps ab as oy gmbh srl spa bv nv pty bros brothers sons associates pizzeria pizza sushi
        bistro deli burger burgers tacos taqueria noodle noodles ramen bbq steakhouse trattoria brasserie
        kitchen garden gardens cafe coffee bakery florist salon spa motors rentals water energy telecom
        airways cruises logistics couriers utilities council county aid
        plumbing plumbers electrical electricians roofing roofers builders construction landscaping cleaning
        cleaners removals movers painting painters decorators decorating joinery carpentry ceramics pottery
        textiles designs interiors repairs garage towing catering caterers florists photography printing
        farmacia farmacias farmácia logistica logística transportes servicios serviços seguros clinica clínica
        tienda supermercado inmobiliaria abogados apotheke praxis versicherung immobilien pharmacie assurances
        immobilier notaire apteka ubezpieczenia kancelaria
        """
    )
)

# Business words that are never a surname: a restaurant, whatever name is in front ("Sakura Sushi").
_FOOD_WORDS = frozenset(
    words(
        "pizzeria pizza sushi bistro deli burger burgers tacos taqueria noodle noodles ramen bbq steakhouse trattoria"
    )
)

# Chat shorthand the model mistakes for a name or a place ("lol ok", "kinda").
CHAT_SLANG = frozenset(
    words(
        """
        lol lmao lmfao rofl omg omfg wtf idk idc imo imho tbh tbf btw fyi brb afk ttyl np nvm smh ikr jk yeh yea
        kinda sorta gonna wanna gotta dunno lemme gimme ya yah yeah yep yup nope nah ok okay kk k pls plz thx
        ty tysm ur u r cuz coz bc rn asap hmm hm umm um uh ugh meh yay woah whoa wow
        namaste namaskar hola ola oi ciao aloha salaam salam shalom bonjour salut merhaba selam hallo servus
        moin ahoj czesc cześć jambo habari sawubona konnichiwa annyeong annyeonghaseyo xin chao nihao
        """
    )
)

_LEADING_WORD = regex.compile(r"([\w'\u2019.]+)[ \t,!:]+")
_LEADING_SYMBOLS = regex.compile(r"[\p{So}\p{Sk}\p{Cf} \t]+")

_NER_TYPES = frozenset({"PERSON", "LOCATION", "NRP"})


# A determiner right before a single word makes it a thing: "the Pulse charger", "my Mastercard".
_DETERMINER = regex.compile(r"(?:^|\W)(?:the|my|your|our|their|his|her|a|an|this|that|new|old)\s+$", regex.IGNORECASE)


_CODE_IDENTIFIER = regex.compile(r"\w_\w|^[a-z]\w*\.[a-z_]\w*$")
_POSSESSIVE_BEFORE = regex.compile(r"(?:^|\W)(?:my|your|our|their|his|her)\s+$", regex.IGNORECASE)


def trim_ner_span(text: str, start: int, end: int) -> tuple[int, int]:
    """spaCy's span without the greeting, pronoun or title in front and without what follows a line break.

    "I'm Andre" is the name "Andre" (else conversation awareness would look for "I'm" in every turn);
    "Mr Okonkwo" is "Okonkwo"; "Ingrid Holm\nData Protection Officer" is "Ingrid Holm", 'tracy:"i'm' is
    "tracy". An empty result (start == end) means nothing of a name was left.
    """
    cut = _NOT_IN_A_NAME.search(text, start, end)  # 'tracy:"i'm', "Ingrid Holm\nData Protection Officer"
    if cut is not None and cut.start() > start:
        end = start + len(text[start : cut.start()].rstrip())
    while start < end:
        symbols = _LEADING_SYMBOLS.match(text, start, end)  # "👋 Soy Farmi": the emoji, then the cue word
        if symbols is not None:
            start = symbols.end()
        match = _LEADING_WORD.match(text, start, end)
        if match is None or match.group(1).lower() not in LEADING_NOT_NAME:
            break
        start = match.end()
    # "Declan Byrne 087 555 3204", "Hauwa Musa 02/09/1979": the number after a name is not part of it.
    trailing = _TRAILING_NUMBER.search(text, start, end)
    if trailing is not None and trailing.start() > start:
        end = trailing.start()
    start, end = _trim_message_language(text, start, end)
    # "Juan de": a lower-case particle ends a surname only when the surname follows it; "Georgia said": a
    # capitalized name does not end in a lower-case everyday word.
    while (space := text.rfind(" ", start, end)) > start:
        last = text[space + 1 : end]
        if last in PARTICLES or (last.islower() and last in _TRAILING_WORDS and not text[start:space].islower()):
            end = len(text[:space].rstrip())
        else:
            break
    return start, end


_DIGIT = regex.compile(r"\d")
_POSSESSIVE_END = regex.compile(r"['\u2019]s$")
_WORD_AFTER = regex.compile(r"[ \t]+[^\W\d_]")
_PLACE_ACRONYMS = frozenset(words("US USA UK UAE DC NYC LA SF EU PRC ROC DRC KSA NZ"))
_NOT_IN_A_NAME = regex.compile(r"[\n:\"\u201c\u201d()\[\]{}<>|=]")
_TRAILING_NUMBER = regex.compile(r"(?:[ \t,]+[\d/.\-()+]*\d[\d/.\-()+]*)+[ \t.,]*$")
_ACRONYM = regex.compile(r"^(?:\p{Lu}\.?){2,5}$")


def is_not_pii_ner_span(text: str, start: int, end: int, entity_type: str) -> bool:
    """Whether spaCy's finding of `entity_type` over `text[start:end]` is a company/product name or slang."""
    if entity_type not in _NER_TYPES:
        return False
    span = text[start:end]
    tokens = [t.strip(".,;:!?'\"()") for t in span.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return True
    lower = [t.lower() for t in tokens]
    # In a phrase, a lower-case word that another language uses daily ("para transferencias", "el importe")
    # is not evidence of a name even where some name list has it; a capitalized one is ("Rosa Delgado").
    phrase = len(tokens) > 1
    known = [
        (is_first_name(t) or is_last_name(t)) and not (phrase and raw.islower() and foreign_everyday(t))
        for raw, t in zip(tokens, lower, strict=True)
    ]
    # "lol ok 🙏", "brb 😡": chat shorthand, emoji aside.
    if all(t in CHAT_SLANG for t in lower if any(c.isalpha() for c in t)):
        return True
    # "coach C.": a name, a place or a group has two letters at least.
    if sum(c.isalpha() for c in span) < 2:
        return True
    # "Traveller: Erin Hahn": an English word before a colon is a form's label, unless it is a first name.
    if (
        entity_type == "PERSON"
        and len(tokens) == 1
        and text.startswith(":", end)
        and english_zipf(lower[0]) >= _LABEL_ZIPF
        and not is_first_name(lower[0])
    ):
        return True
    # "14 Jun", "SORRY5", "después de 30", "NZ$200", "E.164": names, places and groups have no digits.
    if _DIGIT.search(span) or _CURRENCY.search(span):
        return True
    # "MyVeltro", "myMethod", "GraphQL", "iPhone": a capital inside a word is a product or code, except
    # after the prefixes of names ("McDonald", "DeShawn", "LaToya", "DiCaprio", "O'Neil").
    if any(_CAMEL.search(t) and not _NAME_PREFIX.match(t) for t in tokens):
        return True
    # "they're all US": a country's letters are not a person; "Thu", "Fri": a weekday.
    if entity_type == "PERSON" and (span in _PLACE_ACRONYMS or (len(tokens) == 1 and lower[0] in _WEEKDAY_SHORT)):
        return True
    # "Ho mandato una mail", "soy su hija", "english mein likho", "haan": the function words of the
    # language the message is in, which some name list also holds.
    # A town's name inside a sentence stays ("Vivo en Madrid"); "haan" or a sentence's "Aur" does not.
    town = span[:1].isupper() and not _starts_a_sentence(text, start) and _is_known_place(span)
    if (not town and _function_words_of_the_message(text, lower)) or words_of_the_message_language(text, start, end):
        return True
    # "english mein likho", "taught Theo some Tagalog": a language spoken, not a person's group.
    if entity_type == "NRP" and len(tokens) == 1 and _language_use(text, start, end):
        return True
    # "JSON", "B.S.", "SQL": a short acronym no list knows is a term, not a person (nor, dotted, a place).
    acronym = len(tokens) == 1 and _ACRONYM.match(tokens[0]) is not None and not known[0]
    dotted_term = "." in span and not (
        _is_known_place(span.replace(".", "")) or span.replace(".", "") in _PLACE_ACRONYMS
    )
    if acronym and (entity_type == "PERSON" or (entity_type == "LOCATION" and dotted_term)):
        return True
    # "Trader Joe's #552", "(Macy's)": a possessive with nothing after it names a shop; "Joe's phone" does not.
    if entity_type == "PERSON" and _POSSESSIVE_END.search(span) and not _WORD_AFTER.match(text, end):
        return True
    # "📱", "o.customer_id": no letters at all, or a code identifier (a dot or underscore inside a word).
    if not any(c.isalpha() for c in span) or any(_CODE_IDENTIFIER.search(t) for t in tokens):
        return True
    if names_a_company(text, start, end) or _business_follows(text, end):
        return True
    # "I used to work for Transparagov", "a pharmacist at Medplus": an employer no list knows as a place.
    if entity_type in ("PERSON", "LOCATION") and _names_an_employer(text, start, end):
        return True
    # "Barnett, Melton and Garcia", "Jones, Mitchell and Williams": a firm named after its partners.
    if entity_type in ("PERSON", "LOCATION") and len(tokens) == 1 and _in_a_firm_name(text, start, end):
        return True
    # "Guten Tag", "Buenas", "Zlecenie", "Statistics", "Python": everyday words of English or another common
    # language, none of them a known name, and not the name of a town, region or country.
    foreign_or_everyday = all(everyday_anywhere(t) for t in lower)
    if entity_type in ("PERSON", "LOCATION") and not any(known) and foreign_or_everyday and not _is_known_place(span):
        return True
    # "Acme Outfitters", "Northwind Mobile": an organisation word ends it and no name starts it (a place
    # may start with one: "Jade Garden").
    if len(tokens) > 1 and lower[-1] in ORGANISATION_WORDS and (entity_type != "PERSON" or not is_first_name(lower[0])):
        return True
    if (
        entity_type == "PERSON"
        and len(tokens) == 1
        and not known[0]
        and _DETERMINER.search(text, max(0, start - 12), start) is not None
    ):
        return True
    # "The Terra fits true to size", "a Jasper desk": an article before one word makes it a thing, even a
    # word that is someone's first name somewhere.
    # "the John guy" stays a person.
    if (
        entity_type == "PERSON"
        and len(tokens) == 1
        and _ARTICLE.search(text, max(0, start - 8), start) is not None
        and _PERSON_NOUN_AFTER.match(text, end) is None
    ):
        return True
    # "Vegetarian (VGML)", "a Dutch oven", "the English keyboard layout": a diet, or a kind of thing.
    if entity_type == "NRP" and (
        all(t in _DIETS for t in lower) or (_THING_AFTER.match(text, end) is not None and len(tokens) == 1)
    ):
        return True
    # "stayed at the Grand Meridian Kyoto", "my reservation at the Harbourline", "the Burnet Road location": a
    # "the" before a name that is not a country's, a region's or a town's makes it a venue or a landmark.
    if (
        entity_type == "LOCATION"
        and (lower[0] == "the" or _THE_BEFORE.search(text, max(0, start - 5), start))
        and not _is_known_place(span)
        and not _is_known_place(" ".join(tokens[1:] if lower[0] == "the" else tokens))
    ):
        return True
    # "the Denver Broncos", "Dunmore Road", "Times Square", "before Diwali", "a UK Standard Visitor visa", "the
    # decision-making centre in Sheffield": a team, a street, a landmark, a holiday, a kind of thing, a firm's site.
    if entity_type == "LOCATION" and not_where_someone_is(text, start, end):
        return True
    # "to your Mastercard ending 5520", "my Telstra account": a thing someone has is not a place or a group.
    if (
        entity_type in ("LOCATION", "NRP")
        and len(tokens) == 1
        and _POSSESSIVE_BEFORE.search(text, max(0, start - 8), start) is not None
        and not _is_known_place(span)
    ):
        return True
    if entity_type != "PERSON":
        return False
    # "Sakura Sushi", "Jade Garden", "Golden Lotus Kitchen": a business word ends it.
    # A first name before it keeps it ("James Home"), unless the last word names food ("Sakura Sushi").
    if len(tokens) > 1 and lower[-1] in BUSINESS_WORDS and (not is_first_name(lower[0]) or lower[-1] in _FOOD_WORDS):
        return True
    # "keps disconnecting": spaCy's lower-case guesses with no known name in them; lower-case names are
    # found by the chat recognizers, which check their words against name lists. "orchestra" is in a
    # surname list somewhere, but it is an everyday word first.
    if all(t.islower() for t in tokens) and (
        not any(known) or all(english_zipf(t) >= _EVERYDAY_ZIPF and not is_first_name(t) for t in lower)
    ):
        return True
    # "ich bin müde", "jestem zmęczony": mostly everyday words of some language, and no first name.
    if (
        phrase
        and all(t.islower() for t in tokens)
        and 2 * sum(everyday_anywhere(t) for t in lower) >= len(lower)
        and not any(is_first_name(_POSSESSIVE_END.sub("", t)) for t in lower)
    ):
        return True
    # "Davis Orchestra", "Hall Band": a group or building word ends it; no person's name does.
    if len(tokens) > 1 and lower[-1] in _GROUP_ENDINGS:
        return True
    # "Guilty Pleasures", "Battery Park": only everyday words, none of them a name.
    return all(english_zipf(t) >= _EVERYDAY_ZIPF for t in lower) and not any(known)


_EMPLOYER_BEFORE = regex.compile(
    r"(?i)\b(?:work(?:s|ed|ing)?|employed|job|position|intern(?:ed|ing|ship)?|engineer|developer|manager"
    r"|analyst|pharmacist|nurse|consultant|scientist|assistant|spent\s+(?:a|one|two|\d+)\s+years?)"
    r"(?:\s+as\s+an?\s+[\w\- ]{1,30}?)?\s+(?:at|for|with|by)\s+$"
)
_FIRM_BEFORE = regex.compile(
    r"(?i)\b(?:at|contacting|joined|left|colleague\s+at|from\s+the\s+firm|firm(?:\s+of)?|agency|partners\s+at)\s+$"
)
_FIRM = regex.compile(r"(\p{Lu}[\p{L}'\-]+),[ ](\p{Lu}[\p{L}'\-]+),?[ ](?:and|&)[ ](\p{Lu}[\p{L}'\-]+)")


def _names_an_employer(text: str, start: int, end: int) -> bool:
    """ "I used to work for Transparagov", "a pharmacist at Medplus": no first name, no known place."""
    span = text[start:end]
    if any(is_first_name(t.strip(".,'\"")) for t in span.split()) or _is_known_place(span):
        return False
    return _EMPLOYER_BEFORE.search(text, max(0, start - 48), start) is not None


def _in_a_firm_name(text: str, start: int, end: int) -> bool:
    """One of three surnames joined as "A, B and C" (a law firm, an agency); three first names are people."""
    for match in _FIRM.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() <= start and end <= match.end():
            names = [match.group(i) for i in (1, 2, 3)]
            if all(is_last_name(n) for n in names) and not all(is_first_name(n) for n in names):
                return True
            return _firm_where_a_business_stands(text, match)
    return False


def _firm_where_a_business_stands(text: str, match: regex.Match[str]) -> bool:
    """ "a colleague at Macias, Carter and Nelson", "Thank you for contacting Lutz, Wise and Cruz": where a
    business stands, three names are a firm even when all are first names somewhere."""
    before = text[max(0, match.start() - 48) : match.start()]
    return (
        _EMPLOYER_BEFORE.search(before) is not None
        or _FIRM_BEFORE.search(before) is not None
        or _business_follows(text, match.end())
    )


def in_a_firm_by_context(text: str, start: int, end: int) -> bool:
    """One of the names of a firm "A, B and C" that stands where a business does."""
    for match in _FIRM.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() <= start and end <= match.end():
            return _firm_where_a_business_stands(text, match)
    return False


# An English word at least this common (Zipf scale) is read as a word, not a name, when no list knows it.
_EVERYDAY_ZIPF = 3.5
_GROUP_ENDINGS = frozenset(
    words(
        """
        orchestra band choir ensemble quartet trio club society association foundation council committee
        university college school academy institute museum gallery hospital church cathedral stadium arena
        theatre theater cinema restaurant cafe pub grill diner
        """
    )
)


@cache
def _folded_countries() -> frozenset[str]:
    return frozenset(fold(name) for name in _word_file("countries.txt") | _word_file("regions.txt"))


# "Southern Switzerland", "Greater London", "North-East England": a part of a known place.
_REGION_PREFIX = regex.compile(
    r"^(?:the )?(?:(?:north|south|east|west)(?:ern)?(?:[ \-](?:east|west)(?:ern)?)?|central|upper|lower|greater"
    r"|inner|outer|mid|rural|coastal|metro|downtown|uptown) "
)


def _is_known_place(span: str) -> bool:
    key = fold(span.strip(".,;:!?'\"() "))
    key = key[4:] if key.startswith("the ") else key  # "the United States"
    if key in _word_file("cities.txt") or key in _folded_countries() or f"the {key}" in _word_file("cities.txt"):
        return True  # "Hague" of "the Hague"
    if "." in key and key.replace(".", "") in _folded_countries():
        return True  # "U.K.", "U.S.A."
    prefix = _REGION_PREFIX.match(key)
    return prefix is not None and _is_known_place(key[prefix.end() :])


# Languages whose everyday words the small English model most often mistakes for names in chats.
_OTHER_LANGUAGES = ("es", "de", "fr", "pt", "it", "nl", "pl", "sv", "tr", "id", "vi")


@lru_cache(maxsize=65536)
def everyday_anywhere(word: str) -> bool:
    """An everyday word of English or of a common chat language (Zipf >= 3.5 in wordfreq's lists)."""
    if english_zipf(word) >= _EVERYDAY_ZIPF:
        return True
    return any(fast_zipf(word, lang, "small") >= _EVERYDAY_ZIPF for lang in _OTHER_LANGUAGES)


# "Hi, I'm Ahmed from Vaultbox", "Welcome to Jio-Link support", "your DoorBite helper": the company speaking.
_COMPANY_BEFORE = regex.compile(
    r"(?i)(?:(?:i['\u2019]?m|i\s+am|this\s+is|my\s+name\s+is|it['\u2019]?s)\s+(?-i:\p{Lu})[\w'\u2019\-]*,?\s+"
    r"(?:here\s+)?(?:from|at|with)"
    r"|(?:^|[.!?]\s+|\b(?:hi|hello|hey|hiya)[!,.]?\s+)(?!i\b|i['\u2019]|we\b)(?-i:\p{Lu})[\w'\u2019\-]*\s+(?:here\s+)?from"
    r"|welcome\s+(?:back\s+)?to|thank\s+you\s+for\s+(?:contacting|choosing|calling)"
    r"|thanks\s+for\s+(?:contacting|choosing|calling))\s+(?:the\s+)?$"
)
_COMPANY_AFTER = regex.compile(
    r"(?i)^['\u2019]?s?\s+(?:support|team|helper|assistant|bot|customer\s+(?:care|service|support)|care|service"
    r"|services|app|account|order|orders|rewards|membership|delivery|help\s*desk)\b"
)
_YOUR_BEFORE = regex.compile(r"(?i)\b(?:your|our)\s+$")


def names_a_company(text: str, start: int, end: int) -> bool:
    """A guess standing where the company that is speaking is named, not a person or a place."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 30]
    if _COMPANY_BEFORE.search(before):
        return True
    return bool(_YOUR_BEFORE.search(before) or _COMPANY_BEFORE.search(before)) and bool(_COMPANY_AFTER.match(after))


def ner_entity_type(text: str, start: int, end: int, entity_type: str) -> str:
    """The type to report for spaCy's finding: a "place" or "group" that is a person's name is a PERSON.

    The small model files unfamiliar first names ("Mette", "Ján", "Tünde Hoffmann") as places. A LOCATION
    guess that starts with a known first name and is not itself the name of a town or country is a name.
    """
    if entity_type not in ("LOCATION", "NRP", "PERSON"):
        return entity_type
    span = text[start:end]
    tokens = [t.strip(".,;:!?'\"()") for t in span.split()]
    tokens = [t for t in tokens if t]
    if entity_type == "PERSON":
        if tokens and all(t.lower() in _NRP_WORDS for t in tokens):
            return "NRP"  # "I'm Christian Orthodox": a faith, not a name
        if len(tokens) > 1 and tokens[-1].lower() in _STREET_WORDS:
            return "LOCATION"  # "Isaac Lodge Street", "Berg Hills Road"
        return entity_type
    # "Quionia is from Areavibes", "said Maslin to Antonio": places and groups do not speak or live.
    if (
        _PERSON_VERB_AFTER.match(text, end) or _SPEECH_VERB_BEFORE.search(text, max(0, start - 12), start)
    ) and not _is_known_place(span):
        return "PERSON"
    if not tokens or len(tokens) > 3 or not all(t[:1].isupper() for t in tokens) or not is_first_name(tokens[0]):
        return entity_type
    # "Fabian Kurzak" filed as a group: a full name; a lone "Christian" may be the faith, unless a surname
    # follows it ("Fabian" of "Fabian Kurzak").
    if entity_type == "NRP" and len(tokens) < 2:
        following = _NEXT_WORD.match(text, end)
        surname = following is not None and following.group(1)[:1].isupper()
        if not surname or everyday_anywhere(following.group(1).lower()) or tokens[0].lower() in _NRP_WORDS:
            return entity_type
    key = fold(" ".join(tokens))
    if key in _word_file("cities.txt") or key in _folded_countries():
        return entity_type
    if entity_type == "NRP" and any(t.lower() in _NRP_WORDS for t in tokens):
        return entity_type  # "Christian Orthodox"
    last = tokens[-1]
    # A group's name has a known name in front and a word after it ("Christian Democrats"); a person's
    # surname need not be in any list ("Fabian Kurzak").
    if (
        len(tokens) > 1
        and not (is_last_name(last) or is_first_name(last))
        and (entity_type == "LOCATION" or everyday_anywhere(last.lower()))
    ):
        return entity_type
    return "PERSON"


_NEXT_WORD = regex.compile(r"[ \t]+([\w'\u2019]+)")
_DIETS = frozenset(words("vegetarian vegan pescatarian"))
# Things named after a people: "Dutch oven", "French fries", "English muffin", "US plug", "Spanish subtitles".
_THING_AFTER = regex.compile(
    r"[ \t]+(?:oven|ovens|fries|toast|cheese|muffins?|yogh?urt|pastry|pastries|dressing|breakfast|roulette"
    r"|keyboard|layout|plug|plugs|adapter|socket|edition|version|translation|subtitles|dub|dubbing|voice"
    r"|vegetarian|vegan|meal|meals|menu|option|horn|braid|bulldog|shepherd|mastiff|poodle"
    r"|numbers?|phones?|mobiles?|sims?|sim[ \t]+cards?|cards?|banks?|bank[ \t]+accounts?|accounts?|ibans?"
    r"|passports?|visas?|ids?|id[ \t]+cards?|licen[cs]es?|driving|plates?|number[ \t]+plates?|address(?:es)?"
    r"|postcodes?|zip|providers?|carriers?|operators?|networks?|sites?|websites?|domains?|stores?|shops?"
    r"|embassy|consulate|airlines?|flights?|company|companies|firms?|tax|taxes|vat|law|laws|courts?"
    r"|holidays?|time|time[ \t]+zone|timezone|format|spelling|keyboards?|apps?|app[ \t]+store|versions?"
    r"|ones?)\b",
    regex.IGNORECASE,
)
_TRAILING_WORDS = frozenset(
    words("said says is was has had and or but to from with at in on for of the a an will would can")
)
_STREET_WORDS = frozenset(words("street st road rd avenue ave lane ln drive boulevard blvd"))
_PERSON_VERB_AFTER = regex.compile(
    r"[ \t]+(?:lives|lived|said|says|told|asked|replied|wrote|had[ \t]+given|has[ \t]+given|gave|is[ \t]+from"
    r"|was[ \t]+born|works|worked)\b",
    regex.IGNORECASE,
)
_SPEECH_VERB_BEFORE = regex.compile(r"\b(?:said|says|asked|told|replied|thanked)[ \t]+$", regex.IGNORECASE)


def _business_follows(text: str, end: int) -> bool:
    """A capitalized business word right after the span: "Sunnyside Pediatrics", "Tony's Pizzeria"."""
    following = _NEXT_WORD.match(text, end + 2 if text[end : end + 2] in ("'s", "\u2019s") else end)
    return following is not None and following.group(1)[:1].isupper() and following.group(1).lower() in BUSINESS_WORDS


def is_business_name(text: str, start: int, end: int) -> bool:
    """A span that names the company speaking, or an employer, or is followed by a business word ("Evergreen Life")."""
    return (
        names_a_company(text, start, end)
        or _business_follows(text, end)
        or _names_an_employer(text, start, end)
        or (" " not in text[start:end] and _in_a_firm_name(text, start, end))
    )


_ARTICLE = regex.compile(r"(?:^|\W)(?:the|a|an)\s+$", regex.IGNORECASE)
_LOWER_WORD_AFTER = regex.compile(r"[ \t]+\p{Ll}")
_THING_ARTICLE = regex.compile(r"(?:^|[^\w'\u2019])(?:the|a|an|one|this|that)[ \t]+$", regex.IGNORECASE)
_PERSON_NOUN_AFTER = regex.compile(
    r"[ \t]+(?:guy|man|woman|lady|girl|boy|dude|kid|person|one|who|family|guys|brothers|sisters)\b", regex.IGNORECASE
)
_LABEL_ZIPF = 3.0
_THE_BEFORE = regex.compile(r"(?i)\bthe[ \t]+$")
_CURRENCY = regex.compile(r"[$€£¥₹₩₺₦]")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_NAME_PREFIX = regex.compile(
    r"(?:Mc|Mac|O|D|De|Di|Da|Du|Dal|Del|La|Le|Lo|Ja|Ke|Ka|Ta|Te|Sha|She|Van|Von|Fitz|St)\p{Lu}"
)
_WEEKDAY_SHORT = frozenset(words("tue tues wed thu thur thurs fri"))

# Hindi and Urdu typed in Latin letters ("Hinglish"): its most common function words. wordfreq has no list
# for it, and several are names somewhere ("Haan", "Karo", "Hai"). Hand-written for this project (MIT).
ROMAN_HINDI = frozenset(
    words(
        """
        hai hain haan haanji nahi nahin nai ka ki ke ko se mein mujhe mera meri mere tum tumhara aap apna apne
        apni kya kyun kyu kaise karo kar karna karke karenge raha rahi rahe tha thi hoga hogi gaya gayi bhi
        toh aur lekin yeh ye woh wo voh abhi kab aaj accha acha achha theek thik bahut bohot thoda zyada likho
        likhni likhna batao bata chahiye wapas diya liya kuch kuchh jaungi jaunga humein unka uska unko isko
        usko wala wali wale matlab sirf phir pehle baad saath liye ji chalo dekho suno bolo nahi hum hamara
        hamare bhai yaar aaj kal shaam subah raat jayega jayegi dedo bhej bhejo bhejna bhejdo paisa paise kitna
        kitne kitni kaun kahan kidhar yahan wahan idhar udhar koi haa acha arre bhaiya hoon milega milegi
        samajh jaldi bilkul shukriya dhanyavaad kripya huye batana bataiye dijiye kijiye karein kariye krna
        krdo nhi tumhe aapko aapka aapki humko mujhko isme usme kyunki agar warna lagta lagega sakta sakte
        """
    )
)
_HINDI_EVIDENCE = 2  # other Hinglish function words in the message
# Words of another language that the message must hold besides the span, each that language's everyday
# word and not English's, for a span of that language's function words to be read as one.
_FOREIGN_EVIDENCE = 3
_FUNCTION_ZIPF = 5.0
_EVIDENCE_ZIPF = 4.5
_MESSAGE_WORD = regex.compile(r"[^\W\d_]+")


_FUNCTION_WORD_MAX_LEN = 7


def _function_words_of_the_message(text: str, lower: list[str]) -> bool:
    """Every word of the span is a function word of a language that the rest of the message is written in."""
    if len(lower) > 2 or any(len(t) > _FUNCTION_WORD_MAX_LEN for t in lower):
        return False
    if all(t in ROMAN_HINDI for t in lower):
        message = _message_words(text)
        if sum(1 for w in message if w in ROMAN_HINDI) - len(lower) >= _HINDI_EVIDENCE:
            return True
    for lang in _OTHER_LANGUAGES:
        if all(_zipf(t, lang) >= _FUNCTION_ZIPF for t in lower):
            evidence = _language_evidence(text, lang) - set(lower)
            if len(evidence) >= _FOREIGN_EVIDENCE:
                return True
    return False


def load_word_lists() -> None:
    """Load the word lists of every chat language now (about 0.4 s), at start-up rather than mid-run."""
    for lang in (*_CHAT_LANGUAGES, *_OTHER_LANGUAGES):
        fast_zipf("the", lang, "small")
    english_zipf("the")


@lru_cache(maxsize=262144)
def _zipf(word: str, lang: str) -> float:
    return fast_zipf(word, lang, "small")


@lru_cache(maxsize=256)
def _message_words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _MESSAGE_WORD.findall(text[:2000]))


@lru_cache(maxsize=256)
def _language_evidence(text: str, lang: str) -> frozenset[str]:
    """The message's words that are everyday words of `lang` and much less of English."""
    return frozenset(
        w for w in _message_words(text) if (z := _zipf(w, lang)) >= _EVIDENCE_ZIPF and english_zipf(w) < z - 1
    )


_LANGUAGE_BEFORE = regex.compile(
    r"(?i)\b(?:in|into|some|speak|speaks|spoke|speaking|learn|learns|learning|learned|learnt|taught|teach|teaches"
    r"|teaching|fluent|translate|translated|translating|write|written|reply|respond|answer)[ \t]+$"
)
_LANGUAGE_AFTER = regex.compile(
    r"(?i)[ \t]+(?:songs?|words?|phrases?|lessons?|class(?:es)?|speakers?|speaking|language|text|mein|me|mai"
    r"|please|pls|plz)\b"
)


def _language_use(text: str, start: int, end: int) -> bool:
    """A people's name used as the name of its language: "in English", "some Tagalog", "english mein likho"."""
    return (
        _LANGUAGE_BEFORE.search(text, max(0, start - 16), start) is not None
        or _LANGUAGE_AFTER.match(text, end) is not None
    )


# Pets: "my cat Mr Whiskers", "Bruno (dog, 3y)", "Biscuit, the family dog". Hand-written for this project (MIT).
_ANIMALS = (
    r"(?:cats?|dogs?|pupp(?:y|ies)|pups?|kittens?|kitty|pets?|parrots?|birds?|hamsters?|rabbits?|bunn(?:y|ies)"
    r"|horses?|ponies|pony|tortoises?|turtles?|ferrets?|guinea[ \t]+pigs?|goldfish|budgies?|geckos?|snakes?"
    r"|lizards?|labrador|lab|retriever|terrier|spaniel|poodle|collie|beagle|dachshund|chihuahua|tabby"
    r"|mèo|chó|cún|gat[oa]s?|gatit[oa]s?|perr[oa]s?|perrit[oa]s?|mascotas?|cachorr[oa]s?|cão|cães|gatt[oi]|cane"
    r"|cani|cagnolin[oa]|chien(?:ne)?s?|chatons?|katzen?|kater|hunde?|hündin|welpen?|poes|hond(?:en)?|kucing"
    r"|anjing|pusa|kotk[ai]|piesek|pisic[aă]|c[aâ]ine)"
)
_PET_BEFORE = regex.compile(
    rf"(?i)\b{_ANIMALS}(?:['\u2019]s)?(?:[ \t]+(?:named|called))?[ \t,:]+"
    r"(?:(?:mr|mrs|ms|miss|sir|lady|lord|captain|capt|dr|princess|prince|king|queen|little|baby|big|bé|petite?"
    r"|kleiner?|pequeñ[oa]|piccol[oa])\.?[ \t]+)?$"
)
_PET_AFTER = regex.compile(
    rf"(?i)^(?:[ \t]*\([ \t]*{_ANIMALS}\b|,?[ \t]+(?:the|my|our|your|their)[ \t]+(?:\w+[ \t]+)?{_ANIMALS}\b"
    r"|[ \t]+(?:is|was)[ \t]+(?:a|an|my|our)[ \t]+(?:\w+[ \t]+)?"
    rf"{_ANIMALS}\b|[ \t]+(?:barks|barked|meows|meowed|purrs|wags)\b)"
)
# "V as in Victor", "S for Sierra": a spelling alphabet's word spells a letter; it names no one.
_SPELLING_BEFORE = regex.compile(r"(?i)\b\p{L}[ \t]+(?:as[ \t]+in|for|like)[ \t]+$")


def is_not_a_person(text: str, start: int, end: int) -> bool:
    """A name-shaped span that names a pet, a product, a brand or a date, or spells a letter, whichever
    recognizer found it."""
    before = text[max(0, start - 40) : start]
    key = _POSSESSIVE_END.sub("", text[start:end]).lower()
    # "Thu", "Fri": a weekday; "they're all US": a country's letters.
    if key in _WEEKDAY_SHORT or text[start:end] in _PLACE_ACRONYMS:
        return True
    # "my Škoda Fabia", "a Kia Sportage": a car; "Kia ora": a Māori greeting.
    words_ = key.split()
    if words_ and fold(words_[0]) in _CAR_MAKES:
        model = len(words_) > 1 and not (is_last_name(words_[1]) or is_first_name(words_[1]))  # not "Mercedes Garcia"
        if model or _THING_ARTICLE.search(before) or _MY.search(before):
            return True
    if _GREETING_PHRASE.match(text, start) is not None:
        return True
    if _product_or_venue(text, start, end) or words_of_the_message_language(text, start, end):
        return True
    # "ako pala si Maricel", "ini dengan Bu Sari": lower-case words right before a word that puts a name after
    # it are not the name.
    if (
        text[start:end].islower()
        and (marker := _MARKER_AFTER.match(text, end)) is not None
        and marker.group(1).lower() in _FOREIGN_MARKERS
    ):
        return True
    # "visa 4561 9890 4814 1607", "acct 88301142": a lower-case label of the number after it.
    if key in _NUMBER_LABELS and text[start:end].islower() and _NUMBER_AFTER.match(text, end):
        return True
    # "yes Mochi is recovering, vet bill was $2,870", "bé Mochi bị viêm ... thú y": a word no list holds as a
    # name, in a message about a pet's care.
    if (
        " " not in key
        and not is_first_name(words_[0] if words_ else key)
        and not is_last_name(words_[0] if words_ else key)
        and not _marker_before(text, start)
        and _PET_CONTEXT.search(text, max(0, start - _PET_WINDOW), end + _PET_WINDOW) is not None
    ):
        return True
    # "Taylor Inc", "Dupuis S.A.R.L.": a company's legal form ends it.
    if " " in key and key.rsplit(" ", 1)[1].replace(".", "") in _LEGAL_FORMS:
        return True
    if key in EPONYMOUS_BRANDS or _brand_around(text, start, end) or in_a_firm_by_context(text, start, end):
        return True
    # "Next meeting Mar 13", "on Sep 21": a month before a day.
    if key in _MONTHS and (_DAY_AFTER.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 6), start)):
        return True
    # "for one Kindle Paperwhite.": an article makes it a thing; "a Hedvig Arvidsson concert" is a person's.
    if _THING_ARTICLE.search(before) is not None and _LOWER_WORD_AFTER.match(text, end) is None:
        return True
    return (
        _PET_BEFORE.search(before) is not None
        or _PET_AFTER.match(text[end : end + 40]) is not None
        or _SPELLING_BEFORE.search(text[max(0, start - 12) : start]) is not None
    )


# Brands named after a person (or a made-up one): where they stand they name a shop or a product, not someone
# in the conversation. Hand-written for this project (MIT); the policy's allow list adds a deployment's own.
_BRAND_LIST = frozenset(
    """
    calvin klein|hugo boss|ted baker|sara lee|tim hortons|tim horton's|kate spade|jack daniel|jack daniels
    |trader joe|trader joes|marks & spencer|marks and spencer|ralph lauren|tommy hilfiger
    |michael kors|tory burch|marc jacobs|giorgio armani|dolce & gabbana|ben & jerry|ben and jerry
    |dave & buster|john deere|jack wolfskin|estee lauder|estée lauder|mary kay|betty crocker
    |little debbie|papa john|papa johns|john lewis|ben sherman|paul smith|stella mccartney|victoria's secret
    |dr pepper|dr. pepper|jim beam|johnnie walker|jose cuervo|ronald mcdonald|ben franklin|chick-fil-a
    |carl's jr|carls jr|kenneth cole|vera wang|oscar de la renta|anne klein|christian dior|yves saint laurent
    |louis vuitton|coco chanel|jimmy choo|steve madden|alexander mcqueen|vivienne westwood|ted lasso
    |aunt jemima|uncle ben|uncle bens|mrs fields|duncan hines|chef boyardee|orville redenbacher|sam adams
    |jack in the box|dairy queen|baskin robbins|harvey nichols|ann taylor|eddie bauer|j.crew|j crew
    |lane bryant|kenny rogers|bob evans|jimmy john|jimmy johns|marie callender|mrs. fields|ray-ban|ray ban
    """.replace("\n", "").split("|")
)
EPONYMOUS_BRANDS = frozenset(b.strip() for b in _BRAND_LIST if b.strip())
# Car makes (hand-written for this project, MIT): "driving my Škoda Fabia" is a car.
_CAR_MAKES = frozenset(
    words(
        """
        toyota honda ford chevrolet chevy nissan hyundai kia volkswagen vw bmw audi mercedes skoda seat renault
        peugeot citroen fiat opel vauxhall volvo mazda subaru mitsubishi suzuki lexus tesla jeep dodge chrysler
        buick cadillac gmc acura infiniti porsche jaguar dacia alfa lancia saab tata mahindra maruti byd geely
        polestar rivian mini lincoln
        """
    )
)
_MY = regex.compile(r"(?:^|\W)(?:my|our|his|her|their|your)[ \t]+(?:\w+[ \t]+)?$", regex.IGNORECASE)
_GREETING_PHRASE = regex.compile(
    r"(?i)kia[ \t]+ora|as-?salamu?[ \t]+alaykum|guten[ \t]+(?:tag|morgen|abend)"
    r"|buen[oa]s[ \t]+(?:d[ií]as|tardes|noches)|bom[ \t]+dia|boa[ \t]+tarde|dzie[ńn][ \t]+dobry"
)
_LEGAL_FORMS = frozenset(words("inc llc llp ltd corp plc gmbh co sa sarl bv nv pty ag limited spa srl oy ab as kg"))
_MONTHS = frozenset(
    words("jan feb mar apr jun jul aug sep sept oct nov dec january february march april june july august september")
    + words("october november december")
)
_DAY_AFTER = regex.compile(r"[ \t.]+\d{1,2}(?:st|nd|rd|th)?\b")
_DAY_BEFORE = regex.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+$")


def _brand_around(text: str, start: int, end: int) -> bool:
    """The span is the first part of a brand that runs on: "Levi" of "Levi's", "Spencer" of "Marks & Spencer"."""
    window = text[max(0, start - 12) : end + 12].lower()
    return any(
        brand in window and len(brand) > end - start for brand in _LONG_BRANDS if text[start:end].lower() in brand
    )


_LONG_BRANDS = tuple(b for b in EPONYMOUS_BRANDS if " " in b or "&" in b or "'" in b)


# Holidays and festivals the small model reads as places ("before Diwali", "over Eid"). Hand-written (MIT).
_HOLIDAYS = frozenset(
    words(
        """
        diwali deepavali holi eid ramadan ramzan hanukkah chanukah passover pesach easter christmas xmas
        thanksgiving halloween navratri dussehra onam pongal vesak purim kwanzaa hogmanay nowruz songkran
        """
    )
)
# "a UK Standard Visitor visa", "an Ohio plate": a place right after "a"/"an" with a word after it describes a
# thing ("a New York minute"); where someone is takes "in", "from", "to".
_A_BEFORE = regex.compile(r"(?:^|[^\w'\u2019])(?:a|an|one)[ \t]+$", regex.IGNORECASE)
_WORD_NEXT = regex.compile(r"[ \t]+[\p{L}]")
# A firm's premises before the place: "the decision-making centre in Sheffield", "our warehouse in Leeds",
# "magazzino di Piacenza", "la sede di Milano". A store's town stays ("do you have a store in York?").
_PREMISES = (
    r"(?:centre|center|office|offices|warehouse|depot|headquarters|hq|plant|factory|facility|hub|lab|laboratory"
    r"|site|campus|call[ \t]+centre|call[ \t]+center|processing[ \t]+centre|processing[ \t]+center)"
)
_PREMISES_BEFORE = regex.compile(
    rf"(?i)(?:\b(?:the|our)[ \t]+(?:[\w\-]+[ \t]+){{0,2}}{_PREMISES}[ \t]+(?:in|at|near)"
    r"|\b(?:magazzino|sede|ufficio|stabilimento|filiale|almac[eé]n|oficina|sucursal|sede|entrep[oô]t|usine"
    r"|succursale|lager|b[uü]ro|werk|niederlassung|armaz[eé]m|escrit[oó]rio)[ \t]+(?:di|de|du|a|in|en|von|em)"
    r")[ \t]+$"
)


_STREET_TYPES = frozenset(
    words(
        """
        street st road rd avenue ave lane ln drive dr boulevard blvd way court ct place pl terrace crescent close
        row highway hwy trail parkway square sq alley strasse straße calle rua rue via
        """
    )
)
_NEXT_WORD_AFTER = regex.compile(r"[ ]+(\w+)")
_STREET_TYPE_AFTER = regex.compile(
    r"[ ](?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace"
    r"|crescent|close|row|highway|hwy|trail|parkway|square|sq|alley)\b"
)
_VENUE_BEFORE = regex.compile(r"(?:^|[^\w'\u2019])(?i:the)[ \t]+((?:\p{Lu}[\p{L}'\u2019\-]+[ \t]+){1,3})$")
_PLACE_NAME_STARTS = frozenset(
    words(
        """
        north south east west northern southern eastern western central greater upper lower inner outer new old
        port saint st fort mount mt lake san santa los las el la le de del city town county state republic
        kingdom isle island islands bay gulf coast
        """
    )
)
_MOVED_TO_BEFORE = regex.compile(
    r"(?i)\b(?:moved|moving|relocat(?:ed|ing)|transferr(?:ed|ing)|based|work(?:s|ed|ing)?)[ \t]+(?:to|in|at|from)"
    r"[ \t]+(?:the|your|our|my|their)[ \t]+$"
)
_SAINTS_PLACE = regex.compile(r"(?:St\.?|Saint)[ ]\p{Lu}\p{Ll}+['\u2019]s?(?![\w'\u2019])")
_AT_BEFORE = regex.compile(r"(?i)(?:^|\W)at[ \t]+$")
# Last words of the names of regions, which the facility check must not read as a firm's ("Polk County").
_REGION_WORDS = frozenset(
    words("county parish province district region state shire borough prefecture oblast canton municipality")
)


# A firm saying where it delivers or ships ("We deliver to Williamsburg", "we also ship to Norway").
FIRM_DELIVERS = regex.compile(
    r"(?i)\bwe(?:['\u2019]ll|[ ]do|[ ]also|[ ]can|[ ]only|[ ]now|[ ]currently)?[ ](?:deliver|ship)[ ]to[ ]+$"
)


def not_where_someone_is(text: str, start: int, end: int) -> bool:
    """A place-shaped span that names a team, a street, a venue, a holiday or a firm's site, or a place used as
    the adjective of a thing: "the Denver Broncos", "Dunmore Road", "Diwali", "a UK visa", "magazzino di Piacenza"."""
    from .places import names_a_facility  # places imports this module

    span = text[start:end]
    if fold(span.strip(".,;:!?'\"() ")) in _HOLIDAYS:
        return True
    # "Calgary, AB": the region code after the comma is not a firm's legal form ("AB", "SA").
    core_end = start + len(span.split(",", 1)[0].rstrip())
    last = span[: core_end - start].rsplit(" ", 1)[-1].lower()
    after = _STREET_TYPE_AFTER.match(text, core_end)
    # "from Bangkok Street Kitchen": a business word after the street word makes it a firm's name.
    if after is not None and (word := _NEXT_WORD_AFTER.match(text, after.end())) is not None:
        after = None if word.group(1).lower() in BUSINESS_WORDS else after
    street = last in _STREET_TYPES or after is not None
    moved = _MOVED_TO_BEFORE.search(text, max(0, start - 40), start) is not None  # "I moved to your Paris office"
    if last not in _REGION_WORDS and not street and not moved and names_a_facility(text, start, core_end):
        return True  # "Polk County" stays a place; a street's name is left to the address step (no leak)
    if _A_BEFORE.search(text, max(0, start - 6), start) and _WORD_NEXT.match(text, end):
        return True
    # "The funeral will be held at St Mary's": a church or a hospital named after a saint.
    if _SAINTS_PLACE.match(text, start) and _AT_BEFORE.search(text, max(0, start - 4), start):
        return True
    # "did backend stuff at Zylo", "the following year at Numedii": one word no list knows as a place, after
    # "at", is a firm or a venue; towns take "in" ("at Heathrow" is an airport).
    if " " not in span and _AT_BEFORE.search(text, max(0, start - 4), start) and not _is_known_place(span):
        return True
    # "my reservation at the Harbourline Wellington", "the Grand Meridian Kyoto": a venue's name ends in its town.
    if (venue := _VENUE_BEFORE.search(text, max(0, start - 40), start)) is not None and not any(
        w.lower() in _PLACE_NAME_STARTS or _is_known_place(w) for w in venue.group(1).split()
    ):
        return True
    if FIRM_DELIVERS.search(text, max(0, start - 30), start):
        return True
    return _PREMISES_BEFORE.search(text, max(0, start - 60), start) is not None


# --- Messages written in another language -------------------------------------------------------------------
# Latin-script languages that wordfreq covers and chat users commonly write in. The English model reads their
# capitalized everyday words (a sentence's first word, a German noun) and odd lower-case ones as names.
_CHAT_LANGUAGES = (
    "es", "de", "fr", "pt", "it", "nl", "pl", "sv", "tr", "id", "ms", "vi", "fil", "ro", "cs", "sk", "hu",
    "da", "nb", "fi", "sh", "sl", "ca", "lt", "lv",
)  # fmt: skip
# Arabic typed in Latin letters and digits ("Arabizi", Egyptian and Levantine chat): its most common words.
# wordfreq has no list for it. Hand-written for this project (MIT).
ARABIZI = frozenset(
    words(
        """
        ana enta enti inta inti howa huwa hwa hiya heya hia ehna e7na entom intu homma humma ya yaa mesh msh mish
        mosh fih feh mafish mafeesh men mn 3ala 3and 3ayez 3ayza 3awez 3awza bas keda kda kida leh lih ezay
        ezzay izzay izay eh eih aywa aiwa la2 la2a ma3 m3a ba2a tayeb tyb khalas 5alas yalla yallah wallah walla
        wallahi inshallah inshallah inchallah mashallah habibi habibti shokran shukran shokrn afwan 3afwan sabah
        kifak kifik keefak shu shou lesh leish hek hayda halla2 ktir kteer ahlan marhaba basha ya3ni y3ni
        ma3lesh maalesh ma3lsh khalli 7aga haga 7elw helw gamed gamda awi 2awi kman kaman tab3an tamam ba3d
        delwa2ty dilwa2ti bokra bukra ne2dar mumken momken el al fel bel lel w wel 3shan 3ashan ashan
        """
    )
)
# Words that put a name right after them in these languages: "chị Hà", "mevrouw De Graaf", "si Maricel",
# "Bu Sari". Hand-written for this project (MIT).
NAME_MARKERS = frozenset(
    words(
        """
        mr mrs ms miss mx dr prof sir madam
        anh chị chi em cô chú bác ông bà bạn
        mevrouw mevr mw meneer dhr heer juffrouw herr frau hr fr monsieur madame mme mlle
        señor señora señorita sr sra srta don doña senhor senhora dona dom signor signora signore sig dott
        dottore dottoressa bapak pak ibu bu kak kakak mas mbak bang abang encik cik puan tuan
        si ni kay ate kuya tita tito lola lolo pan pani panie domnul doamna shri smt
        """
    )
)
_LANGUAGE_EVIDENCE = 3  # distinct everyday words of the language in the message, the span's own included
_LANGUAGE_WORD_ZIPF = 3.0  # a word the language uses at all
_SENTENCE_WORD_ZIPF = 4.0  # a common word: capitalized, it starts a sentence
_LANGUAGE_FUNCTION_ZIPF = 5.0  # one of the language's commonest words
_COMMONEST_ZIPF = 6.0
# Lower-case words that stand inside a person's name or join two: "van", "de", "bin", "y", "and".
_NAME_JOINERS = PARTICLES | frozenset(words("and und y e et i og en och dan at và és ve ja a oder or o ou"))
_SENTENCE_BEFORE = regex.compile(r"(?:^|[.!?\u2026:;\n\p{So}\p{Sk}]|[.!?][\"'\u201d)])[\p{Z}\s*\"'\u201c(\-]*$")


@lru_cache(maxsize=256)
def _message_evidence(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Per language other than English, the message's words that are its everyday words (and not English's)."""
    found: dict[str, set[str]] = {}
    for w in set(_message_words(text)):
        for lang in _evidence_languages(w):
            found.setdefault(lang, set()).add(w)
    return tuple((lang, frozenset(evidence)) for lang, evidence in found.items() if len(evidence) >= _LANGUAGE_EVIDENCE)


_ENGLISH_ONLY_ZIPF = 5.0  # no other language's word is that much commoner than such an English word


@lru_cache(maxsize=65536)
def _evidence_languages(word: str) -> tuple[str, ...]:
    """The languages of which `word` is an everyday word, and much less one of English."""
    english = english_zipf(word)
    found = (
        []
        if english >= _ENGLISH_ONLY_ZIPF
        else [lang for lang in _CHAT_LANGUAGES if (z := _zipf(word, lang)) >= _EVIDENCE_ZIPF and english < z - 1]
    )
    if word in ROMAN_HINDI:
        found.append("hi-latn")
    if word in ARABIZI:
        found.append("ar-latn")
    return tuple(found)


def _message_languages(text: str, span: str = "") -> frozenset[str]:
    """The languages other than English the message is (partly) written in, by their everyday words outside
    `span` (a Vietnamese name in an English message is no evidence of Vietnamese); a hand list's language needs
    one word outside the span and three in all ("shokran ya basha")."""
    own = {w.lower() for w in _MESSAGE_WORD.findall(span)}
    return frozenset(
        lang
        for lang, evidence in _message_evidence(text)
        if len(evidence - own) >= (_HAND_LIST_EVIDENCE if lang.endswith("-latn") else _LANGUAGE_EVIDENCE)
    )


_HAND_LIST_EVIDENCE = 1
_MOSTLY_SHARE = 0.4


def _language_share(text: str, languages: frozenset[str]) -> float:
    """The share of the message's words that are everyday words of `languages`."""
    message = _message_words(text)
    if not message:
        return 0.0
    ours: set[str] = set()
    for lang, evidence in _message_evidence(text):
        if lang in languages:
            ours |= evidence
    return sum(1 for w in message if w in ours) / len(message)


@lru_cache(maxsize=65536)
def _zipf_in(word: str, languages: frozenset[str]) -> float:
    """The word's highest frequency among `languages` (a hand list's word counts as a function word)."""
    best = 0.0
    for lang in languages:
        if lang == "hi-latn":
            best = max(best, 6.0 if word in ROMAN_HINDI else 0.0)
        elif lang == "ar-latn":
            best = max(best, 6.0 if word in ARABIZI else 0.0)
        else:
            best = max(best, _zipf(word, lang))
    return best


def _starts_a_sentence(text: str, start: int) -> bool:
    return _SENTENCE_BEFORE.search(text, max(0, start - 12), start) is not None


def _marker_before(text: str, start: int) -> bool:
    before = text[max(0, start - 16) : start]
    match = regex.search(r"([\p{L}]+)\.?[ \t]+$", before)
    return match is not None and match.group(1).lower() in NAME_MARKERS


def words_of_the_message_language(text: str, start: int, end: int) -> bool:
    """The span is everyday words of the language the message is written in, not a name.

    "chào bạn", "Xin", "Tiền" (Vietnamese), "ako pala", "Walang" (Tagalog), "Dank u. En", "De dongel" (Dutch),
    "Der korrekte Gesamtbetrag", "Mir" (German), "Haan", "Aur" (Hindi in Latin letters), "howa", "ya basha"
    (Arabizi). A capitalized word inside a sentence stays a name unless it is one of the language's
    commonest words and no name, and a capitalized word after a word that puts a name after it ("chị Hà",
    "mevrouw De Graaf", "si Maricel") is a name.
    """
    languages = _message_languages(text, text[start:end])
    if not languages:
        return False
    tokens = [(m.start(), m.group()) for m in _MESSAGE_WORD.finditer(text, start, end)]
    if not tokens or len(tokens) > 4:
        return False
    for i, (position, raw) in enumerate(tokens):
        lower = raw.lower()
        z = _zipf_in(lower, languages)
        if raw[:1].islower():
            # "chào bạn", "ako pala", "kinderopvangtoeslag": a lower-case word of the language, or one no list
            # holds as a name; a lower-case name after a marker ("chị hà") is one only where it is no
            # everyday word.
            # A lower-case name ("trần tấn thảo") in a message mostly in English stays a name.
            known = is_first_name(lower) or is_last_name(lower)
            if not known or (z >= _LANGUAGE_WORD_ZIPF and _language_share(text, languages) >= _MOSTLY_SHARE):
                continue
            return False
        if _marker_before(text, position) and lower not in NAME_MARKERS:
            return False
        initial = _starts_a_sentence(text, position)
        # "Vivo en Madrid": a town stays, unless it starts a sentence as one of the commonest words ("Aur", "Ada").
        if _is_known_place(raw) and not (initial and z >= _COMMONEST_ZIPF):
            return False
        if i > 0 and tokens[i - 1][1][:1].isupper() and not _starts_a_sentence(text, position):
            return False  # "Nguyễn Thị Thu Hà", "Phạm Quốc Bảo": capitalized words in a row are a name
        after_word = i > 0 and tokens[i - 1][1][:1].islower() and tokens[i - 1][1].lower() not in _NAME_JOINERS
        if initial or after_word:
            # "Xin chào", "Dank je", "Der korrekte Gesamtbetrag": a sentence's first word, or a German noun
            # after a lower-case word, that the language uses daily; a known first name must be one of its
            # very commonest words ("Mir", "Ada"): "Juan dijo", "Pierre a appelé" stay names. Vietnamese
            # syllables fold onto Chinese given names ("chào" -> "Chao"), so there the name lists tell nothing.
            trusted_name = is_first_name(lower) and not (
                "vi" in languages and _zipf(lower, "vi") >= _SENTENCE_WORD_ZIPF
            )
            if z >= (_COMMONEST_ZIPF if trusted_name else _SENTENCE_WORD_ZIPF):
                continue
            if i > 0 and not is_first_name(lower) and not is_last_name(lower):
                continue  # "Gesamtbetrag": a compound noun after "korrekte"
            return False
        if z >= _LANGUAGE_FUNCTION_ZIPF and not is_first_name(lower):
            continue  # "Sie", "En" inside a sentence
        return False
    return True


# --- Products, venues and firms -------------------------------------------------------------------------------
# "2x Aurora Lamp", "1 x Jasper Standing Desk", "Aurora Lamp x2", "3 \u00d7 Nimbus": a quantity counts things.
_QUANTITY_BEFORE = regex.compile(r"(?:^|[\s,;:(\-])\d{1,4}[ \t]?[x\u00d7][ \t]*$", regex.IGNORECASE)
_QUANTITY_AFTER = regex.compile(r"[ \t]*[x\u00d7][ \t]?\d{1,4}(?!\w)")
# "Ibis Parramatta, room 412", "the Marriott, suite 9": a hotel's name before a room.
_ROOM_AFTER = regex.compile(r"[ \t]*[,(\-][ \t]*(?:room|rm|suite|apt|flat)\.?[ \t]*#?\d", regex.IGNORECASE)
# Hotel chains (hand-written for this project from public knowledge, MIT): "the Ibis Parramatta".
_HOTEL_BRANDS = frozenset(
    words(
        """
        ibis novotel mercure sofitel pullman accor hilton doubletree marriott sheraton westin hyatt radisson
        ramada wyndham travelodge intercontinental kempinski ritz fairmont shangri-la oberoi treebo oyo
        movenpick mövenpick melia meliá barcelo barceló rydges meriton jumeirah rotana
        """
    )
)
# Stations, airports and terminals: "at Euston", "from Schiphol": one word after "at" that no list holds as a
# name or a town is a venue or a firm ("Yusuf at Trentline").
_AT_WORD_BEFORE = regex.compile(r"(?:^|[^\w'\u2019])at[ \t]+$", regex.IGNORECASE)
_ACRONYM_THEN_PLACE = regex.compile(r"^(\p{Lu}{2,5})[ \t]+(\p{Lu}[\p{L}\-]+(?:[ \t]+\p{Lu}[\p{L}\-]+)?)$")


def _product_or_venue(text: str, start: int, end: int) -> bool:
    """A name-shaped span that counts as a product, a hotel, a station or a firm's branch, not a person.

    "2x Aurora Lamp", "GlasNet", "Ibis Parramatta, room 412", "picking up Femi at Euston", "Yusuf at
    Trentline", "a colleague at Arnold-Roberts", "VFS Delhi".
    """
    span = text[start:end]
    tokens = [t.strip(".,;:!?'\"()") for t in span.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return False
    if _QUANTITY_BEFORE.search(text, max(0, start - 8), start) or _QUANTITY_AFTER.match(text, end):
        return True
    # "GlasNet", "PulseFit Kingsford": a capital inside its first word (not "McDonald", "DeShawn"); "Mohamed
    # van GlasNet" is a person.
    if _CAMEL.search(tokens[0]) and not _NAME_PREFIX.match(tokens[0]):
        return True
    first = tokens[0].lower()
    previous = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
    if first in _HOTEL_BRANDS and (
        _ROOM_AFTER.match(text, end) or (len(tokens) > 1 and _is_known_place(" ".join(tokens[1:])))
    ):
        return True  # "Ibis Parramatta", "Hilton, room 212"
    if previous is not None and previous.group(1)[:1].isupper() and previous.group(1).lower() in _HOTEL_BRANDS:
        return True  # "the Ibis [Parramatta]"
    if _ROOM_AFTER.match(text, end) and not any(is_first_name(t.lower()) for t in tokens[:1]):
        return True
    # "VFS Delhi", "HSBC London": an organisation's letters before its branch's town.
    acronym = _ACRONYM_THEN_PLACE.match(span)
    if acronym is not None and not is_first_name(acronym.group(1).lower()) and _is_known_place(acronym.group(2)):
        return True
    # "get Trentline and Polder Foods in", "Polder Foods and Trentline": one of a list of firms.
    if not is_first_name(first) and (
        ((m := _AND_FIRM_AFTER.match(text, end)) is not None and m.group(1).lower() in BUSINESS_WORDS)
        or (
            (b := _FIRM_AND_BEFORE.search(text, max(0, start - 48), start)) is not None
            and b.group(1).lower() in BUSINESS_WORDS
        )
    ):
        return True
    if len(tokens) == 1 and _AT_WORD_BEFORE.search(text, max(0, start - 4), start):
        parts = [p.lower() for p in tokens[0].split("-") if p]
        if not any(is_first_name(p) for p in parts) and (not any(is_last_name(p) for p in parts) or len(parts) > 1):
            return not _is_known_place(tokens[0])
        if len(parts) > 1 and all(is_last_name(p) for p in parts):
            return True  # "at Arnold-Roberts": a firm of two surnames
    return False


# Card brands and the words that label a number, typed lower case (hand-written for this project, MIT).
_NUMBER_LABELS = frozenset(
    words(
        """
        visa mastercard amex maestro discover diners jcb unionpay rupay elo card account acct member policy ref
        order invoice ticket booking iban
        """
    )
)
_NUMBER_AFTER = regex.compile(r"[ \t:#]+\d{3}")
_MARKER_AFTER = regex.compile(r"[ \t,]+(\p{L}+)\.?[ \t]+\p{Lu}")
_FOREIGN_MARKERS = NAME_MARKERS - frozenset(words("mr mrs ms miss mx dr prof sir madam"))
_AND_FIRM_AFTER = regex.compile(r"[ \t]+(?:and|&)[ \t]+(?:\p{Lu}[\p{L}'\u2019\-]*[ \t]+){1,3}?(\p{Lu}\p{L}+)\b")
_FIRM_AND_BEFORE = regex.compile(r"\p{Lu}[\p{L}'\u2019\-]*[ \t]+(\p{Lu}\p{L}+),?[ \t]+(?:and|&)[ \t]+$")
_PREVIOUS_WORD = regex.compile(r"([\p{L}\-]+)[ \t]+$")

_PET_WINDOW = 40
# Words of a pet's care near a name: "vet bill", "thú y", "veterinario", "Tierarzt", "dierenarts", "kitten".
_PET_CONTEXT = regex.compile(
    rf"(?i)\b(?:{_ANIMALS}|vets?|veterinar(?:y|ian)|thú[ \t]+y|veterin[aá]ri[oa]|v[eé]t[eé]rinaire|tierarzt"
    r"|tier[aä]rztin|dierenarts|dokter[ \t]+hewan|beterinaryo|weterynarz|kibble|litter[ \t]+box|neutered|spayed)\b"
)


def _trim_message_language(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the words of the message's language around a capitalized name: "khoản của anh Tuấn" is "Tuấn",
    "Pozdrawiam, Tomasz Nowak" is "Tomasz Nowak", "Rahul bhai ko bata" is "Rahul"; "van Noor" keeps its
    particle."""
    if " " not in text[start:end] or not _message_languages(text, text[start:end]):
        return start, end
    tokens = [(m.start(), m.end(), m.group()) for m in _SPAN_WORD.finditer(text, start, end)]
    capitalized = [i for i, (_, _, raw) in enumerate(tokens) if raw[:1].isupper()]
    if not capitalized:
        return start, end
    first, last = capitalized[0], capitalized[-1]
    lead = 0
    while lead < last:
        s, e, raw = tokens[lead]
        lower = raw.lower()
        if lower in PARTICLES:
            break
        if not (lower in NAME_MARKERS or words_of_the_message_language(text, s, e)):
            break
        lead += 1
    lead = min(lead, max(first, lead)) if lead <= last else last
    trail = len(tokens) - 1
    while trail > last:
        s, e, raw = tokens[trail]
        if raw[:1].isupper() or not words_of_the_message_language(text, s, e):
            break
        trail -= 1
    if lead == 0 and trail == len(tokens) - 1:
        return start, end
    return tokens[lead][0], tokens[trail][1]


_SPAN_WORD = regex.compile(r"[\p{L}\p{M}'\u2019\-]+")
