"""Conversation awareness: findings informed by the other turns of the same conversation.

The detector sees one message at a time; a conversation says more. This module receives every turn of a
batch (whole conversations) with the detector's findings and returns the findings to use. Two things are
added, each switchable in the policy (`detection.conversation`):

- answers: when an agent or bot asks for something ("What's your zip code?", "Can I have your username?"),
  the customer's next turns are read as the answer, and a bare value there ("94107", "it's cminh730",
  "sure, Jane Doe") becomes a finding of the asked type, though nothing in the text alone says what it is.
- propagation: a value found anywhere in a conversation (a name, an email, an order number...) is found
  again in every other turn of that conversation, agent and system lines included, whole word and
  case-insensitively, with separators ignored for identifiers ("4111 1111 1111 1111" = "4111-1111-...").

Nothing crosses a conversation boundary, and no model is called: this is string work over the batch, so
detection stays one batched spaCy pass over whole conversations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from anonymizer.detect.allow import AllowList
from anonymizer.detect.findings import Finding
from anonymizer.detect.recognizers.fold import english_zipf
from anonymizer.detect.recognizers.names import PARTICLES, foreign_everyday, is_first_name, is_last_name
from anonymizer.detect.recognizers.ner_filter import ROMAN_HINDI, is_business_name, is_not_a_person
from anonymizer.policy import DetectionSettings

ANSWER_RECOGNIZER = "conversation:answer"
PROPAGATED_RECOGNIZER = "conversation:propagated"
ANSWER_SCORE = 0.9  # above NER's 0.85: the agent's question says what the value is, NER only guesses


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Speakers on the company's side. A speaker label is split into words and matched word by word, so
# "support_agent", "Agent (Jane)" and "virtual-assistant" all count.
_AGENT_WORDS = frozenset(
    {
        "agent", "bot", "chatbot", "assistant", "system", "operator", "support", "staff", "rep",
        "representative", "advisor", "adviser", "moderator", "admin", "ai", "csr", "employee", "specialist",
        "automated", "auto", "virtual", "helpdesk", "concierge",
    }
)  # fmt: skip

# Speakers that are software, not people: their self-introduced name is a product's persona.
_BOT_WORDS = frozenset({"bot", "chatbot", "assistant", "virtual", "automated", "auto", "ai", "ivr"})
_SELF_INTRO = re.compile(
    r"(?:\bi'?m|\bi\s+am|\bmy\s+name\s+is|\bthis\s+is|\bcall\s+me|\byou(?:'re|\s+are)\s+(?:chatting|talking|speaking)\s+with)\s+$",
    re.IGNORECASE,
)

# Words that are never a name, username, password or identifier by themselves: chat filler, function words,
# and the words customers wrap answers in. Used to tell "one sec" from "Jane Doe".
STOPWORDS = _wordset(
    """
    a about above after again ago ah aha ahh all almost already also alright am an and another any anymore
    anything anyway are aren't around as ask asked at away back bad be because been before being below
    best better between both bought but by bye call can can't cancel card cause check checked checking cheers
    come could couldn't da day days did didn't do does doesn't doing don't done down each either else email
    even ever every everything exactly fine first fix fixed for forgot forget found from get gimme give go
    going gone good got great guess had hang has hasn't have haven't having he hello help her here hers hey
    hi him his hmm hmmm hold hope how huh i i'd i'll i'm i've idk if im in into is isn't it it's its just
    k kk know last later let lemme like lol look looking lost lmao ma'am maybe me mine minute moment more
    most much must my myself need needed never new next nice no nope not nothing now number of off oh ok
    okay old on once one only oops or order other our out over paid password pay perfect phone please pls
    plz problem quick quickly really received right same second sec see sent should shouldn't since so some
    something soon sorry still such sure sent thank thanks thanx thats that that's the their them then
    there there's these they thing things think this those though thru thx to today tomorrow too try trying
    ty uh um umm up us use used very wait want wanted was wasn't way we well went were what what's when
    where which while who whoa why will with won't work works working would wouldn't wrong ya yah yeah yea
    yep yes yesterday yet you your yours yup
    """
)

# Given names that are also everyday words: propagated only with the capitalization they were found with.
# A word at least this common in English (Zipf scale) is a word first, a name second.
_EVERYDAY_ZIPF = 4.0
_WORD_NAMES = _wordset(
    """
    april art autumn bill bob buck bud chase chip christian claire crystal dawn dean destiny drew eve faith
    frank gene grace hope iris ivy jack jade jean jewel joy june summer sunny king lily mark max may
    miles mo pat patience penny pearl ray reed rich rob rocky rose ruby rusty sandy sky star sue tom
    violet wade will win winter wood young
    """
)

# ---- question -> answer ------------------------------------------------------------------------------

# Cue phrases per entity type, matched case-insensitively in the agent's request. Order matters only for
# listing; every cue that matches contributes its type.
_CUES: dict[str, str] = {
    "EMAIL_ADDRESS": r"\be-?mail\b",
    "ZIP_CODE": r"\bzip(?:\s*code)?\b|\bpost(?:al)?\s*code\b|\bpin\s*code\b",
    "USERNAME": r"\buser\s*name\b|\buser\s*id\b|\blog-?in\s+(?:name|id)\b|\bhandle\b|\bscreen\s*name\b"
    r"|\bsign[\s-]?(?:in|on)\s+(?:name|id)\b|\b(?:display|profile|member)\s+name\b"
    r"|\bgamer\s*tag\b|\byour\s+tag\b(?!\s+(?:number|no))|\bwhat(?:'s|\s+is)\s+(?:your|the)\s+log-?in\s*\?|\b(?:name|id)\s+(?:do\s+)?you\s+(?:log|sign)\s+(?:in|on)\s+with\b"
    # "What's your Instagram?", "your discord handle": a platform's name after "your" asks for the handle.
    r"|\byour\s+(?:instagram|insta|ig|twitter|tiktok|discord|snapchat|snap|reddit|steam|xbox|psn|twitch|telegram"
    r"|github|gitlab|linkedin|threads|bluesky|mastodon|roblox|minecraft|epic|battle\.?net)\b(?!\s+(?:account\s+)?(?:email|password|number))"
    r"|\bbenutzer(?:name|kennung)?\b|\bnutzername\b|\b(?:nombre\s+de\s+)?usuario\b"
    r"|\bnom\s+d'utilisateur\b|\bidentifiant\b|\bnazw(?:a|ę)\s+u(?:ż|z)ytkownika\b|\bnome\s+de\s+usu(?:á|a)rio\b"
    r"|\bt(?:ê|e)n\s+(?:đăng\s+nhập|dang\s+nhap|người\s+dùng)\b",
    "PERSON": r"\byour\s+(?:full\s+|first\s+|last\s+|legal\s+|real\s+|sur)?name\b"
    r"|(?<!user\s)(?<!user)\bname\s+(?:on|for)\s+(?:the|your)\s+(?:account|card|order|booking|reservation|file)\b"
    r"|\b(?:first|last|full|legal)\s+name\b|\bsurname\b"
    r"|\bwho\s+(?:am\s+i|i'?m)\s+(?:speaking|chatting|talking)\s+(?:with|to)\b|\bwho\s+is\s+(?:this|speaking)\b"
    r"|\bwhat\s+should\s+i\s+call\s+you\b|\b(?:account|card)\s*holder'?s?\s+name\b"
    # "What name is the reservation under?", "Under what name?", "Which name is it booked in?"
    r"|\b(?:what|which)\s+name\s+(?:is|was|'s|are|were|did|do)\b|\bunder\s+(?:what|which)\s+name\b",
    "PASSWORD": r"\bpass\s*(?:word|code|phrase)\b|\bpin\b(?!\s*code)|\botp\b"
    r"|\b(?:one[-\s]?time|verification|security|access|auth(?:entication)?|log-?in|sms|\d[-\s]?digit)\s+code\b"
    r"|\bcode\s+(?:(?:that\s+)?(?:we|i|you)\s+(?:just\s+)?(?:sent|texted|emailed|received|got)|(?:that\s+)?was\s+sent)\b"
    r"|\bcode\s+(?:in|from)\s+(?:the|that|your)\s+(?:text|e-?mail|sms|message)\b"
    r"|\b(?:sent|texted|emailed|sending|texting)\s+(?:you\s+)?(?:a|an|the)\s+(?:new\s+|\d[-\s]?digit\s+|one[-\s]?time\s+)?code\b"
    r"|\b(?:read|give|tell|type|enter|send|provide|confirm)\s+(?:me\s+|us\s+)?(?:back\s+)?(?:the|that|your)\s+code\b"
    # A code named by where it shows or how it came: "the 2FA code", "the code on your screen", "the code from the
    # authenticator app", "the 4 digits we sent", "What numbers did you receive?", "What does the text say?"
    r"|\b(?:2fa|mfa|two[-\s]?factor|authenticator|key\s*safe|keysafe|buzzer|wi-?fi|intercom|keypad)\s+code\b"
    r"|\bcode\s+(?:(?:on|from|in|displayed|shown|showing)\s+){1,2}(?:the\s+|your\s+)?(?:screen|app|authenticator|display"
    r"|device|text|sms)\b|\b(?:verify|read(?:\s+(?:me|out|back))?|say)\s+(?:me\s+)?(?:the|that|your)\s+code\b"
    r"|\b(?:\d|four|five|six|eight)[-\s]?digits?\s+(?:(?:that\s+)?(?:we|i|you)\s+(?:just\s+)?(?:sent|texted|emailed|got|received))\b"
    r"|\b(?:digits|numbers?)\s+(?:(?:that\s+)?you\s+(?:just\s+)?(?:received|got)|did\s+you\s+(?:just\s+)?(?:receive|get))\b"
    r"|\bwhat\s+does\s+the\s+(?:text|sms|message|e-?mail|code)(?:\s+message)?\s+say\b"
    r"|\bsecurity\s+(?:answer|question|word)\b|\banswer\s+to\s+(?:your\s+|the\s+)?(?:[\"\u201c']|(?:secret|security)\s)|\bpass\s*key\b|\bpin\s+number\b"
    r"|\bsecret\s+(?:word|answer|question)\b|\bmaiden\s+name\b|\b(?:first|childhood)\s+pet\b|\bcvv2?\b|\bcvc\b"
    # Security questions asked without the word: "What city were you born in?", "What was your first car?"
    r"|\b(?:city|town|place)\s+(?:where\s+|that\s+)?(?:were\s+you|you\s+were)\s+born\b"
    r"|\bfirst\s+(?:car|school|teacher|job|employer|concert|street)\b"
    r"|\b(?:oldest\s+|youngest\s+)?(?:sibling|brother|sister)'?s\s+middle\s+name\b"
    r"|\b(?:city|town)\s+(?:did\s+)?you\s+(?:first\s+)?meet\s+your\s+(?:spouse|wife|husband|partner)\b"
    r"|\bstreet\s+(?:did\s+)?you\s+gr[eo]w\s+up\s+on\b|\b(?:city|town|where)\b[^?.]{0,20}\bparents\s+(?:first\s+)?meet\b"
    r"|\byour\s+favou?rite\s+(?:food|film|movie|book|band|song|colou?r|sports\s+team|team|teacher|holiday|animal"
    r"|singer|author|restaurant|place)\b(?!\s+(?:is|was)\b)|\banswer\s+you\s+(?:set|chose|picked|gave)\b|\bchildhood\s+(?:nickname|friend|hero|best\s+friend)\b"
    r"|\b(?:high\s+school\s+)?mascot\b|\b(?:father|dad|mother|mom|mum)'?s\s+middle\s+name\b"
    # Codes that open something, memorable words, and the words for a password or a sent code in other languages.
    r"|\b(?:backup|recovery|gate|door|lockbox|lock\s+box|alarm|garage|entry|building|unlock|puk)\s+codes?\b"
    r"|\bmemorable\s+(?:word|phrase|date|place|name)\b|\bcontrase(?:ñ|n)a\b|\bclave\b|\bpasswort\b|\bkennwort\b"
    r"|\bhas(?:ł|l)(?:o|a)\b|\bmot\s+de\s+passe\b|\bsenha\b|\bm(?:ậ|a)t\s+kh(?:ẩ|a)u\b|\bm(?:ã|a)\s+(?:otp|x(?:á|a)c)"
    r"|\b(?:c(?:ó|o)digo|code|kod)\s+(?:de\s+)?(?:verificaci(?:ó|o)n|v(?:é|e)rification|seguridad|s(?:é|e)curit(?:é|e)"
    r"|confirmaci(?:ó|o)n|weryfikacyjny|sms|otp)\b|\b(?:best(?:ä|a)tigungs|sicherheits)code\b"
    r"|\bapellido\s+de\s+soltera\b|\bprimera\s+mascota\b|\bm(?:ä|a)dchenname\b|\bersten?\s+haustier"
    r"|\bnom\s+de\s+jeune\s+fille\b|\bnazwisko\s+panie(?:ń|n)skie\b|\bnome\s+de\s+solteira\b|\bsicherheitsfrage\b"
    r"|\b(?:pregunta|question|pergunta)\s+de\s+(?:seguridad|s(?:é|e)curit(?:é|e)|seguran(?:ç|c)a)\b"
    r"|\bpytanie\s+(?:bezpiecze|pomocnicze)|\bc(?:â|a)u\s+h(?:ỏ|o)i\s+b(?:ả|a)o\s+m(?:ậ|a)t\b",
    "DATE_OF_BIRTH": r"\bdates?\s+of\s+birth\b|\bbirth\s*dates?\b|\bd\.?o\.?b\b|\bbirthdays?\b"
    r"|\bwhen\s+were\s+you\s+born\b|\byear\s+of\s+birth\b|\bfechas?\s+de\s+nacimiento\b|\bdate\s+de\s+naissance\b"
    r"|\bgeburtsdatum\b|\bdatas?\s+de\s+nascimento\b|\bdata\s+urodzenia\b|\bdata\s+di\s+nascita\b"
    # Dutch, Romanian, Indonesian/Malay, Vietnamese, Tagalog, Turkish, Nordic, Russian, Hindi and Arabic.
    r"|\bgeboortedatum\b|\bdata\s+na(?:ș|ş|s)terii\b|\b(?:tanggal|tarikh|tgl\.?)\s+lahir\b|\bng(?:à|a)y\s+sinh\b"
    r"|\bpetsa\s+ng\s+kapanganakan\b|\bkaarawan\b|\bdo(?:ğ|g)um\s+tarih|\bf(?:ø|ö|o)(?:d|ds)(?:sels|el)?dat(?:o|um)\b"
    r"|\bдат[аыу]\s+рождения\b|जन्म\s*(?:तिथि|तारीख|की\s+तारीख|दिनांक)|تاريخ\s+الميلاد",  # noqa: RUF001
    "ACCOUNT_ID": r"\b(?:account|acct\.?|a/c|member(?:ship)?|customer|policy|loyalty|subscriber|subscription|client"
    r"|contract|patient|insurance|health\s+card|medicare|loan|mortgage|lease|tenancy|profile|user|applicant|student"
    r"|employee|passport|staff|badge|tenant|group|plan|org(?:ani[sz]ation)?|workspace|merchant|seller|vendor"
    r"|supplier|affiliate|courier|dasher|billing|utility"
    # Cards that carry an account number: "loyalty card number", "membership card no."
    r"|(?:loyalty|membership|member|rewards?|library|club|frequent\s+flyer|insurance|benefits?)\s+card)"
    r"\s+(?:number|no\.?|nr\.?|num|#|id|code|ref(?:erence)?)(?!\w)"
    # Words whose "number" is as often a phone's ("your driver's number"): their "ID" only.
    r"|\b(?:driver|rider|host|company|business|household|partner|provider|shopper|dealer|agency)\s+id\b"
    r"|\b(?:account|acct|member|policy|customer)\s+(?:you\s+have\s+)?(?:with|on\s+file)\b"
    # "the number on your loyalty card", "the number at the top of your bill"
    r"|\bnumber\s+(?:on|at\s+the\s+top\s+of|printed\s+on)\s+(?:the\s+|your\s+)?(?:front\s+of\s+(?:the\s+|your\s+)?)?"
    r"(?:(?:loyalty|membership|member|rewards?|library|insurance|health|club|benefits?)\s+card|bill|statement"
    r"|policy|contract|welcome\s+letter|renewal\s+letter)\b"
    r"|\bmedical\s+record(?:\s+number)?\b|\bmrn\b|\bclabe\b|\bcbu\b|\buid\b|\bbsb\b|\bsort\s+code\b"
    r"|\b(?:n[úu]mero|num[ée]ro|numer|numero|nummer|num(?:ă|a)r(?:ul)?|nomor)\s+(?:de\s+|da\s+|do\s+|di\s+|del\s+)?"
    r"(?:cliente|client|klienta|cuenta|compte|conta|konta|conto|socio|s(?:ó|o)cio|afiliado|p[óo]liza|polizza|polisy"
    r"|ap(?:ó|o)lice|police|contrato|contratto|contrat|contract|umowy|rekening|pelanggan|polis|kontrak|anggota|akun"
    r"|nasabah|adh(?:é|e)rent|membre|tessera|abonado|abonat)\b"
    r"|\b(?:kunden|konto|vertrags|mitglieds|versicherungs|versicherten|klant|kund|lid|lidmaatschaps|medlems|polis"
    r"|contract|abonnee|avtals|klient)(?:nummer|nr)\b"
    r"|\b(?:m(?:ü|u)(?:ş|s)teri|hesap|poli(?:ç|c)e|s(?:ö|o)zle(?:ş|s)me|abone|(?:ü|u)yelik)\s+numara"
    r"|\b(?:id|kode)\s+pelanggan\b|\bcod(?:ul)?\s+(?:de\s+)?client\b|\bcodice\s+cliente\b"
    r"|\bc(?:ó|o)digo\s+de\s+(?:cliente|socio|afiliado)\b"
    r"|\b(?:s(?:ố|o)|m(?:ã|a))\s+(?:h(?:ợ|o)p\s+(?:đ|d)(?:ồ|o)ng|t(?:à|a)i\s+kho(?:ả|a)n|kh(?:á|a)ch\s+h(?:à|a)ng"
    r"|th(?:ẻ|e)\s+th(?:à|a)nh\s+vi(?:ê|e)n)",
    "ORDER_ID": r"\b(?:order|confirmation|booking|tracking|ticket|case|reference|ref|invoice|receipt|reservation"
    r"|return|rma|claim|transaction|shipment|file|prescription|rx|intake|application|work\s+order|job)"
    r"\s+(?:number|no\.?|num|#|id|code|reference|ref)(?!\w)|\bn[úu]mero\s+de\s+receta\b"
    r"|\bn(?:ú|u)mero\s+d[eo]\s+(?:pedido|orden|reserva|seguimiento|referencia|caso|protocolo)\b|\bbestellnummer\b"
    r"|\bnum(?:é|e)ro\s+de\s+(?:commande|r(?:é|e)servation|suivi|dossier)\b|\b(?:buchungs|sendungs|vorgangs)nummer\b"
    r"|\bnumer\s+(?:zam(?:ó|o)wienia|rezerwacji|przesy(?:ł|l)ki|zg(?:ł|l)oszenia)\b|\bm(?:ã|a)\s+(?:đơn|don)\s+h(?:à|a)ng\b"
    # Booking codes, and order words in Dutch, Indonesian, Turkish, Romanian, Italian and Vietnamese.
    r"|\bbooking\s+code\b|\bpnr\b|\b(?:record|booking)\s+locator\b"
    r"|\bnumber\s+(?:on|at\s+the\s+top\s+of|printed\s+on|in)\s+(?:the\s+|your\s+)?(?:invoice|receipt|packing\s+slip"
    r"|shipping\s+label|label|confirmation(?:\s+e-?mail)?|ticket|e-?ticket|booking\s+confirmation)\b"
    r"|\b(?:which|what)\s+(?:order|booking|reservation|ticket|case|claim|invoice|shipment|parcel|package)\b"
    r"(?!\s+(?:type|date|status|total|amount|size|time))"
    r"|\b(?:order|bestel|boekings|reserverings|dossier|zaak|referentie|klacht|factuur|track(?:ing)?)nummer\b"
    r"|\b(?:nomor|no\.?)\s+(?:pesanan|resi|tiket|booking|klaim|tagihan|invoice|order)\b"
    r"|\b(?:sipari(?:ş|s)|takip|rezervasyon|bilet|fatura)\s+numara"
    r"|\bnum(?:ă|a)r(?:ul)?\s+(?:de\s+)?(?:comenzii|comand(?:ă|a)|rezerv(?:ării|arii|are)|factur)"
    r"|\bnumero\s+(?:d['\u2019]\s?ordine|dell['\u2019]\s?ordine|della\s+(?:prenotazione|pratica)|di\s+(?:tracking|spedizione))"
    r"|\bcodice\s+(?:di\s+)?prenotazione\b|\bm(?:ã|a)\s+(?:đặt\s+chỗ|dat\s+cho|v(?:ậ|a)n\s+(?:đơn|don))",
    "PHONE_NUMBER": r"\b(?:tele)?phone(?:\s+number)?\b|\b(?:mobile|cell)(?:\s*phone|\s+number)?\b"
    r"|\b(?:contact|callback|call-back)\s+number\b|\bnumber\s+(?:we|i)\s+can\s+(?:reach|call)\b",
    "STREET_ADDRESS": r"(?<!e-mail\s)(?<!email\s)(?<!\bip\s)(?<!\bmac\s)(?<!\bweb\s)\baddress\b",
    "PARTIAL_ID": r"\b(?:last|final)\s+(?:4|four|few)\b|\blast\s+(?:digits|numbers)\b"
    # "What card ending do you see?", "What digits does the card end in?", "What does the card end with?"
    r"|\b(?:card|account|acct)\s+ending\b|\b(?:does|did)\s+(?:the|your|it)\s+(?:card|account|number)\s+end\b"
    r"|\bdigits\s+does\s+(?:the|your)\s+\w+\s+end\b",
    # Not "health card number", "insurance card", "library card": those cards carry account numbers.
    "CREDIT_CARD": r"\b(?:credit|debit|bank|payment)?\s*(?<!health\s)(?<!insurance\s)(?<!medical\s)(?<!library\s)"
    r"(?<!member\s)(?<!membership\s)(?<!loyalty\s)(?<!\bid\s)(?<!identity\s)(?<!rewards\s)(?<!\)\s)"
    r"card\s+(?:number|no\.?|#|details)\b|\bcc\s+number\b"
    r"|\bnumber\s+on\s+the\s+(?:front\s+of\s+)?(?:the\s+|your\s+)?card\b",
    "US_SSN": r"\bsocial\s+security(?:\s+number)?\b|\bssn\b|\b(?:your|my)\s+social\b",
    "IBAN_CODE": r"\biban\b",
    "IP_ADDRESS": r"\bip(?:\s+address)?\b",
}
_CUE_RES = {entity: re.compile(pattern, re.IGNORECASE) for entity, pattern in _CUES.items()}

# A sentence asks for something when it has a question mark or opens with a request. Negated sentences
# ("Please don't share your password in chat") ask for nothing.
_REQUEST_START = re.compile(
    # At the start of a sentence or after a lead-in clause ("To verify your account, please provide ...").
    # An opener may lead: "Now enter the backup code.", "And confirm the PIN."
    r"(?:^|[,;:]\s+)\W*(?:(?:now|next|then|also|and|so|ok(?:ay)?)\s+)?"
    r"(?:please|kindly|can\s+you|could\s+you|would\s+you|will\s+you|may\s+i|can\s+i|could\s+i"
    r"|what(?:'s|\s+is)|enter|type|provide|confirm|share|send|tell\s+me|give\s+me|reply\s+with|verify"
    r"|read\s+(?:me|out|back|it)|let\s+me\s+know|i(?:'ll|'d|\s+will|\s+would)?\s+need|we(?:'ll|'d|\s+will|\s+would)?\s+need"
    r"|i(?:'ll)?\s+just\s+need|just\s+need|go\s+ahead|i(?:'d|\s+would)\s+like|mind\s+(?:sharing|providing|confirming)"
    # The same in Spanish, Portuguese, German, French, Polish and Vietnamese.
    r"|por\s+favor|bitte|veuillez|merci\s+de|prosz[ęe]|vui\s+l(?:ò|o)ng|ind(?:í|i)queme|indique|informe|digite|podaj"
    r"|nennen\s+sie|geben\s+sie)\b"
    # Anywhere: "For verification I need the last 4 of your SSN", "we need you to confirm your username".
    r"|\b(?:i|we)(?:'ll|'d|\s+will|\s+would)?\s+(?:just\s+|also\s+|first\s+)?need\s+(?:you\s+to\s+\w+|your|the)\b"
    # At the end: "Just the last four digits please.", "your zip code pls"
    r"|\b(?:please|pls|plz)\W*$"
    # "Please" anywhere in other languages, after the subject or a greeting: "Bạn vui lòng cho mình ...",
    # "Mohon kirimkan nomor ...", "Pakibigay po ang ...", "Lütfen müşteri numaranizi ...", "Vă rog ...".
    r"|(?:\bvui\s+l(?:ò|o)ng|\bcho\s+(?:mình|em|tôi|minh|toi)\s+xin|\b(?:mohon|silakan|silahkan|tolong)\b|\bpaki"
    r"|\bl(?:ü|u)tfen\b|\bper\s+favore\b|\bv(?:ă|a)\s+rog\b|\bpor\s+favor\b|\bbitte\b|\bs'il\s+vous\s+pla[iî]t\b"
    r"|\balstublieft\b|\bgraag\b|\bprosz(?:ę|e)\b)",
    re.IGNORECASE,
)
_SENT_CODE = re.compile(
    r"\b(?:sent|texted|emailed|sending|texting|resent)\s+(?:you\s+)?(?:a|an|the|another)\s+(?:new\s+)?"
    r"(?:\d[-\s]?digit\s+|one[-\s]?time\s+|verification\s+|security\s+|confirmation\s+)*(?:code|pin|passcode|otp)\b",
    re.IGNORECASE,
)
# The same in other languages ("Le he enviado un código por SMS", "Nous vous avons envoyé un code", "Wir haben
# Ihnen einen Code gesendet", "Wysłaliśmy kod"), and a code sent again after one did not arrive ("the codes are
# being bounced ... I'll send one by voice call instead", "let me resend it"): the turn must name a code.
_SENT_CODE_OTHER = re.compile(
    r"\b(?:enviado|enviamos|envi[ée]|mandado|mandamos|envoy[ée]e?|envoyons|gesendet|geschickt|geschickt|senden|"
    r"wys[łl]ali[śs]my|wys[łl]a[łl]em|wys[łl]any|inviato|inviamo)\b[^.!?\n]{0,40}?\b(?:c[óo]digo|code|kod|codice)\b"
    r"|\b(?:c[óo]digo|code|kod|codice)\b[^.!?\n]{0,30}?\b(?:enviado|envoy[ée]|gesendet|wys[łl]any|inviato)\b",
    re.IGNORECASE,
)
_RESEND = re.compile(
    r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|let\s+me|i'?m\s+going\s+to|i\s+can)\s+(?:re-?)?send\s+(?:you\s+)?"
    r"(?:one|another(?:\s+one)?|a\s+new\s+one|it)\b",
    re.IGNORECASE,
)
_CODE_WORD = re.compile(r"\b(?:codes?|otp|passcode)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:don'?t|do\s+not|never|won'?t|shouldn'?t|not|nicht|nunca|jamais|não|không|nie"
    r"|no\s+(?:comparta|compartas|comparte|env(?:í|i)e|env(?:í|i)es|escriba|escribas|d(?:é|e)|revele|proporcione|facilite)"
    r"|ne\s+(?:\w+\s+){0,2}(?:pas|jamais))\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(r"\b(?:it|that|this|them|those)\b", re.IGNORECASE)
# A request with no cue of its own that asks for a value again ("Go ahead and type the full 9 digits",
# "Could you type it again?") refers to what the conversation last asked for.
_FOLLOW_UP = re.compile(
    r"\b(?:digits?|numbers?|again|full|whole|entire|rest|code|it)\b"
    r"|\b(?:current|old|existing|previous|present)\s+one\b",  # "What's the current one?" after "change my username"
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

# Openers customers wrap an answer in ("sure, it's ...", "yes my username is ..."), stripped before the value.
_LEAD_FILLER = re.compile(
    r"(?:hi|hello|hey|ok(?:ay)?|kk?|sure(?:\s+thing)?|yes|yeah|yea|yep|yup|ya|of\s+course|certainly|no\s+problem"
    r"|np|right|so|um+|uh+|hm+|well|oh|ah|sorry|thanks|thank\s+you|thx|ty|alright|fine|here\s+you\s+go"
    r"|here\s+it\s+is|there\s+you\s+go|got\s+it)\b(?![\-.]\w)[\s,.:;!\-\u2013\u2014]*",  # not "HM-AU-2045", "ok.com"
    re.IGNORECASE,
)
_LEAD_FRAME = re.compile(
    r"(?:it'?s|it\s+is|its|it\s+was|that'?s|that\s+is|this\s+is|i'?m|i\s+am|im|call\s+me|name'?s|should\s+be"
    r"|it\s+should\s+be|i\s+think\s+it'?s|i\s+think|i\s+believe|pretty\s+sure\s+it'?s"
    r"|here'?s\s+(?:the\s+whole\s+thing|it|the\s+\w+)|heres\s+(?:the\s+whole\s+thing|it)"
    r"|(?:my|the|our)\s+(?:[\w'-]+\s+){0,3}?(?:is|was|are|=|:)|(?:user\s*name|pin|password|zip|postcode|dob)\s+is"
    r"|try|tried|es(?:\s+el|\s+la)?|c'est|das\s+ist|ist|jest|to|é|là"
    r"|(?:it'?s\s+|its\s+|it\s+is\s+)?(?:under(?:\s+the\s+name(?:\s+of)?)?|in\s+the\s+name\s+of))(?=[\s,:;\-]|$)[\s,.:;\-]*"
    # A short label and a colon: "pin: 7508", "zip - 94107".
    r"|[A-Za-z][\w'. ]{0,24}?\s*[:=]\s+",
    re.IGNORECASE,
)
_TRAIL_WORDS = _wordset(
    "lol lmao haha hahaha thanks thx ty please pls plz btw i think thnik believe guess maybe probably right ok "
    "okay i'm sure here speaking"
)
_ALTERNATIVE_TYPES = frozenset({"USERNAME", "PASSWORD", "ORDER_ID", "ACCOUNT_ID"})
_ALTERNATIVES = re.compile(
    r"\s*(?P<first>[^\s,/]+)\s*[,/\u2013\u2014-]?\s+or\s+(?:maybe\s+|possibly\s+|perhaps\s+|else\s+)?(?P<second>[^\s,/]+)[\s.!?]*",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"(?:a|an|the)\s+(?=\S)", re.IGNORECASE)
_EDGE_CONNECTOR = re.compile(r"\s+(?:and|or|&)$", re.IGNORECASE)
# Replies to a request that are not the value asked for.
_ACKNOWLEDGEMENTS = _wordset(
    "makes sense sounds perfect awesome cool great sweet excellent wonderful understood gotcha noted nevermind "
    "nvm cheers appreciate appreciated works worked done will fantastic brilliant lovely correct yes no nope "
    "confirmed confirm agreed agree certainly absolutely definitely weird strange huh what why how hmm waiting"
    # What goes wrong while a customer looks for the value: "the chat froze", "page crashed", "code expired".
    " froze frozen crashed crashing expired failed broke broken stopped disconnected lagging loading glitched"
    " freezing timed timeout"
)
_CLAUSE_END = re.compile(r"[?!;]|\.(?:\s|$)|\s[-\u2013\u2014]\s")
_PIECE_SPLIT = re.compile(r"\s*(?:[,;/|]|\band\b|&)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")

# Values with a shape of their own are searched for inside the answer; the others must be the whole answer.
_DOT = r"\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SHAPES: dict[str, re.Pattern[str]] = {
    "EMAIL_ADDRESS": re.compile(
        rf"[\w+\-]+(?:{_DOT}[\w+\-]+)*\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[\w\-]+(?:{_DOT}[\w\-]+)+",
        re.IGNORECASE,
    ),
    "DATE_OF_BIRTH": re.compile(
        rf"(?<!\d)\d{{1,4}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}(?!\d)"
        rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:\d{{2,4}}|'\d{{2}})(?!\d)"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}\b",
        re.IGNORECASE,
    ),
    "CREDIT_CARD": re.compile(r"(?<![\d\-.])\d(?:[ .\-]?\d){11,18}(?![\d\-])"),
    "US_SSN": re.compile(r"(?<![\d\-.])(?:\d{3}[-. ]?\d{2}[-. ]?\d{4}|\d{3}[-. ]\d{3}[-. ]\d{3})(?![\d\-])"),
    "IBAN_CODE": re.compile(r"\b[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]){10,30}\b"),
    "IP_ADDRESS": re.compile(
        r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])|(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{1,4}(?![\w:])"
    ),
    "PHONE_NUMBER": re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-]{5,20}\d(?!\w)"),
    "ZIP_CODE": re.compile(
        r"(?<![\w-])(?:\d{5}(?:-\d{4})?|[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2})"
        r"(?![\w-])"
    ),
    "PARTIAL_ID": re.compile(r"(?<![\w\-])\d{4}(?![\w\-])"),  # not inside "Forge_2021"
}
_DIGIT_RANGE = {"PHONE_NUMBER": (7, 15), "CREDIT_CARD": (12, 19)}
# Bare answers that only fit when they are the whole answer ("2000" for a postcode, "0050" for last four).
_BARE_ZIP = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 \-]{1,8}[A-Za-z0-9]$")
_BARE_PARTIAL = re.compile(r"^\d(?:\s?\d){1,5}$")
# A PIN or code read out digit by digit or in groups: "2 1 7 6", "88 31 09", "5512 77" (4 to 10 digits in all).
_SPACED_DIGITS = re.compile(r"^(?=(?:\D*\d){4,10}\D*$)\d{1,4}(?:[\s\-]\d{1,4}){1,9}$")
# Two or three digits alone: half a code sent in two turns ("the code is 58" / "2914"), or a CVV.
_SHORT_DIGITS = re.compile(r"^\d{2,3}$")
# Digits read out in words: "four four seven one", "oh four three two".
_DIGIT_WORD = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_DIGITS = re.compile(rf"^{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}){{1,9}}$", re.IGNORECASE)
# An identifier read out: digit words, "double"/"triple", letters of a prefix and digits ("C U eight eight two").
_SPOKEN_ID_WORD = rf"(?:{_DIGIT_WORD}|double|triple|dash|hyphen|uh|um|erm|\d{{1,4}}|[a-z])"
_SPOKEN_ID = re.compile(rf"^{_SPOKEN_ID_WORD}(?:[\s,\-]+{_SPOKEN_ID_WORD}){{3,29}}$", re.IGNORECASE)


def _spoken_digit_count(value: str) -> int:
    """Digits in a value read out ("five five 12" -> 4): digit words and written digits."""
    words = re.findall(rf"\b{_DIGIT_WORD}\b|\d", value, re.IGNORECASE)
    return len(words)


def _inside_code(text: str, start: int, end: int) -> bool:
    """`text[start:end]` is part of a longer code: glued to a letter or digit, or joined to one by "-", "_", "/"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return True
    joined_before = before in "-_/" and start > 1 and text[start - 2].isalnum()
    joined_after = after in "-_/" and end + 1 < len(text) and text[end + 1].isalnum()
    return joined_before or joined_after


# A security answer described before its name: "a cat called Mittens", "my first car was one named Bessie".
_NAMED = re.compile(r"\b(?:called|named)\s+(?P<value>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?)")
# Capitalised words, not a verb in -ing ("Checking, it's loading"): a name that answers a security question.
_NAME_CLAUSE = re.compile(r"(?!\w+ing\b)[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,2}")
# A remark after a security answer and a comma describes it: "Mittens, a tabby", "Rex, he was a lab".
_APPOSITION = re.compile(
    r"(?:a|an|the|my|our|his|her|he|she|it|it'?s|that'?s|which|who|from|back|when)\b", re.IGNORECASE
)
_WORD_TOKEN = re.compile(r"^[^\W\d_][\w'.\-]*$")
_ID_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{2,39}$")
_USERNAME_TOKEN = re.compile(r"^@?[\w][\w.\-]{1,39}(?:#\d{4})?$")  # "nightowl#4421" (a Discord tag)
_GROUPED_ID = re.compile(
    # "TREE 8405 5914", "W 2291 0043", "QQ 12 34 56 C" (a check letter at the end)
    r"^(?:[A-Z]{1,5}|(?=[A-Za-z\-]*\d)[A-Za-z0-9\-]{1,20})(?:\s(?=[A-Za-z\-]*\d)[A-Za-z0-9\-]{2,20}){1,4}(?:\s[A-Z])?$"
)
# A value that opens an answer and chatter after it ("xX_doodlequeen_Xx lol from when i was 14",
# "012180015504738291, es de mi mamá"): taken only when its shape marks it as a handle or an identifier.
_LEADING_TOKEN = re.compile(
    r"(?:currently|still|now|right\s+now|atm)?[\s,:]*(?P<value>@?[\w][\w.\-]{2,39}?)(?=[\s,;]|$)", re.IGNORECASE
)
# The last word of an answer, after a space, a colon or dots, with its closing punctuation left out.
_TRAILING_CODE = re.compile(r"(?:^|[\s:])#?(?P<value>[A-Za-z0-9][\w\-/]*\d[\w\-/]*)[.!?)]*\s*$")
_DATE_SHAPE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}[/.\-]\d{4}|\d{4}[/.\-]\d{1,2}")
# A number after "on", "at", "since", "call", "text" or a currency is a date, a time, a place or a phone.
_TIME_OR_PLACE_BEFORE = re.compile(
    r"(?:\b(?:on|at|since|from|until|by|call|text|phone|tel|ring|whatsapp|dial)\s*:?|[$\u00a3\u20ac\u00a5\u20b9])\s*#?$",
    re.IGNORECASE,
)
# What introduces the code closing an answer: "it's", "is", a colon, dots, "number", "#" ("I ordered the
# WH-1000XM4" names a product).
_CODE_INTRO = re.compile(
    r"(?:\b(?:is|it'?s|its|it\s+is|that'?s|number|no\.?|here|ok|okay|yes|yep|sure|got\s+it|found\s+it"
    # ... and the same in other languages: "nomornya", "è", "c'est", "ist", "het is", "to", "ay", "hai", "là".
    r"|\w+nya|adalah|ialah|yaitu|ist|lautet|est|c'est|es|è|é|là|ay|hai|este|jest|to|är|er|son|sono|ho)"
    r"|[:#\-]|\.\.+|\u2026)\s*#?$",
    re.IGNORECASE,
)
_HANDLE_SHAPE = re.compile(r"\d|_|[a-z]\.[a-z]|[a-z][A-Z]")


@dataclass(frozen=True, slots=True)
class Turn:
    """One text field of one message, with what the conversation needs to know about it."""

    text: str
    conversation_id: str | None
    speaker: str | None
    field: str


def speaker_role(speaker: str | None) -> str:
    """'agent' for the company's side (agent, bot, system...), 'customer' for known customer labels,
    'unknown' for anything else (a Slack user name), 'none' without a speaker."""
    if speaker is None or not speaker.strip():
        return "none"
    words = set(re.split(r"[^a-z0-9]+", speaker.lower()))
    if words & _AGENT_WORDS:
        return "agent"
    if words & {"customer", "user", "client", "visitor", "guest", "caller", "member", "human", "enduser", "end"}:
        return "customer"
    return "unknown"


def _requests(text: str) -> tuple[list[str], list[str]]:
    """The sentences of `text` that ask for something, and the others."""
    requests: list[str] = []
    statements: list[str] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        if ("?" in sentence or _REQUEST_START.search(sentence)) and not _NEGATION.search(sentence):
            requests.append(sentence)
        else:
            statements.append(sentence)
    return requests, statements


@lru_cache(maxsize=16384)
def is_follow_up(text: str) -> bool:
    """Whether a turn asks for a value again without naming it ("Go ahead and type the full 9 digits")."""
    return any(_FOLLOW_UP.search(r) for r in _requests(text)[0])


def asked_types(text: str) -> list[str]:
    """Entity types an agent's turn asks for, in the order they are asked ("" -> [])."""
    return list(_asked_types(text))


@lru_cache(maxsize=16384)
def _asked_types(text: str) -> tuple[str, ...]:
    """`asked_types`, cached: agent and bot lines repeat word for word across conversations."""
    return tuple(_read_asked_types(text))


def _read_asked_types(text: str) -> list[str]:
    requests, statements = _requests(text)
    found = _cue_types(requests)
    # "I just sent a 6-digit code to your phone. Can you read it back to me?": the request points back at
    # what the statement before it named.
    if not found and any(_DEICTIC.search(r) for r in requests):
        found = _cue_types(statements)
    # "I've sent a verification code to your email.": the code is what the customer types next.
    if not found and any(_SENT_CODE.search(sentence) for sentence in statements):
        found = ["PASSWORD"]
    if not found and (
        _SENT_CODE_OTHER.search(text) or (_RESEND.search(text) is not None and _CODE_WORD.search(text) is not None)
    ):
        found = ["PASSWORD"]
    return found


def _cue_types(sentences: Iterable[str]) -> list[str]:
    hits: list[tuple[int, int, str]] = []
    for order, sentence in enumerate(sentences):
        for entity, cue in _CUE_RES.items():
            match = cue.search(sentence)
            if match:
                hits.append((order, match.start(), entity))
    types = [entity for _, _, entity in sorted(hits)]
    # "the email address" is not also a street address; "the name on the account" not an account number.
    if "EMAIL_ADDRESS" in types or "IP_ADDRESS" in types:
        types = [t for t in types if t != "STREET_ADDRESS"]
    return list(dict.fromkeys(types))


def _answer_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The value part of one answer line: openers ("sure, it's") and trailing chatter ("lol", emoji) cut."""
    while True:
        # Leading punctuation and emoji go, but not what can open a value: "@handle", "#order", "+44", "(415)".
        while start < end and not _is_word_char(text[start]) and text[start] not in "@#+(":
            start += 1
        match = _LEAD_FILLER.match(text, start, end) or _LEAD_FRAME.match(text, start, end)
        if not match or match.end() == start:
            break
        start = match.end()
    while end > start:
        tokens = list(_TOKEN.finditer(text, start, end))
        last = tokens[-1]
        word = last.group(0).strip(".,!?;:)").lower()
        if len(tokens) > 1 and (word in _TRAIL_WORDS or not any(_is_word_char(c) for c in last.group(0))):
            end = tokens[-2].end()
            continue
        stripped = end
        while stripped > start and (text[stripped - 1] in ".,!?;:)" or _is_symbol(text[stripped - 1])):
            stripped -= 1
        if stripped == end:
            break
        end = stripped
    return start, end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char).startswith("S") or char in "\ufe0f\u200d"


def _digits(value: str) -> int:
    return sum(c.isdigit() for c in value)


def _valid_weak(entity: str, value: str) -> bool:
    tokens = value.split()
    if not tokens or all(t.lower().strip(".,'") in STOPWORDS for t in tokens):
        return False
    if entity == "PERSON":
        names = [t.rstrip(",") for t in tokens]  # "Jones, Richard"
        return (
            len(names) <= 4
            and not any(c.isdigit() for c in value)  # "QX7H2M Nguyen" is a code and a name
            and value.count(",") <= 1
            and all(_WORD_TOKEN.match(t) for t in names)
            and not any(t.lower() in STOPWORDS for t in names)
        )
    if entity in ("USERNAME",):
        return len(tokens) == 1 and bool(_USERNAME_TOKEN.match(tokens[0])) and len(tokens[0].lstrip("@")) >= 3
    if entity == "PASSWORD":
        # Security answers run to a few words ("Rosewood Elementary", "fluffy the cat" is cut at "the"):
        # two or three words none of which is a stop word ("not sure", "one sec", "hang on" are not answers).
        few_words = (
            2 <= len(tokens) <= 3
            and all(_WORD_TOKEN.match(t) for t in tokens)
            and not any(t.lower() in STOPWORDS for t in tokens)
        )
        if any(t.lower().strip(".,!'") in _ACKNOWLEDGEMENTS for t in tokens):
            return False  # "Perfect", "Makes sense", "Sounds good": a reply, not a secret
        return (
            (len(tokens) == 1 and len(tokens[0]) >= 3)
            or bool(_SPACED_DIGITS.match(value))
            or bool(_SHORT_DIGITS.match(value))
            or few_words
        )
    if entity in ("ACCOUNT_ID", "ORDER_ID"):
        token = tokens[0].lstrip("#")
        if len(tokens) > 1:
            # Typed in groups: "8100 2274 913", "912 4471-B08", "TREE 8405 5914" (a short capitalised prefix).
            return bool(_GROUPED_ID.match(value.strip())) and _digits(value) >= 6
        return (
            bool(_ID_TOKEN.match(token))
            and len(token) >= 4
            # "ORD-2026-7859", "twlmv1go"; letters only when shouted like a code ("EJHAFJWJ"), not "thanks"
            and (_digits(token) > 0 or (token.isalpha() and token.isupper() and len(token) >= 6))
        )
    if entity == "STREET_ADDRESS":
        return 2 <= len(tokens) <= 20 and _digits(value) > 0 and any(c.isalpha() for c in value)
    return False


def _weak_fits(entity: str, value: str) -> bool:
    return _valid_weak(entity, value.strip())


# A one-time code or PIN inside an answer: 4-8 digits (or 3 and 3), not a price, time, quantity or year-like
# date part.
_CODE_IN_ANSWER = re.compile(
    r"(?<![\w$\u00a3\u20ac.,:/#-])(?:\d{4,8}|\d{3}[\s-]\d{3})(?![\w%.,:/-]?\d)(?!\s*(?:am|pm|%|dollars|bucks|usd|times|items)\b)",
    re.IGNORECASE,
)


# A year after a word that dates it ("bought it xmas 2021", "since 2019") is when, not a code.
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATED = re.compile(
    rf"\b(?:in|since|of|from|until|till|by|around|xmas|christmas|easter|summer|winter|spring|fall|autumn|year|back"
    rf"|early|late|mid|{_MONTH})\W*$",
    re.IGNORECASE,
)


def _codes_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [
        m
        for m in _CODE_IN_ANSWER.finditer(text, start, end)
        if not (_YEAR.fullmatch(m.group(0)) and _DATED.search(text, max(start, m.start() - 16), m.start()))
    ]


def answer_findings(text: str, asked: Sequence[str]) -> list[Finding]:
    """Findings for a customer turn read as the answer to a request for `asked` types ([] if it is not one)."""
    found: list[Finding] = []
    for line in re.finditer(r"[^\n]+", text):
        found = _answer_line(text, line.start(), line.end(), asked)
        if found:
            break
    return found


def _answer_line(text: str, line_start: int, line_end: int, asked: Sequence[str]) -> list[Finding]:
    found = _answer_span(text, line_start, line_end, asked)
    if not found:
        # "Oconnell i think? maybe with a capital letter": the value is the first clause.
        clause = _CLAUSE_END.search(text, line_start, line_end)
        if clause is not None and clause.start() > line_start:
            found = _answer_span(text, line_start, clause.start(), asked)
    if not found and ("PASSWORD" in asked or "PARTIAL_ID" in asked):
        # "it's 2290, box is on the left of the door": a code or the last digits, then a remark after a comma;
        # "ok got a call, the code is 58": a remark, then the code.
        # Only a clause with digits: "that's it, thank you james" gives no secret; or a security answer and a
        # remark that describes it: "Mittens, a tabby".
        comma = text.find(", ", line_start, line_end)
        if comma > line_start:
            if _digits(text[line_start:comma]) or (
                "PASSWORD" in asked
                and _APPOSITION.match(text, comma + 2, line_end) is not None
                and _NAME_CLAUSE.fullmatch(text[line_start:comma].strip()) is not None
            ):
                found = _answer_span(text, line_start, comma, asked)
            last = text.rfind(", ", line_start, line_end) + 2
            if not found and _digits(text[last:line_end]):
                found = _answer_span(text, last, line_end, asked)
    if not found and ("ACCOUNT_ID" in asked or "ORDER_ID" in asked):
        # "it's KXQ9P2, booked under Smith", "sure, 55120934": an identifier with a remark before or after it;
        # only a clause with a digit, read for the identifier types alone.
        ids = [t for t in asked if t in ("ACCOUNT_ID", "ORDER_ID")]
        comma = text.find(", ", line_start, line_end)
        if comma > line_start:
            if _digits(text[line_start:comma]):
                found = _answer_span(text, line_start, comma, ids)
            last = text.rfind(", ", line_start, line_end) + 2
            if not found and _digits(text[last:line_end]) and len(text[last:line_end].split()) <= 3:
                found = _answer_span(text, last, line_end, ids)
        # "its 8830 1142 67 (on the top right)": a remark in brackets after the value.
        bracket = text.find(" (", line_start, line_end)
        if not found and bracket > line_start and _digits(text[line_start:bracket]):
            found = _answer_span(text, line_start, bracket, ids)
        if not found and len(text[line_start:line_end].split()) <= 12:
            # "ok it's on the card... PX-4471209": the code that closes a short answer, when its shape vouches.
            tail = _TRAILING_CODE.search(text, line_start, line_end)
            if tail is not None:
                token = tail.group("value")
                digits = _digits(token)
                letters = any(c.isalpha() for c in token)
                dated = _DATE_SHAPE.fullmatch(token) is not None or _TIME_OR_PLACE_BEFORE.search(
                    text, line_start, tail.start("value")
                )
                shaped = digits >= 6 or (digits >= 4 and letters and len(token) >= 6)
                introduced = _CODE_INTRO.search(text, line_start, tail.start("value")) is not None
                if _ID_TOKEN.match(token) and shaped and introduced and not dated:
                    found = [Finding(*tail.span("value"), ids[0], ANSWER_SCORE, ANSWER_RECOGNIZER)]
    return found


def _answer_span(text: str, line_start: int, line_end: int, asked: Sequence[str]) -> list[Finding]:
    start, end = _answer_bounds(text, line_start, line_end)
    if start >= end or len(text[start:end].split()) > 24:
        return []
    if start > line_start and text[start - 1] in "$\u00a3\u20ac\u00a5\u20b9":
        return []  # "$40": a price, whatever was asked
    value = text[start:end]
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(entity: str, s: int, e: int) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        found.append(Finding(s, e, entity, ANSWER_SCORE, ANSWER_RECOGNIZER))

    ids_asked = "ACCOUNT_ID" in asked or "ORDER_ID" in asked
    # Longest shapes first, so a full SSN given after "last four of your SSN?" is one SSN, not a partial.
    for entity in sorted((a for a in asked if a in _SHAPES), key=lambda a: list(_SHAPES).index(a)):
        for match in _SHAPES[entity].finditer(text, start, end):
            s, e = match.start(), match.end()
            while e > s and text[e - 1] in " -.(":
                e -= 1
            low, high = _DIGIT_RANGE.get(entity, (0, 99))
            if ids_asked and _inside_code(text, s, e):
                continue  # "LF-20093387" asked for an account or the phone on file: the digits are the id's
            if low <= _digits(text[s:e]) <= high:
                add(entity, s, e)
    bare = value.strip()
    if not found:
        if "ZIP_CODE" in asked and _BARE_ZIP.match(bare):
            add("ZIP_CODE", start, end)
        elif "PARTIAL_ID" in asked and _BARE_PARTIAL.match(bare):
            add("PARTIAL_ID", start, end)
        elif ("PARTIAL_ID" in asked or "PASSWORD" in asked) and _SPOKEN_DIGITS.match(bare) and len(bare.split()) >= 3:
            add("PASSWORD" if "PASSWORD" in asked else "PARTIAL_ID", start, end)
            return found
        elif ids_asked and _SPOKEN_ID.match(bare) and _spoken_digit_count(bare) >= 5:
            # "five five one two nine nine three four": an account or order number read out digit by digit.
            add("ACCOUNT_ID" if "ACCOUNT_ID" in asked else "ORDER_ID", start, end)
            return found
    weak = [a for a in asked if a not in _SHAPES or a == "STREET_ADDRESS"]
    if not weak:
        return found
    if "PASSWORD" in weak and (named := _NAMED.search(text, start, end)) is not None:
        add("PASSWORD", *named.span("value"))  # "a cat called Mittens"
        return found
    if "PASSWORD" in weak:
        # "I got 482913", "the text says 482 913": a code read out inside a short sentence, once.
        codes = _codes_in(text, start, end)
        if len(codes) == 1 and len(value.split()) <= 8 and not _weak_fits("PASSWORD", value):
            add("PASSWORD", codes[0].start(), codes[0].end())
            weak = [a for a in weak if a != "PASSWORD"]
            if not weak:
                return found
    # Asked for two things ("username and password?"), the answer is split into pieces ("jsmith / hunter2"),
    # each given to the first asked type it fits, in the order asked. Asked for one, the whole answer must
    # fit: "damaged and one item is missing" is not a password.
    # What shaped values left over ("Jane Doe, 03/04/1985" asked for name and date of birth) is the rest.
    used: set[str] = set()
    pieces: list[tuple[int, int]] = []
    cursor = start
    for s, e in sorted(taken):
        pieces.append((cursor, s))
        cursor = e
    pieces.append((cursor, end))
    if len(weak) == 1 and weak[0] in _ALTERNATIVE_TYPES and len(pieces) == 1:
        # "kate.r or maybe kater": a customer unsure of a login gives both guesses.
        alternatives = _ALTERNATIVES.fullmatch(text, *pieces[0])
        if alternatives is not None:
            pieces = [alternatives.span("first"), alternatives.span("second")]
            weak = weak * 2
    if len(weak) > 1 and not ("STREET_ADDRESS" in weak and not found):  # an address is one value, commas and all
        split: list[tuple[int, int]] = []
        for piece_start, piece_end in pieces:
            cursor = piece_start
            for sep in [*_PIECE_SPLIT.finditer(text, piece_start, piece_end), None]:
                split.append((cursor, sep.start() if sep is not None else piece_end))
                if sep is not None:
                    cursor = sep.end()
        pieces = split
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while s < e and text[s] in ",;:/-":
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?/-"):
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        # "W4829301 and" once the zip code after it is taken: a dangling connector is not part of the value.
        if (connector := _EDGE_CONNECTOR.search(text, s, e)) is not None and connector.start() > s:
            e = connector.start()
        if s >= e or any(s < te and ts < e for ts, te in taken):
            continue
        piece = text[s:e]
        if "PASSWORD" in weak and (article := _ARTICLE.match(piece)) is not None and len(piece.split()) <= 4:
            s += article.end()  # "a Honda" for the first car
            piece = text[s:e]
        typed = False
        for entity in weak:
            if (entity in used and len(set(weak)) > 1) or not _valid_weak(entity, piece):
                continue
            if entity in ("ACCOUNT_ID", "ORDER_ID") and text[s] == "#":
                s += 1
            # "it should be Fluffy2019!": a closing "!" glued to a one-word secret may be part of it.
            while entity == "PASSWORD" and " " not in piece and e < line_end and text[e] == "!":
                e += 1
            add(entity, s, e)
            used.add(entity)
            typed = True
            break
        if not typed and len(set(weak)) > 1:
            _id_then_rest(text, s, e, [t for t in weak if t not in used], add, used)
    if not used and len(set(weak)) == 1 and weak[0] in _LEADING_TYPES:
        _leading_value(text, start, end, weak[0], add)
    return found


_LEADING_TYPES = frozenset({"USERNAME", "ACCOUNT_ID", "ORDER_ID"})


def _id_then_rest(
    text: str, s: int, e: int, weak: Sequence[str], add: Callable[[str, int, int], None], used: set[str]
) -> None:
    """Two values asked for together and typed with only a space between: "QX7H2M Nguyen" for a booking
    reference and a last name. The first word must be an identifier with a digit, the rest the other type."""
    head = _TOKEN.match(text, s, e)
    if head is None or head.end() >= e:
        return
    if not _digits(head.group(0)):
        _rest_then_id(text, s, e, weak, add, used)
        return
    rest_start = head.end()
    while rest_start < e and text[rest_start].isspace():
        rest_start += 1
    first = next((t for t in weak if t in ("ACCOUNT_ID", "ORDER_ID") and _valid_weak(t, head.group(0))), None)
    if first is None:
        return
    second = next((t for t in weak if t != first and _valid_weak(t, text[rest_start:e])), None)
    if second is None:
        return
    add(first, head.start(), head.end())
    add(second, rest_start, e)
    used.update((first, second))


_TRAILING_ID = re.compile(r"\s+(?P<value>[#A-Za-z0-9][\w\-/.]*\d[\w\-/.]*(?:\s\d[\d\-]*)*)$")


def _rest_then_id(
    text: str, s: int, e: int, weak: Sequence[str], add: Callable[[str, int, int], None], used: set[str]
) -> None:
    """The same the other way round: "mark tuilagi 0041 7782" for a full name and a member number. The id is
    the trailing run of digit groups (at least four digits), the words before it the other type."""
    tail = _TRAILING_ID.search(text, s, e)
    if tail is None or _digits(tail.group("value")) < 4:
        return
    id_start, id_end = tail.span("value")
    second = next((t for t in weak if t in ("ACCOUNT_ID", "ORDER_ID") and _valid_weak(t, text[id_start:id_end])), None)
    if second is None:
        return
    head = text[s : tail.start()]
    first = next((t for t in weak if t != second and _valid_weak(t, head)), None)
    # "account 8830 1142 67": the word before the number names it; a name has a known or unusual word.
    if first is None or (first == "PERSON" and not _name_like(head)):
        return
    add(first, s, tail.start())
    add(second, id_start, id_end)
    used.update((first, second))


def _name_like(value: str) -> bool:
    """Some word of `value` is a known given or family name, or a word English hardly uses."""
    return any(
        is_first_name(w) or is_last_name(w) or (english_zipf(w.lower()) < 3.0 and not foreign_everyday(w.lower()))
        for w in value.split()
    )


def _leading_value(text: str, start: int, end: int, entity: str, add: Callable[[str, int, int], None]) -> None:
    """The handle or identifier that opens an answer followed by chatter, when its shape vouches for it."""
    match = _LEADING_TOKEN.match(text, start, end)
    if match is None:
        return
    s, e = match.span("value")
    while e > s and text[e - 1] in ".-":
        e -= 1
    token = text[s:e]
    digits = _digits(token)
    if entity == "USERNAME":
        fits = len(token.lstrip("@")) >= 3 and digits < len(token) and _HANDLE_SHAPE.search(token) is not None
    else:
        letters = any(c.isalpha() for c in token)
        fits = bool(_ID_TOKEN.match(token)) and (digits >= 6 or (digits >= 4 and letters and len(token) >= 6))
    if fits:
        add(entity, s, e)


# ---- propagation -------------------------------------------------------------------------------------

# Types whose values are specific enough to find again by string match. LOCATION, NRP and DATE_TIME are
# not: "Paris" or "Monday" elsewhere in a conversation is usually not the same mention.
PROPAGATED_TYPES = frozenset(
    {
        "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "USERNAME", "ACCOUNT_ID", "ORDER_ID", "ZIP_CODE", "PASSWORD",
        "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS", "URL", "STREET_ADDRESS", "DATE_OF_BIRTH",
        "PARTIAL_ID", "US_BANK_NUMBER", "US_PASSPORT", "US_DRIVER_LICENSE", "US_ITIN", "UK_NHS",
    }
)  # fmt: skip
# Identifiers typed with arbitrary grouping: matched with any spaces, dashes or dots between characters.
_LOOSE_TYPES = frozenset(
    {"ACCOUNT_ID", "ORDER_ID", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "ZIP_CODE", "PARTIAL_ID", "US_BANK_NUMBER",
     "US_PASSPORT", "US_DRIVER_LICENSE", "US_ITIN", "UK_NHS"}
)  # fmt: skip
# Long numbers whose last four digits, seen alone in the same conversation ("the card ending 0637"), are
# the same customer's partial identifier.
_LAST_FOUR_TYPES = frozenset({"CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_BANK_NUMBER", "ACCOUNT_ID"})
# Values found again only as a whole host, address or link, never inside a longer one.
_ADDRESS_LIKE = frozenset({"URL", "EMAIL_ADDRESS", "IP_ADDRESS"})
_SEPARATORS = re.compile(r"[\s.\-]+")
_LEFT = r"(?<![\w@])"
_RIGHT = r"(?![\w@])"
_POSSESSIVE_RIGHT = r"(?:(?![\w@])|(?=s(?![\w@'\u2019])))"


@dataclass(frozen=True, slots=True)
class _Needle:
    entity_type: str
    pattern: str
    case_sensitive: bool
    score: float
    # A cheap necessary condition for a match: `probe` occurs in the `view` of the text ("text": lower-cased,
    # "loose": lower-cased without separators, "digits": digits only). Most values occur once; only those
    # whose probe occurs twice or more in the conversation are compiled and searched for.
    probe: str
    view: str


def _needles(entity: str, value: str, score: float, region: str) -> list[_Needle]:
    """Patterns that find `value` (an `entity` found somewhere in the conversation) in other turns."""
    value = value.strip().strip(".,;:!?\"'()[]")
    if len(value) < 3:
        return []
    out: list[_Needle] = []
    if entity == "PERSON":
        parts = [value, *value.split()] if " " in value else [value]
        for part in dict.fromkeys(parts):
            part = part.strip(".,'")
            # "Will", "Mark", "Max": only as capitalized as found, or "check my bill" becomes a name.
            # An everyday word ("Data", "Will", "Grant") is found again only as capitalized as it was found.
            lower = part.lower()
            # "Johan van Rooyen": "van" alone is a particle, and "a white van" is no one.
            if lower in PARTICLES:
                continue
            # "Soy Farmi", "Karo": a word another language uses daily is found again only as it was typed.
            sensitive = (
                lower in _WORD_NAMES
                or ((english_zipf(lower) >= _EVERYDAY_ZIPF or foreign_everyday(lower)) and not is_first_name(lower))
                or lower in ROMAN_HINDI
            )
            if len(part) < 3 or not any(c.isalpha() for c in part) or (part.lower() in STOPWORDS and not sensitive):
                continue
            words = r"\s+".join(re.escape(w) for w in part.split())
            # "whats kemis address", "that card is Eves": a possessive typed without its apostrophe.
            right = _RIGHT if part.endswith("s") else _POSSESSIVE_RIGHT
            out.append(_Needle(entity, _LEFT + words + right, sensitive, score, part.split()[0].lower(), "text"))
        return out
    if value.lower() in STOPWORDS:
        return []
    if entity == "PHONE_NUMBER":
        national = _national_digits(value, region)
        if national is None or len(national) < 7:
            return []
        body = r"[\s().\-]*".join(national)
        prefix = r"(?:(?:\+|00)\d{1,3}[\s.\-]*)?(?:\(?0\)?[\s.\-]*)?\(?"
        return [_Needle(entity, r"(?<![\w+])" + prefix + body + r"(?!\w)", False, score, national, "digits")]
    if entity in _LOOSE_TYPES and sum(c.isalnum() for c in value) >= 4:
        chars = [c for c in value if c.isalnum()]
        pattern = _LEFT + r"[\s.\-]?".join(re.escape(c) for c in chars) + _RIGHT
        out.append(_Needle(entity, pattern, False, score, "".join(chars).lower(), "loose"))
    elif entity == "USERNAME":
        name = value.lstrip("@")
        out.append(_Needle(entity, _LEFT + "@?" + re.escape(name) + _RIGHT, False, score, name.lower(), "text"))
    elif entity in _ADDRESS_LIKE:
        # "example.com" found in a customer's e-mail is not in the agent's "https://help.example.com/returns":
        # a domain or address matches only where it is not part of a longer host, address or path.
        pattern = r"(?<![\w@./:\-])" + re.escape(value) + r"(?![\w@\-]|[./:]\w)"
        out.append(_Needle(entity, pattern, False, score, value.split()[0].lower(), "text"))
    else:
        words = r"\s+".join(re.escape(w) for w in value.split())
        sensitive = entity == "PASSWORD" and len(value) < 6
        out.append(_Needle(entity, _LEFT + words + _RIGHT, sensitive, score, value.split()[0].lower(), "text"))
    digits = "".join(c for c in value if c.isdigit())
    if entity in _LAST_FOUR_TYPES and len(digits) >= 8:
        pattern = r"(?<![\w\-])" + digits[-4:] + r"(?![\w\-])"
        out.append(_Needle("PARTIAL_ID", pattern, False, score, digits[-4:], "digits"))
    return out


def _national_digits(value: str, region: str) -> str | None:
    digits = "".join(c for c in value if c.isdigit())
    try:
        parsed = phonenumbers.parse(value, region)
        national = str(parsed.national_number)
        return national if national and national in digits else digits
    except phonenumbers.NumberParseException:
        return digits or None


def _propagate(
    turns: Sequence[Turn],
    indices: Sequence[int],
    found: list[list[Finding]],
    allowed: set[str],
    region: str,
    allow: AllowList,
) -> None:
    needles: dict[tuple[str, str, bool], _Needle] = {}
    for i in indices:
        text = turns[i].text
        for f in found[i]:
            if f.entity_type not in PROPAGATED_TYPES:
                continue
            for needle in _needles(f.entity_type, text[f.start : f.end], f.score, region):
                if needle.entity_type not in allowed:
                    continue
                key = (needle.entity_type, needle.pattern, needle.case_sensitive)
                if key not in needles or needles[key].score < needle.score:
                    needles[key] = needle
    if not needles:
        return
    views: dict[str, list[str]] = {"text": [], "loose": [], "digits": []}
    for i in indices:
        lower = turns[i].text.lower()
        views["text"].append(lower)
        views["loose"].append(_SEPARATORS.sub("", lower))
        views["digits"].append("".join(c for c in lower if c.isdigit()))
    repeated = [n for n in needles.values() if sum(v.count(n.probe) for v in views[n.view]) >= 2]
    if not repeated:
        return
    # Longest patterns first: "Jane Doe" is found before "Jane", whose match inside it then adds nothing.
    ordered = sorted(repeated, key=lambda n: -len(n.pattern))
    for position, i in enumerate(indices):
        text = turns[i].text
        existing = {(f.start, f.end) for f in found[i]}
        for needle in ordered:
            if needle.probe not in views[needle.view][position]:
                continue  # the value cannot occur in this turn
            for match in _needle_regex(needle.pattern, needle.case_sensitive).finditer(text):
                span = (match.start(), match.end())
                # Inside a finding already there, a match adds no coverage and could only retype it.
                if any(s <= span[0] and span[1] <= e for s, e in existing) or allow.allows(text, *span):
                    continue
                if needle.entity_type == "PERSON" and (is_not_a_person(text, *span) or is_business_name(text, *span)):
                    continue  # "my cat Mr Whiskers", "Johnson LLC", wherever a person's name was found first
                existing.add(span)
                found[i].append(Finding(span[0], span[1], needle.entity_type, needle.score, PROPAGATED_RECOGNIZER))


@lru_cache(maxsize=8192)
def _needle_regex(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    """One needle's compiled pattern; the same values (an agent's name, a bot's link) recur across conversations."""
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


# ---- credentials mentioned without a question -------------------------------------------------------------

# A conversation about signing in: any turn naming a password or a failed log-in.
_CREDENTIAL_TOPIC = re.compile(
    r"\b(?:pass\s?(?:word|code|phrase)s?|passwd|pwd|log(?:ging)?[\s-]?in(?:to)?|sign(?:ing)?[\s-]?in(?:to)?|locked\s+out"
    r"|credentials?|can'?t\s+(?:get\s+in|access))\b",
    re.IGNORECASE,
)
# What a customer tried: "tried X and Y", "i've been using X", "typed X". A candidate mixes letters with digits
# or a symbol ("summerwillow23", "Willow!2026"), so "tried again" or "using the app" never qualifies.
_TRIED_VALUE = r"""
    (?=[^\s,;]*\d)(?=[^\s,;]*[a-z])[^\s,;'"`]{5,40}     # letters and digits: "summerwillow23"
    |(?=[^\s,;]*[!\#$%^&*?~])[^\s,;'"`]{6,40}           # or a symbol: "Willow!2026"
"""
_TRIED = re.compile(
    rf"""
    \b(?:(?:tried|try(?:ing)?|typed|typing|entered|entering|put)(?:\s+in)?|using|used|use
       |reset\s+it\s+to|changed\s+it\s+to)\s+               # what the customer did with it
    (?:both\s+)?(?P<first>{_TRIED_VALUE})
    (?:\s*(?:,|and|or|&|then)\s*(?:also\s+)?(?P<second>{_TRIED_VALUE}))?   # "X and Y", "X, Y"
    (?![^\s,;.!?])                                          # a whole token
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NOT_A_SECRET = re.compile(r"@|://|^www\.|\.(?:com|org|net|io)$|^v?\d+(?:\.\d+)+$|^\d+$", re.IGNORECASE)
CREDENTIAL_RECOGNIZER = "conversation:credential"
_GUESSED_TYPES = frozenset({"PERSON", "LOCATION", "NRP", "ORGANIZATION"})


def _link_credentials(turns: Sequence[Turn], indices: Sequence[int], found: list[list[Finding]]) -> None:
    """Passwords a customer reports trying in a conversation about signing in ("tried X and Y, neither works"),
    where no agent asked and nothing in the message itself says they are passwords. Any turn, before or
    after, may say what the conversation is about ("I can't log in", "please change that password")."""
    if not any(_CREDENTIAL_TOPIC.search(turns[i].text) for i in indices):
        return
    for i in indices:
        turn = turns[i]
        if speaker_role(turn.speaker) == "agent":
            continue
        for match in _TRIED.finditer(turn.text):
            for group in ("first", "second"):
                start, end = match.span(group)
                if start < 0:
                    continue
                while end > start and turn.text[end - 1] in ".,;:?)":
                    end -= 1
                value = turn.text[start:end]
                if _NOT_A_SECRET.search(value):
                    continue
                # A name or place guess on a token with digits or symbols ("Maple!2019", "banjo5179") is
                # the model reading the secret as a word: the secret replaces it.
                found[i] = [
                    f for f in found[i] if not (f.entity_type in _GUESSED_TYPES and start <= f.start and f.end <= end)
                ]
                if any(f.start < end and start < f.end for f in found[i]):
                    continue
                found[i].append(Finding(start, end, "PASSWORD", ANSWER_SCORE, CREDENTIAL_RECOGNIZER))


# ---- company-side links ----------------------------------------------------------------------------------

_PERSONAL_URL_RECOGNIZER = "ChatPersonalUrlRecognizer"


def _drop_company_links(turns: Sequence[Turn], indices: Sequence[int], found: list[list[Finding]]) -> None:
    """Drop plain links an agent, bot or system line gives ("See https://help.example.com/returns").

    Policy: a URL is PII when it identifies someone: a token, an e-mail or a user in it (those are found by
    the personal-URL recognizer and kept wherever they appear), or a link the customer typed (their own
    site or profile). A company's help page quoted by the company's side identifies no one.
    """
    for i in indices:
        if speaker_role(turns[i].speaker) != "agent":
            continue
        found[i] = [f for f in found[i] if f.entity_type != "URL" or f.recognizer == _PERSONAL_URL_RECOGNIZER]


# ---- the seam --------------------------------------------------------------------------------------------


def _reports(entity: str, settings: DetectionSettings) -> bool:
    if entity in settings.ignore_entities:
        return False
    return settings.entities is None or entity in settings.entities


def link_conversation(
    turns: Sequence[Turn], findings: Sequence[list[Finding]], settings: DetectionSettings
) -> list[list[Finding]]:
    """Findings per turn, in order, after using the conversation's context (same length as `turns`).

    Turns are grouped by `conversation_id` (a turn without one is its own conversation) and read in batch
    order, which is the order of the conversation's messages.
    """
    found = [list(f) for f in findings]
    options = settings.conversation
    if not (options.answers or options.propagate or options.bot_names):
        return found
    allow = AllowList(settings.allow_list)
    conversations: dict[str, list[int]] = {}
    for index, turn in enumerate(turns):
        key = turn.conversation_id if turn.conversation_id is not None else f"\x00{index}"
        conversations.setdefault(key, []).append(index)
    for indices in conversations.values():
        if options.bot_names:
            _drop_bot_personas(turns, indices, found)
            _drop_company_links(turns, indices, found)
        if options.answers:
            _link_answers(turns, indices, found, settings, allow)
            if _reports("PASSWORD", settings):
                _link_credentials(turns, indices, found)
        if options.propagate:
            allowed = {t for t in PROPAGATED_TYPES if _reports(t, settings)}
            _propagate(turns, indices, found, allowed, settings.default_region, allow)
            _harmonize_ids(turns, indices, found)
    return found


_ID_TYPES = ("ACCOUNT_ID", "ORDER_ID")


def _harmonize_ids(turns: Sequence[Turn], indices: Sequence[int], found: list[list[Finding]]) -> None:
    """One identifier, one type across a conversation: "HP-448201-77" taken for an order by its shape alone
    in one turn is the policy number a cue or a question named elsewhere ("I see policy HP-448201-77")."""
    best: dict[str, Finding] = {}
    for i in indices:
        text = turns[i].text
        for f in found[i]:
            if f.entity_type in _ID_TYPES:
                key = _SEPARATORS.sub("", text[f.start : f.end].lower())
                if key not in best or best[key].score < f.score:
                    best[key] = f
    if not best:
        return
    for i in indices:
        text = turns[i].text
        for n, f in enumerate(found[i]):
            if f.entity_type not in _ID_TYPES:
                continue
            top = best.get(_SEPARATORS.sub("", text[f.start : f.end].lower()))
            if top is not None and top.entity_type != f.entity_type and top.score > f.score:
                found[i][n] = Finding(f.start, f.end, top.entity_type, f.score, f.recognizer)


def _drop_bot_personas(turns: Sequence[Turn], indices: Sequence[int], found: list[list[Finding]]) -> None:
    """Drop the name a bot gives itself ("Hi there! I'm Max, the virtual assistant"), wherever it appears in
    the conversation with the same spelling: a product's persona names no one.

    A persona is one word ("Max", "Nova"). A name a customer or a human agent wrote before the bot used it is
    theirs: an assistant drafting "Hi, I'm Priya" for a user who said "I'm Priya" writes the user's name."""
    personas: dict[str, int] = {}
    for position, i in enumerate(indices):
        speaker = turns[i].speaker
        if speaker is None or not set(re.split(r"[^a-z0-9]+", speaker.lower())) & _BOT_WORDS:
            continue
        text = turns[i].text
        for f in found[i]:
            name = text[f.start : f.end]
            if (
                f.entity_type == "PERSON"
                and " " not in name
                and _SELF_INTRO.search(text, max(0, f.start - 40), f.start)
            ):
                personas.setdefault(name, position)
    for name in _said_by_people(turns, indices, personas):
        del personas[name]
    if personas:
        for i in indices:
            text = turns[i].text
            found[i] = [f for f in found[i] if not (f.entity_type == "PERSON" and text[f.start : f.end] in personas)]


def _said_by_people(turns: Sequence[Turn], indices: Sequence[int], first_use: dict[str, int]) -> set[str]:
    """The names a customer or human agent wrote before the bot's first use of them."""
    said: set[str] = set()
    for position, i in enumerate(indices):
        speaker = turns[i].speaker
        if speaker is not None and set(re.split(r"[^a-z0-9]+", speaker.lower())) & _BOT_WORDS:
            continue
        for name, first in first_use.items():
            if position < first and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", turns[i].text):
                said.add(name)
    return said


@dataclass(slots=True)
class _Pending:
    asked: list[str]
    speaker: str | None
    field: str
    budget: int
    own: bool = False  # the customer named the value and sends it in their next turn ("my ssn is" / "523...")
    retry: bool = False  # answered; the next turn may correct it ("wait no, 3390") or finish it ("58" / "2914")
    short: bool = False  # the answer was two or three digits: half a code


# A customer turn that ends on a cue and a separator sends the value in the next turn: "my ssn is", "username:".
_DANGLING = re.compile(r"(?:\b(?:is|was|are|it'?s)|[:=\-])\s*$", re.IGNORECASE)
# Types still open after one part of a two-part request is answered ("username and password?" -> "jdoe88",
# then "Fluffy2019!"). A name or an address is not waited for: free text is too easily read as one.
_LEFTOVER_TYPES = frozenset(
    {"USERNAME", "PASSWORD", "ACCOUNT_ID", "ORDER_ID", "US_SSN", "EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH",
     "ZIP_CODE", "CREDIT_CARD", "IBAN_CODE"}
)  # fmt: skip
# Secrets and last digits are mistyped, corrected and sent in halves: after one is answered, the customer's next
# turn is read again when it opens with a correction, or with digits after a short code.
_RETRY_TYPES = frozenset({"PASSWORD", "PARTIAL_ID", "USERNAME"})
_CORRECTION = re.compile(
    r"^\W*(?:(?:wait|sorry|sry|oops|oh|ah|ugh|hmm+|no|nope|actually|correction|typo|my\s+bad|i\s+mean[t]?|scratch\s+that"
    r"|hold\s+on|hang\s+on|wrong\s+one|not\s+that(?:\s+one)?|that'?s\s+wrong|that\s+was\s+wrong)\b[\s,.:;!\-\u2013\u2014]*)+",
    re.IGNORECASE,
)
_LEADING_DIGIT = re.compile(r"^\s*\d")


def _retry_text(pending: _Pending, text: str) -> str | None:
    """The turn to read again as the answer after a retry-able one (the opener blanked out), else None."""
    correction = _CORRECTION.match(text)
    if correction is not None and correction.end() < len(text.rstrip()):
        rest = text[correction.end() :]
        # "wait no, 3390", not "oh and my order number is 12345" (another value, named) or a new topic.
        named = set(_cue_types(_SENTENCE.findall(rest)))
        if len(rest.split()) <= 6 and named <= set(pending.asked):
            return " " * correction.end() + rest
    if pending.short and _LEADING_DIGIT.match(text):
        return text
    return None


def _id_correction(text: str, last_id: tuple[str, int, int]) -> list[Finding]:
    """An identifier corrected in a short turn that opens with "sorry", "wait", "actually"...: read as the same
    type when it has about as many digits as the one it corrects ("sorry, it's 5512-9935"), not a count."""
    correction = _CORRECTION.match(text)
    if correction is None or correction.end() >= len(text.rstrip()):
        return []
    rest = text[correction.end() :]
    if len(rest.split()) > 6 or set(_cue_types(_SENTENCE.findall(rest))) - {last_id[0]}:
        return []
    entity, digits, _ = last_id
    answer = answer_findings(" " * correction.end() + rest, [entity])
    return [f for f in answer if abs(_digits(text[f.start : f.end]) - digits) <= 2]


# One answer settles the other reading of the same request: the last four of an SSN are not then the SSN,
# a code "sent to your phone" is not then the phone number.
_SETTLES = {
    "PARTIAL_ID": {"US_SSN", "CREDIT_CARD", "ACCOUNT_ID", "PHONE_NUMBER"},
    "US_SSN": {"PARTIAL_ID"},
    "CREDIT_CARD": {"PARTIAL_ID"},
    "PASSWORD": {"PHONE_NUMBER", "EMAIL_ADDRESS"},
}


def _dangling_types(text: str) -> list[str]:
    """What a customer turn ending on a cue ("my social security number is") announces, else []."""
    stripped = text.rstrip()
    if not _DANGLING.search(stripped):
        return []
    sentences = _SENTENCE.findall(stripped)
    return _cue_types(sentences[-1:]) if sentences else []


def _leftover(pending: _Pending, answer: Sequence[Finding]) -> list[str]:
    answered = {f.entity_type for f in answer}
    settled = set(answered).union(*(_SETTLES.get(t, set()) for t in answered))
    return [t for t in pending.asked if t not in settled and t in _LEFTOVER_TYPES]


def _link_answers(
    turns: Sequence[Turn],
    indices: Sequence[int],
    found: list[list[Finding]],
    settings: DetectionSettings,
    allow: AllowList,
) -> None:
    pending: _Pending | None = None
    last_asked: list[str] = []
    # The last identifier answered (type, its digits, turns left): "sorry, it's 5512-9935" two turns later
    # corrects it, once the agent has read it back.
    last_id: tuple[str, int, int] | None = None
    for i in indices:
        turn = turns[i]
        role = speaker_role(turn.speaker)
        if role == "none":
            continue  # without speakers, who asked and who answered cannot be told apart
        if last_id is not None:
            if role == "customer" and pending is None and (fix := _id_correction(turn.text, last_id)):
                found[i].extend(f for f in fix if not allow.allows(turn.text, f.start, f.end))
                last_id = None
            elif last_id[2] <= 1:
                last_id = None
            else:
                last_id = (last_id[0], last_id[1], last_id[2] - 1)
        if role == "customer":
            # "Do you really need my social?" names what the agent's cue-less "type the full 9 digits" wants.
            mentioned = [t for t in _cue_types(_SENTENCE.findall(turn.text)) if _reports(t, settings)]
            if mentioned and not last_asked:
                last_asked = mentioned
        if pending is not None and pending.retry and role != "customer":
            pending = None  # the agent moved on: an earlier answer stands
        if role in ("agent", "unknown"):
            asked = [t for t in asked_types(turn.text) if _reports(t, settings)]
            if not asked and last_asked and role == "agent" and is_follow_up(turn.text):
                asked = last_asked
            if asked:
                pending = _Pending(asked, turn.speaker, turn.field, budget=3)
                last_asked = asked
                continue
            if role == "agent":
                continue  # "Take your time." keeps the question open
        if pending is not None and pending.retry:
            again = _retry_text(pending, turn.text) if turn.field == pending.field else None
            if again is None:
                pending = None
            else:
                answer = [
                    f for f in answer_findings(again, pending.asked) if not allow.allows(turn.text, f.start, f.end)
                ]
                found[i].extend(answer)
                pending = None
        elif pending is not None and turn.field == pending.field and (pending.own or turn.speaker != pending.speaker):
            answer = [
                f for f in answer_findings(turn.text, pending.asked) if not allow.allows(turn.text, f.start, f.end)
            ]
            if answer:
                found[i].extend(answer)
                ids = [f for f in answer if f.entity_type in ("ACCOUNT_ID", "ORDER_ID")]
                if ids:
                    last_id = (ids[0].entity_type, _digits(turn.text[ids[0].start : ids[0].end]), 3)
                rest = _leftover(pending, answer) if len(pending.asked) > 1 and not pending.own else []
                retry_types = sorted({f.entity_type for f in answer} & _RETRY_TYPES)
                if rest:
                    pending = _Pending(rest, pending.speaker, pending.field, budget=2)
                elif retry_types and not pending.own:
                    short = any(
                        f.entity_type == "PASSWORD" and _SHORT_DIGITS.match(turn.text[f.start : f.end]) for f in answer
                    )
                    pending = _Pending(retry_types, pending.speaker, pending.field, budget=1, retry=True, short=short)
                else:
                    pending = None
            else:
                pending.budget -= 1
                if pending.budget <= 0:
                    pending = None
        if pending is None or pending.own or pending.retry:
            announced = [t for t in _dangling_types(turn.text) if _reports(t, settings)]
            if announced:
                pending = _Pending(announced, turn.speaker, turn.field, budget=1, own=True)
            elif pending is not None and pending.own:
                pending = None
