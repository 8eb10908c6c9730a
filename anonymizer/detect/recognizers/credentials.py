"""PASSWORD: passwords, PINs, security answers and one-time codes typed after a cue word."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import STOP_WORDS, alternation, typo_tolerant, verbose_pattern
from .identifiers import PrefilteredRecognizer, folded_literals
from .ner_filter import CHAT_SLANG

# "is", ":", "=", "should be" ... between a cue and its value; optional so "pwd hunter2" still matches, but
# then the value must look like a secret (see `reject_match`): "my password yesterday" names no password.
_SEPARATOR = r"""
    (?:["'](?=\s*[:=]))?                                                # a JSON key: "password": "hunter2"
    (?P<sep>'s|\s+(?:is|was|were|are|=|-|:|should\s+be|will\s+be|would\s+be|set\s+to|changed\s+to|now)\b|\s*[:=]
      |\s+[-\u2013\u2014](?=\s)                                       # "password - letmein"
      |\s*\?+\s*(?:it'?s|its|it\s+is)(?=\s)(?P<asked>))?                 # "password? its X": a secret's shape
    (?:\s+(?:is|still|now|just|actually|currently)\b)?          # "password is still X", "pin is now 1234"
    (?:\s*:)?\s*
"""

# Words between a cue and its separator: who used or sent the secret ("the password i used was X", "the code
# they texted me is X") or what it is for ("my password for gmail is X"). Only taken before a separator.
_QUALIFIER = r"""
    (?:
      (?:\s+(?:that|which))?
      \s+(?:i|you|u|they|we|it|ya'?ll)(?:'ve|'re|'m|'d|\s+(?:have|are|am|just|had|was|were))?
      \s+(?:(?:just|always|usually|originally|first|last)\s+)?
      (?:used|use|tried|try|entered|enter|typed|type|using|trying|set|sent|send|texted|emailed|gave|give
        |got|get|received|put\s+in|chose|picked|made|created|had|have|remember|saved)
      (?:\s+(?:me|us|you|to\s+me|before|earlier|yesterday|today|last\s+time|just\s+now))?
      |\s+(?:for|on|to|of)\s+(?:my\s+|the\s+|our\s+|your\s+)?[\w.\-]{2,30}
        (?:\s+(?:account|app|login|site|door|gate|entrance|garage|building|unit|box|safe|alarm))?  # "side door"
      |\s+(?:from|in)\s+(?:the|that|your|my)\s+(?:text|e-?mail|sms|message|app|authenticator)
      |\s+to\s+(?:get\s+in(?:to)?|open|unlock|enter|access)(?:\s+(?:the|my|our|your))?(?:\s+[\w.\-]{2,30})?  # to get in
    )
    (?=\s+(?:is|was|were|=)\b|\s*[:=])
"""

# A quoted value may contain spaces ("P@ss w0rd"); `regex` lets every branch name its group `value`.
_QUOTED = r"""(?:"(?P<value>[^"\n]{1,64})"|`(?P<value>[^`\n]{1,64})`|'(?P<value>[^'\n]{1,64})'(?!\w))"""

# Words after a cue that describe the secret instead of giving it ("your password is case-sensitive").
_NOT_SECRETS = STOP_WORDS | {
    "case-sensitive", "sensitive", "required", "updated", "changed", "saved", "weak", "strong", "short",
    "long", "ready", "valid", "accepted", "rejected", "expiring", "expires", "manager", "protected",
    "incorrect", "wrong", "hint", "hints", "field", "requirements", "policy", "rules", "link", "email",
    "mail", "text", "sms", "message", "reset", "recovery", "change", "update", "below", "attached",
    "there", "here", "set", "successfully", "too", "same", "blank", "empty", "hidden", "masked",
    "definitely", "probably", "temporary", "temp", "fine", "good", "okay", "ok", "case", "different",
    "expire", "never", "something", "anything", "whatever", "one", "mine", "yours", "ending", "starting",
    "because", "but", "and", "or", "when", "after", "before", "for", "on", "in", "to", "at", "from", "with",
    "null", "nil", "none", "undefined", "true", "false", "redacted", "removed", "n/a", "tbd", "todo",
    "lowercase", "uppercase", "lower", "upper", "capitalized", "numeric", "numbers", "digits", "letters",
    "characters", "see", "sent", "written", "printed", "taped", "stuck", "stored",
} | CHAT_SLANG  # fmt: skip

# What a secret typed without "is" or ":" must show: a digit, a symbol, an underscore or an inner capital
# ("pwd hunter2", "password Tr0ub4dor&3", "pw FluffyCat"); "password yesterday", "password isn't" are words.
_SECRET_SHAPE = regex.compile(r"\d|[^\w\s'\u2019\-]|_|(?<=[a-z])[A-Z]")

# Words that describe a security answer in the other languages of its cues ("es obligatorio", "ist falsch").
_NOT_ANSWERS = frozenset(
    {"obligatorio", "obligatoria", "requerido", "requerida", "incorrecto", "incorrecta", "correcto", "correcta",
     "erforderlich", "falsch", "richtig", "obligatoire", "requis", "incorrect", "correct", "incorrecte", "wymagane",
     "wymagany", "błędne", "błędny", "poprawne", "obrigatório", "obrigatória", "incorreto", "incorreta", "correto",
     "sai", "đúng", "necesario", "notwendig", "nécessaire", "potrzebne", "necessário"}
)  # fmt: skip

# Function words, none of which is in the BIP-39 word list of recovery phrases.
_FUNCTION_WORDS = frozenset(
    {"the", "is", "in", "at", "my", "your", "on", "to", "of", "and", "it", "an", "you", "we", "was", "be", "for",
     "with", "not", "its", "are", "but", "or", "so", "that", "this", "have", "has", "our", "safe", "stored", "written"}
)  # fmt: skip

_NUMBER_WORDS = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"

# "zip code", "promo code" ... name codes that are not secrets (other recognizers or nothing handle them).
_PUBLIC_CODES = [
    "confirmation", "promo", "promotional", "discount", "coupon", "voucher", "gift", "referral", "zip",
    "postal", "post", "area", "country", "error", "status", "response", "tracking", "product", "sort", "qr",
    "source", "dress", "bar", "booking", "reference", "ref", "order", "item", "sku", "tax", "billing",
    "shipping", "airport", "branch", "swift", "bic", "routing", "iban", "region", "language", "currency",
    "store", "course", "class", "model", "part", "fault", "diagnostic", "trouble", "icd", "cpt", "fare", "color",
    "colour", "style", "event", "station", "dial", "seat", "room", "gift-card", "redemption", "campaign", "offer",
    "reservation", "ticket", "case", "claim", "invoice", "account", "member", "customer", "policy", "transaction",
    "loyalty", "serial", "flight", "fare", "hotel",
]  # fmt: skip
# "use code WELCOME10", "apply code SPRING25": a code that is used or applied with letters in it is a promo
# code (a one-time code sent by SMS is digits: "Use code 482913 to sign in"); a code in an error report is
# an error code ("error E-4012, code 7731 blinking").
_PROMO_VERB = regex.compile(r"(?:use|using|apply|applied|applying|redeem|redeemed|with|enter(?:ed)?)\s+(?:the\s+)?$")
_SENT_QUALIFIER = regex.compile(r"\b(?:sent|texted|emailed|got|received|gave|sms|text)\b", regex.IGNORECASE)
_ERROR_CONTEXT = regex.compile(r"\b(?:error|fault|warning|blinking|flashing|status|led|light)\b", regex.IGNORECASE)


# Password and code cues in the other languages support chats arrive in (German, Spanish, Polish, French,
# Portuguese, Vietnamese, Dutch, Italian, Swedish, Danish, Finnish, Turkish), and the English words as they are
# used inside those languages ("la password è", "pass là", "mk là", "mi PIN es").
_FOREIGN_CUE_WORDS = r"""
    (?:passwort|kennwort|contrase(?:ñ|n)a|clave(?:\s+de\s+acceso)?|has(?:ł|l)o|mot\s+de\s+passe|mdp|senha
      |m(?:ậ|a)t\s+kh(?:ẩ|a)u|wachtwoord|l(?:ö|o)senord|adgangskode|salasana|(?:ş|s)ifre
      |c(?:ó|o)digo(?:\s+(?:de\s+)?(?:verificaci(?:ó|o)n|seguridad|acceso|confirmaci(?:ó|o)n|sms|otp|pin))?
        # Not a customer number (an account id), an order or a public discount or product code.
        (?!\s+(?:de\s+|do\s+|da\s+)?(?:cliente|socio|afiliado|usuario|promocional|promoci(?:ó|o)n|descuento
          |desconto|producto|produto|pedido|reserva|barras)\b)
      |code\s+(?:de\s+)?(?:v(?:é|e)rification|s(?:é|e)curit(?:é|e)|confirmation|sms|otp|pin)
      |kod(?:\s+(?:weryfikacyjny|sms|blik|dost(?:ę|e)pu|jednorazowy|pin))?
      |best(?:ä|a)tigungscode|sicherheitscode|zugangscode|einmalcode|verificatiecode
      |m(?:ã|a)\s+(?:otp|x(?:á|a)c\s+(?:nh(?:ậ|a)n|th(?:ự|u)c)|pin)
      |пароль|парол(?:ем|я)|heslo|jelsz(?:ó|o)|kata\s+sandi|parol(?:a|e)|lozinka|geslo|parool|slapta(?:ž|z)odis
      |κωδικ(?:ό|o)ς(?:\s+πρόσβασης)?|पासवर्ड|كلمة\s+(?:المرور|السر))
"""
_FOREIGN_SEPARATOR = r"(?:es|ist|est|(?:é|è)|jest|to|l(?:à|a)|lautet|era|war|wynosi|brzmi|is|was|=|:)"
_ENGLISH_CUE_WORDS = r"(?:pass\s?word|pass|pw|pwd|mk|pin|otp)"

# A key of a config file, an .env line, a JSON object or an HTTP header that names a secret: DB_PASSWORD=,
# "api_key": , clientSecret: , x-api-key: , spring.datasource.password= . The cue word ends the key.
_CONFIG_KEY_WORD = r"""
    (?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key
      |secret[_\-]?key|auth[_\-]?key|credentials?|client[_\-]?secret|signing[_\-]?key|encryption[_\-]?key
      |master[_\-]?key|session[_\-]?key|webhook[_\-]?secret|auth[_\-]?token|refresh[_\-]?token
      |access[_\-]?token|bearer[_\-]?token)
"""
# Keys this short are also English words ("token: 12" in prose): their value must look like a secret.
_BARE_KEYS = frozenset({"pass", "secret", "token", "credential", "credentials", "pwd", "password", "passwd"})
# Values of a secret key that are placeholders, references or types, not secrets.
_PLACEHOLDER = regex.compile(
    r"""(?ix)
    ^(?:null|none|nil|true|false|undefined|empty|required|optional|string|str|int|bool|env|redacted|removed
       |hidden|masked|secret|password|passwd|pass|token|changeme?|example|sample|placeholder|todo|tbd|xxx+|\.\.\.+)$
    """
)
# Values after any password cue that refer to a secret kept elsewhere: "${DB_PASSWORD}", "<your-token>",
# "os.environ[...]", "{{ vault.pw }}"; an "@host" or "/path" glued to the cue word ("user:password@localhost").
_REFERENCE = regex.compile(
    r"""(?ix)
    ^\$(?:\{|(?-i:[A-Z_][A-Z0-9_]*)$)         # ${VAR}, $DB_PASSWORD
    |^<[^>]*>?$|^\{\{|^%\(|^%s$|^[(\[][a-z]+[)\]]?$   # <your-token>, {{ secret }}, %(pw)s, "(recommended)"
    |^(?:your|my|the|some|insert|enter|put)[_\-\s]   # your_api_key_here
    |[_\-](?:here|goes[_\-]here)$
    |^\*+$|^x+$|^•+$
    |^(?:os|self|this|settings|config|cfg|conf|env|process|args|opts|options|params|request|ctx|app|secrets
       |vault|credentials|creds)\.           # os.environ, settings.DB_PASSWORD, config.token
    |environ|getenv|process\.env|vault:
    """
)
# Vendor key formats that are secrets wherever they appear (each is documented by its issuer).
_VENDOR_FORMATS = r"""
    (?-i:
      eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}      # a JSON Web Token
      |gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}               # GitHub
      |glpat-[A-Za-z0-9_\-]{20,}                                             # GitLab
      |(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}        # Stripe
      |sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{32,}                                 # OpenAI, Anthropic
      |(?:AKIA|ASIA)[A-Z0-9]{16}                                             # AWS access key id
      |xox[abprs]-[A-Za-z0-9\-]{10,}                                         # Slack
      |AIza[A-Za-z0-9_\-]{35}                                                # Google API key
      |SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}                          # SendGrid
      |npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_\-]{50,}                          # npm, PyPI
      |hf_[A-Za-z0-9]{30,}                                                   # Hugging Face
      |shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}                                    # Shopify
      |dop_v1_[a-f0-9]{64}|lin_api_[A-Za-z0-9]{40}|sq0(?:atp|csp)-[A-Za-z0-9_\-]{22,}   # DigitalOcean, Linear, Square
      |xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,}                                   # Slack app-level token
      |\d{8,10}:AA[A-Za-z0-9_\-]{33}                                         # Telegram bot token
    )
"""


# "pass", "pwd", "pw" or "pin": a word every match of two list patterns holds.
_PASS_PW_PIN = folded_literals("pass", "pw", "pin")


# Things locked by a few digits, and the verbs that pick the digits ("i'll use", "will be", "set it to").
_LOCK = r"""(?:safe|lock(?:er|box)?|padlock|alarm|keypad|key\s?pad|door|gate|garage|pin|passcode|pass\s+code|code
    |combination|combo)"""
_PICKED = r"""
    (?:i'?ll\s+(?:use|make\s+it|set\s+it\s+to|go\s+with|pick|choose)|i\s+will\s+(?:use|make\s+it|pick)
      |i'?m\s+(?:gonna\s+|going\s+to\s+)?(?:use|using|go\s+with|going\s+with|set(?:ting)?\s+it\s+to|mak(?:e|ing)\s+it)
      |i\s+(?:used|use|picked|chose|set\s+it\s+to|changed\s+it\s+to|made\s+it)|going\s+with
      |(?:set|change|changed|reset)\s+(?:it|the\s+(?:code|pin))\s+to|it'?s\s+now|is\s+now|will\s+be|new\s+one\s+is)
"""
# Not a longer or spaced number, a time, an amount or a count.
_NOT_A_QUANTITY = r"""(?![\w.,/:-]?\d|\s\d)
    (?!\s*(?:am|pm|h\b|hrs|hours|mins|minutes|times|x\b|%|[$€£]|dollars|euros?|pounds|bucks|usd|eur|gbp))"""


class PasswordRecognizer(PrefilteredRecognizer):
    """The value after a password, PIN, security-answer or one-time-code cue; the cue is not flagged."""

    ENTITY = "PASSWORD"
    NAME = "ChatPasswordRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "password cue",
            rf"""
            \b(?:pass\s?word|{typo_tolerant("password")}|passwd|pwd|pw|p/w|pass\s?phrase|pass\s?code|pass\s?key
               |(?:wi-?fi|wlan|wpa2?|wpa3|wep|router|network|hotspot)\s+(?:key|code|pin|passkey|security\s+key)
               |login\s+pass|secret\s+(?:word|phrase)
               |memorable\s+(?:word|phrase)
               |log-?in\s+(?:is|are|details\s+are|details|info)\s*:?\s+(?:user(?:name)?\s*:?\s+)?\S+\s+(?:and|/|\|)\s*)
            """
            + "(?:"
            + _QUALIFIER
            + ")?"
            + _SEPARATOR
            + rf"""
            (?:{_QUOTED}|(?P<value>[^\s"'`]{{2,64}}))   # one token unless quoted
            """,
            0.75,
        ),
        verbose_pattern(
            "secret in parentheses after its cue",
            r"""
            \b(?:pass\s?word|passwd|pwd|pass\s?code|pin|otp|(?:one[-\s]?time|verification|security|backup|recovery)\s+code)
            (?:\s+(?:they|you|i|we|he|she|it)\s+(?:gave|sent|set|texted|emailed|used|made|chose|picked)(?:\s+(?:me|us))?)?
            \s*\(\s*(?P<shape>)(?P<value>[^\s()"'`]{4,64})\s*\)                # "the password they gave me (X)"
            """,
            0.7,
        ),
        verbose_pattern(
            "secret changed to a value",
            r"""
            \b(?:reset|changed?|set|updated?|switched|made)\s+(?:my\s+|the\s+|our\s+|his\s+|her\s+)?
            (?:new\s+|temporary\s+|temp\s+)?(?:pass\s?word|passwd|pwd|pw|pass\s?code|pin)
            (?:\s+(?!to\b|back\b)[a-z]+){0,2}?                            # "changed my password yesterday to"
            \s+to\s+(?:be\s+)?
            """
            + rf"""
            (?:{_QUOTED}|(?P<value>[^\s"'`]{{2,64}}))
            """,
            0.75,
        ),
        verbose_pattern(
            "pass cue, secret-shaped value",
            r"""
            \b(?:my|the|your|login|log-?in|account|new|old|temp)\s+pass\s*(?:is|was|=|:)\s*     # "my pass is"
            (?P<shape>)(?P<value>[^\s"'`]{4,64})
            """,
            0.7,
        ),
        verbose_pattern(
            "second secret in a list",
            r"""
            \b(?:pass\s?words?|passwd|pwd|pw|pass\s?codes?|pins?)\b        # "the password i tried was X and Y"
            [^\n.!?]{0,40}?\S(?:\s*(?:,|\band\b|\bor\b|&|\bthen\b)){1,2}\s*(?:also\s+|maybe\s+)?
            (?P<shape>)(?P<value>[^\s"'`,]{4,64})(?![^\s.,!?;:)])
            """,
            0.6,
        ),
        verbose_pattern(
            "secret before its cue",
            r"""
            (?<![\w@/.:=\-])(?P<shape>)(?P<value>[^\s"'`,]{4,64})          # "Fluffy2019! is my password"
            \s*[,\-\u2013\u2014]?\s*(?:is|was|=|that'?s|thats|it'?s|should\s+be)\s+(?:my|the|our|your)\s+
            (?:new\s+|old\s+|current\s+|temp(?:orary)?\s+|login\s+)?
            (?:pass\s?word|passwd|pwd|pw|pass\s?code|pin|otp|(?:verification|security|one[-\s]?time|2fa|sms)\s+code)\b
            """,
            0.7,
        ),
        verbose_pattern(
            "secret after a login e-mail",
            r"""
            (?<![^\s(<\["'`,;])                                  # an address that starts a word, not a URL's
            [\w.+\-]{1,64}@[a-z0-9\-]{1,63}(?:\.[a-z0-9\-]{1,63}){1,4}   # "ana@x.co.uk / Pw2019!"
            (?:\s*[/|]\s*|:(?=\S)|\s+(?:pw|pwd|pass(?:word)?|p/w)\s*[:=]?\s*)
            (?P<login_pair>)(?P<value>[^\s"'`,;]{4,64})
            """,
            0.7,
        ),
        verbose_pattern(
            "answer after a security question",
            r"""
            (?P<answer_cue>)
            \bsecurity\s+question\b[^\n.;!]{0,80}?\banswer(?:\s+(?:is|was)|\s*[:=\-])?\s+   # "..., answer Pickles"
            ["'`]?(?P<value>[^\s,;.!?"'`/]+(?:\s+(?-i:[A-Z])[^\s,;.!?"'`/]*)?)
            """,
            0.7,
        ),
        verbose_pattern(
            "pin cue",
            r"""
            \b(?:pin|pin\s?(?:code|number|no\.?|\#)|cvv2?|cvc2?|csc|puk(?:\s?code)?|unlock\s+(?:code|pin)
               |(?:card\s+)?security\s+code|card\s+verification(?:\s+(?:code|value|number))?
               |pass\s?code|lock\s?box(?:\s+(?:code|combo|combination))?|key\s?safe|combo|combination)
            """
            + "(?:"
            + _QUALIFIER
            + ")?"
            + _SEPARATOR
            + r"""
            (?:\(?\s*(?:\d|four|five|six|eight)[\s-]digits?(?:\s+long)?\s*\)?\s*[:,\-]?\s*)?  # "is 4 digits: 1234"
            ["'*\#]?(?P<value>\d{3,8}|\d(?:[ -]\d){3,7}|\d{1,2}(?:-\d{1,2}){2,3})(?![\w.,/-]?\d)
            # digits only: "pin the chat" is a verb; "4 8 2 1": read out digit by digit; "12-34-56": a combination
            """,
            0.8,
        ),
        verbose_pattern(
            "digits chosen for a lock",
            # "when i reset the safe i'll use 4471", "the new alarm code will be 0914": a lock, safe, alarm or PIN
            # named earlier in the sentence, then the digits the writer picks for it.
            rf"""
            \b{_LOCK}\b[^\n.!?]{{0,40}}?\b{_PICKED}\s+(?P<value>\d{{4,8}}){_NOT_A_QUANTITY}
            """,
            0.7,
        ),
        verbose_pattern(
            "digits chosen, then the lock",
            # "i'll use 8812 for the front door", "going with 3097 as the alarm code".
            rf"""
            \b(?:{_PICKED}|it'?s|its|enter|punch\s+in|key\s+in|type\s+in)\s+(?P<value>\d{{4,8}}){_NOT_A_QUANTITY}
            \s+(?:for|as|on)\s+(?:the\s+|my\s+|our\s+|his\s+|her\s+|their\s+)?(?:[a-z]+\s+){{0,2}}?{_LOCK}\b(?!\s+deposit)
            """,
            0.7,
        ),
        verbose_pattern(
            "code typed by mistake",
            r"""
            # A message that is only a code, then the writer noticing: "449 120 - oh sorry just typed it here by
            # mistake", "558213 oops wrong window", "4471 ignore that".
            ^\s*(?P<mistake>)(?P<value>\d{3}[\s-]\d{3}|\d{4,8})\s*[-\u2013\u2014,.!:;]*\s*
            (?:(?:oh|ah|uh|um|ugh|lol|haha)\W*\s*)?
            (?:oops|whoops|woops|sorry|sry|ignore\s+(?:that|this)|pls\s+ignore|please\s+ignore|wrong\s+(?:window|chat|tab
              |box|field|screen|app|thread|person)|(?:didn'?t|did\s+not)\s+mean|typed\s+(?:it|that|this)\s+(?:here|in\s+here)
              |by\s+mistake|my\s+bad)
            """,
            0.7,
        ),
        verbose_pattern(
            "secret read out in number words",
            r"""
            \b(?:pin|pass\s?code|otp|(?:one[-\s]?time|verification|security|access|gate|door|lockbox|alarm|backup|sms
               |2fa|login|auth(?:entication)?)\s+code|code|password|pw)
            (?:\s+(?:number|no\.?))?
            (?:\s+(?:is|was|=|:|should\s+be)|\s*[:=])?(?:\s+(?:still|now|just))?\s*
            (?P<spoken>)(?P<value>"""
            + _NUMBER_WORDS
            + r"""(?:[\s,\-]+"""
            + _NUMBER_WORDS
            + r"""){3,7})\b                                      # "four four one seven"
            """,
            0.75,
        ),
        verbose_pattern(
            "one-time code cue",
            rf"""
            (?:
              \b(?:otp|2fa|mfa|tfa|totp)(?:\s+code)?                      # "OTP 4829", "2fa code: 123456"
              |\bcode(?<!\b(?:{alternation(_PUBLIC_CODES)})[\s-]code|[?&;]code)  # not "zip code"
            )
            (?P<code_cue>)
            """
            + "(?:"
            + _QUALIFIER
            + ")?"
            + _SEPARATOR
            + r"""
            [\#*]?(?P<value>(?=[a-z0-9-]*\d)[a-z0-9]{3,8}(?:-[a-z0-9]{3,8}){1,4}    # backup codes: "7hq2-9kd4"
              |(?=[a-z0-9-]*\d)[a-z0-9]{4,10}|\d{3}[\s-]\d{3}                    # "482913", "482 913"
              |\d(?:[\s-]\d){3,7}(?![\s-]?\d))(?![\w-])                           # "4-1-9-9"
            """,
            0.7,
        ),
        verbose_pattern(
            "password-shaped token",
            r"""
            (?<![\w@/.:=\-])                                           # not a URL parameter value
            (?=[^\s\d=]*\d)(?!-)                                          # a digit (most words fail here), no "-pFlag"
            (?P<value>
              (?-i:(?=[^\s=]*[a-z])(?=[^\s=]*[A-Z]))                            # lower, upper and a digit ...
              (?=[^\s=]*[!@\#$%^&*?~+_.\-][^\s=]*[a-z0-9])           # ... and an inner symbol,
              (?=[^\s=]*[!@\#$%^&*?~+_]|[a-z\-]+\d+(?![\w.!@\#$%^&*?~+=\-]))   # or "Word-Word1": not "iPhone15-Pro"
              (?![a-z]+-[a-z]{0,2}\d+(?![\w-]))                          # not a model: "Galaxy-S24"
              (?![\w.]+\#\d{4,5}(?![\w-]))                           # not a Discord or Battle.net tag: "CoolGuy#4821"
              (?!\S*(?:@[a-z0-9-]+\.|://|\.(?:com|org|net|io)\b))      # not an email or a URL
              (?![a-z]+-\d+[a-z]{0,3}(?![\w-])|\d+-[a-z]+(?![\w-])|v\d)   # not "Covid-19", "Linksys-2G", "555-Fax"
              (?-i:[A-Za-z0-9!@\#$%^&*?~+_.\-]{8,32}=*)                # "=" only as base64 padding
            )
            (?![\w@/\-=]|:\S)                                            # not a key: "STRIPE_SECRET_KEY=sk_..."
            """,
            0.5,
        ),
        verbose_pattern(
            "password cue in another language",
            rf"""
            (?:
              \b{_FOREIGN_CUE_WORDS}
              (?:\s+(?!{_FOREIGN_SEPARATOR}(?!\w))[^\W\d_]{{1,12}}){{0,3}}?   # "de mi cuenta", "của tôi"
              (?:\s+{_FOREIGN_SEPARATOR}(?!\w)|\s*[:=])
            |\b{_ENGLISH_CUE_WORDS}
              (?:\s+(?:c(?:ủ|u)a\s+(?:t(?:ô|o)i|em|anh|m(?:ì|i)nh)|de\s+\w+|di\s+\w+|von\s+\w+))?
              \s+(?:ist|est|es|(?:é|è)|jest|l(?:à|a)|lautet|wynosi)(?!\w)
            )
            \s*(?P<shape>)
            (?:{_QUOTED}|(?P<value>[^\s"'`]{{4,64}}))
            """,
            0.7,
        ),
        verbose_pattern(
            "secret key in config",
            rf"""
            (?<![\w\-.?&#;/=])(?P<quote>["']?)                                # not a URL query parameter
            (?P<key>[a-z0-9_.\-]{{0,40}}?(?P<keyword>{_CONFIG_KEY_WORD}))
            (?P=quote)\s*(?::=|=>|[:=])\s*
            (?:{_QUOTED}|(?P<value>[^\s"'`,;{{}}()\[\]<>]{{4,200}}))
            """,
            0.8,
        ),
        verbose_pattern(
            "vendor key format",
            rf"(?<![\w\-])(?P<value>{_VENDOR_FORMATS})(?![\w\-])",
            0.9,
        ),
        verbose_pattern(
            "authorization header",
            r"""
            (?:
              \b(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|bot|digest|apikey)\s+)?
              |\bbearer\s+
            )
            (?P<bearer>)(?P<value>[A-Za-z0-9._~+/\-]{12,}=*)
            """,
            0.85,
        ),
        verbose_pattern(
            "password in a connection string",
            r"""
            \b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@"'`]{1,64}:(?P<keyed>)(?P<value>[^\s@/"'`]{1,128})@[a-z0-9\[]
            """,
            0.85,
        ),
        verbose_pattern(
            "password on a command line",
            r"""
            (?:(?<=\s)|^)(?:--(?:password|passwd|pass|token|api-key|apikey|secret|auth-token)(?:=|\s+)
              |(?<=\b(?:mysql|mysqldump|mariadb|mysqladmin)\b[^\n]{0,80}?\s)-p
              |(?<=\bsshpass\s)-p\s*)
            (?P<keyed>)(?:{_QUOTED}|(?P<value>[^\s"'`]{3,128}))
            """.replace("{_QUOTED}", _QUOTED),
            0.8,
        ),
        verbose_pattern(
            "recovery phrase",
            r"""
            # A wallet's recovery (seed, mnemonic) phrase: four to 24 lower-case words after its cue.
            \b(?:recovery|seed|mnemonic|backup|secret\s+recovery)\s+(?:phrase|words)
            (?:\s+(?:is|was|=)|\s*[:=])\s*["'`]?
            (?P<phrase>)(?P<value>(?-i:[a-z]{3,8})(?:[ \t]+(?-i:[a-z]{3,8})){3,23})(?![\w])
            """,
            0.8,
        ),
        verbose_pattern(
            "password cue in CJK",
            r"""
            # "密码是abc123", "パスワード: abc123", "비밀번호는 abc123": no word boundary between CJK characters;
            # a colon, full-width or not.
            (?:密码|密碼|口令|パスワード|暗証番号|비밀번호|암호)\s*(?:是|は|는|은|为|:|\uff1a|=)\s*
            (?P<value>[^\s"'`\uff0c\u3002\u3001]{4,64})
            """,
            0.75,
        ),
        verbose_pattern(
            "key or token in words",
            r"""
            # "my api key is 3f9a...", "the access token is ...", "bot token 1234...": a long run of letters and
            # digits after a key or token named in words.
            (?<![\w\-.?&\#;/=])                                       # not a URL query parameter
            (?:(?:api|access|secret|auth|private|bearer|bot|refresh|session|client|app|personal\s+access|developer)
                 [\s_\-]*(?:key|token|secret)|token)
            (?:\s+(?:is|was|=|:)|\s*[:=]|\s+)\s*(?:still\s+|now\s+)?["'`]?
            (?P<keyed>)(?P<in_words>)(?P<value>(?![\w\-.+/=:]*://)(?=[\w\-.+/=:]*\d)(?=[\w\-.+/=:]*[a-z])[A-Za-z0-9_\-.+/=:]{16,200})
            (?![\w\-])
            """,
            0.7,
        ),
        verbose_pattern(
            "secret after a user name",
            r"""
            # "user jdoe pass hunter22", "creds: admin / Summer2024!", "login: jdoe, pw Blue!River22".
            (?:\b(?:user(?:[\s_-]?name)?|login|u)\s*[:=]?\s*["'`]?[\w.@\-]{2,40}["'`]?\s*[,/;|]?\s+(?:and\s+)?
                 (?:pw|pwd|pass(?:word)?|p/w)\s*[:=]?\s*
              |\b(?:credentials|creds|login\s+(?:details|info))\s*(?:are|is|:|=)\s*["'`]?[\w.@\-]{2,40}["'`]?
                 \s*(?:/|,|\band\b|\|)\s*)
            (?P<shape>)(?P<value>[^\s"'`,;]{4,64})
            """,
            0.7,
        ),
        verbose_pattern(
            "security answer cue in another language",
            r"""
            (?P<answer_cue>)
            \b(?:apellido\s+de\s+soltera|nombre\s+de\s+(?:mi|su|tu)\s+primera\s+mascota|primera\s+mascota
               |m(?:ä|a)dchenname|(?:erstes?|ersten)\s+haustier(?:s)?|nom\s+de\s+jeune\s+fille
               |(?:premier|première)\s+animal(?:\s+de\s+compagnie)?|nazwisko\s+panie(?:ń|n)skie
               |(?:pierwszego|pierwsze)\s+zwierz(?:ę|e|aka)|nome\s+de\s+solteira|primeiro\s+animal
               |respuesta\s+(?:de|a\s+la\s+pregunta\s+de)\s+seguridad|sicherheitsantwort|r(?:é|e)ponse\s+secr(?:è|e)te
               |odpowied(?:ź|z)\s+na\s+pytanie|resposta\s+de\s+seguran(?:ç|c)a|t(?:ê|e)n\s+(?:thú\s+cưng|con\s+vật))
            (?:\s+(?!(?:es|era|ist|war|lautet|est|(?:é|è)tait|to|jest|by(?:ł|l)[ao]?|(?:é|è)|foi|l(?:à|a))\b)[^\W\d_]{1,12}){0,3}?
            \s*(?:\s(?:es|era|ist|war|lautet|est|(?:é|è)tait|to|jest|by(?:ł|l)[ao]?|(?:é|è)|foi|l(?:à|a)|se\s+llamaba
              |hie(?:ß|ss)|s'appelait|nazywa(?:ł|l)[ao]?\s+si(?:ę|e)|se\s+chamava|chamava-se|t(?:ê|e)n\s+l(?:à|a))\b|[:=])\s*
            (?P<foreign_answer>)
            (?P<value>[^\W\d_][^\s,;.!?"'`]*(?:\s+(?!(?:y|und|et|i|e|pero|aber|mais|ale|mas|và|gracias|danke|merci)\b)
              [^\W\d_][^\s,;.!?"'`]*){0,2})
            """,
            0.75,
        ),
        verbose_pattern(
            "security answer cue",
            r"""
            (?P<answer_cue>)
            \b(?:security\s+(?:answer|q(?:uestion)?\s+answer)|answer\s+to\s+(?:my|the)\s+security\s+question
               |secret\s+answer|(?:(?:mother|mom|mum)'?s\s+|(?<!\b(?:her|his|their|wife'?s)\s+))maiden\s+name|first\s+pet'?s?\s+name|name\s+of\s+my\s+first\s+pet
               |(?:first|childhood)\s+(?:school|street|car|best\s+friend|teacher|job|employer|concert|nickname)
               |city\s+(?:where\s+)?i\s+was\s+born(?:\s+in)?|street\s+i\s+grew\s+up\s+on|(?:high\s+school|school)\s+mascot
               |(?:father|dad|mother|mom|mum)'?s\s+middle\s+name
               |(?:security|secret)\s+word|memorable\s+(?:date|place|name)
               |secret\s+question(?:\s+answer)?
               |(?:first|childhood)\s+(?:pet|dog|cat|puppy|kitten|hamster)(?P<named>))   # a name, capitalised
            """
            + r"(?:\s*,?\s+(?:which|that)(?=\s+(?:is|was)\b))?"  # "my security answer, which is X"
            + r"(?:\s*\?+(?P<asked_answer>)(?=\s))?"  # "mother's maiden name? Kowalski": a capitalised answer
            + _SEPARATOR
            + r"""
            (?:(?:called|named)\s+)?                          # "my first dog was called Max"
            (?:(?:a|an|the)\s+)?                              # "my first car was a Civic"
            (?P<value>[^\s,;.!?"'`]+(?:\s+(?!(?:and|but|or|so|then|thanks|please|if|is|the|my|btw|lol|lmao|haha|thx|ty
              |pls|plz|tho|though|right|ok|okay|now|too|also|i|you|it)\b)[^\s,;.!?"'`]+){0,2})
            """,
            0.75,
        ),
    ]
    # A closing "!" is kept: passwords often end with one, and over-covering by one character leaks nothing.
    # A closing ")" too: "Pa(55)" or "X7(q)" end with one, and "(pw: hunter2)" covers one character more.
    TRAILING_PUNCTUATION = ".,;:?"
    CONTEXT: ClassVar[list[str]] = ["password", "pin", "code", "otp", "security", "passcode"]
    PREFILTERS: ClassVar[dict[str, str]] = {
        # "... is my [new] password": the possessive and the first letters of every cue the pattern names.
        "secret before its cue": r"""\s(?:my|the|our|your)\s+(?:(?:new|old|current|temp(?:orary)?|login)\s+)?
            (?:pass|pwd|pw|pin|otp|verification|security|one|2fa|sms)""",
        # Every key ends with its secret word, then an optional quote and the separator.
        "secret key in config": r"""(?:pass|passwd|password|passphrase|pwd|secret|token|key|credentials?)
            ["']?\s*[:=]""",
        # The value's lookaheads need an ASCII capital and a digit in the same run of non-space characters.
        "password-shaped token": r"(?-i:[A-Z])\S*\d|\d\S*(?-i:[A-Z])",
        "pin cue": r"\d",
        "digits chosen for a lock": r"\d{4}",
        "digits chosen, then the lock": r"\d{4}",
        "code typed by mistake": r"^\s*\d{3}",
    }

    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        # Every cue starts with "p" + "assword" within one typo (which keeps "ass" or "ord" whole: see
        # `typo_tolerant`), "pw", "p/w", "log-in", "secret" or "memorable".
        "password cue": folded_literals(
            "ass",
            "ord",
            "pw",
            "p/w",
            "log",
            "secret",
            "memorable",
            "wi",
            "wlan",
            "wpa",
            "wep",
            "router",
            "network",
            "hotspot",
        ),
        "pass cue, secret-shaped value": folded_literals("pass"),
        "second secret in a list": _PASS_PW_PIN,
        "secret changed to a value": _PASS_PW_PIN,
        "secret in parentheses after its cue": ("(",),
        # Every cue it names ends in pass(word/code), pw(d), pin, otp or "code".
        "secret before its cue": folded_literals("pass", "pw", "pin", "otp", "code"),
        "pin cue": folded_literals(
            "pin",
            "cvv",
            "cvc",
            "csc",
            "puk",
            "unlock",
            "pass",
            "box",
            "safe",
            "combo",
            "combination",
            "security",
            "verification",
        ),
        "secret after a login e-mail": ("@",),
        "digits chosen for a lock": folded_literals(
            "safe", "lock", "alarm", "pad", "door", "gate", "garage", "pin", "code", "combo", "combination"
        ),
        "digits chosen, then the lock": folded_literals(
            "safe", "lock", "alarm", "pad", "door", "gate", "garage", "pin", "code", "combo", "combination"
        ),
        "code typed by mistake": folded_literals(
            "oops", "whoops", "woops", "sorry", "sry", "ignore", "wrong", "mean", "typed", "mistake", "bad"
        ),
        "answer after a security question": folded_literals("question"),
        "one-time code cue": folded_literals("otp", "2fa", "mfa", "tfa", "code"),
        "security answer cue": folded_literals(
            "security",
            "answer",
            "secret",
            "maiden",
            "first",
            "childhood",
            "born",
            "grew",
            "mascot",
            "middle",
            "memorable",
        ),
        "secret read out in number words": ("pin", "code", "otp", "pass", "pw"),
        # The foreign cues' stems, and the English words used inside those languages.
        "security answer cue in another language": (
            "soltera",
            "mascota",
            "dchenname",
            "haustier",
            "jeune fille",
            "animal",
            "panie",
            "zwierz",
            "solteira",
            "seguridad",
            "sicherheitsantwort",
            "secr",
            "pytanie",
            "seguran",
            "thú",
            "con v",
        ),
        "password cue in another language": (
            "passw",
            "kennw",
            "contrase",
            "clave",
            "hasł",
            "hasl",
            "mot de passe",
            "mdp",
            "senha",
            "kh",
            "wachtw",
            "senord",
            "adgang",
            "salasana",
            "ifre",
            "digo",
            "code",
            "kod",
            "mã",
            "ma ",
            "pass",
            "pw",
            "mk",
            "pin",
            "otp",
            "\u043f\u0430\u0440\u043e\u043b",  # Russian, Ukrainian, Bulgarian
            "heslo",
            "jelsz",
            "kata sandi",
            "parol",
            "lozinka",
            "geslo",
            "parool",
            "slapta",
            "\u03ba\u03c9\u03b4\u03b9\u03ba",  # Greek
            "\u092a\u093e\u0938\u0935\u0930\u094d\u0921",  # Hindi
            "\u0643\u0644\u0645\u0629",  # Arabic
        ),
        "secret key in config": ("pass", "pwd", "secret", "token", "key", "credential"),
        "vendor key format": (
            "eyj",
            "gh",
            "glpat-",
            "_live_",
            "_test_",
            "whsec_",
            "sk-",
            "akia",
            "asia",
            "xox",
            "aiza",
            "sg.",
            "npm_",
            "pypi-",
            "hf_",
            "shp",
            "dop_v1_",
            "lin_api_",
            "sq0",
            "xapp-",
            ":aa",
        ),
        "authorization header": ("authorization", "bearer"),
        "password in a connection string": ("://",),
        "password on a command line": ("--", " -p", "sshpass"),
        "recovery phrase": ("phrase", "words"),
        "password cue in CJK": (
            "\u5bc6",
            "\u53e3\u4ee4",
            "\u30d1\u30b9\u30ef\u30fc\u30c9",
            "\u6697\u8a3c",
            "\ube44\ubc00",
            "\uc554\ud638",
        ),
        "key or token in words": folded_literals("key", "token", "secret"),
        "secret after a user name": folded_literals("pw", "pass", "p/w", "cred", "login"),
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Drop descriptions of a secret ("password is incorrect") and values that are only punctuation; a
        value typed straight after a password cue, with no "is" or ":", must look like a secret."""
        groups = match.re.groupindex
        raw = match.group("value").rstrip(".,;:!?)\"'")
        if "spoken" in groups:
            return False  # number words after a secret's cue
        if "mistake" in groups:
            return regex.fullmatch(r"(?:19|20)\d\d", raw) is not None  # "2024 sorry, wrong year"
        if "phrase" in groups:
            return any(word in _FUNCTION_WORDS for word in raw.split())  # "recovery phrase is in the drawer"
        if "login_pair" in groups:
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            return line.count("|") >= 3 or _not_a_login_secret(raw)  # a table row: "name | e-mail | street"
        if "key" in groups or "bearer" in groups or "keyed" in groups:
            return self._reject_keyed(match, raw, text)
        if _REFERENCE.search(raw) is not None:
            return True
        start = match.start("value")
        if raw[:1] in "@/" and start > 0 and text[start - 1].isalnum():  # "user:password@localhost"
            return True
        value = raw.lower()
        first = value.split()[0] if value.split() else ""
        if not any(ch.isalnum() for ch in value) or value in _NOT_SECRETS or first in _NOT_SECRETS:
            return True
        if "foreign_answer" in groups and first in _NOT_ANSWERS:
            return True
        if "asked_answer" in groups and match.start("asked_answer") >= 0 and not raw[:1].isupper():
            return True  # after a question mark only a capitalised answer: "maiden name? not sure"
        if "asked" in groups and match.start("asked") >= 0:
            return _SECRET_SHAPE.search(raw) is None  # "the password? it's complicated"
        if "named" in groups and match.start("named") >= 0:
            # "my first pet was Biscuit": a name, capitalised, without an article ("was a hamster" is a kind).
            article = regex.search(r"\b(?:a|an|the)\s+$", text[match.start() : match.start("value")], regex.IGNORECASE)
            return article is not None or not raw[:1].isupper()
        if "code_cue" in groups and self._public_code(match, raw, text):
            return True
        if "shape" in groups:  # a weak cue: the value itself must look like a secret
            return _SECRET_SHAPE.search(match.group("value").rstrip(".,;:!?)\"'")) is None
        if "sep" in groups and "answer_cue" not in groups and match.start("sep") < 0:
            quoted = match.start("value") > 0 and text[match.start("value") - 1] in "\"'`"
            return not quoted and _SECRET_SHAPE.search(match.group("value").rstrip(".,;:!?)\"'")) is None
        return False

    @staticmethod
    def _public_code(match: regex.Match[str], raw: str, text: str) -> bool:
        """A promo code used or applied, or a code read off a device that reports an error."""
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        if any(ch.isalpha() for ch in raw) and _PROMO_VERB.search(before.lower()) is not None:
            return True
        sentence = regex.split(r"[.!?]\s", before)[-1]
        return _ERROR_CONTEXT.search(sentence) is not None and _SENT_QUALIFIER.search(match.group(0)) is None

    @staticmethod
    def _reject_keyed(match: regex.Match[str], raw: str, text: str) -> bool:
        """A value after a secret key, a header or in a connection string: not a placeholder ("${DB_PASS}",
        "<your-token>", "********", "os.environ"); a key word glued to a lower-case word ("bypass") names no
        secret; a bare key ("token: ...") and a bearer value need the shape of a secret."""
        if len(raw) < 4 or not any(ch.isalnum() for ch in raw) or _PLACEHOLDER.search(raw) is not None:
            return True
        if _REFERENCE.search(raw) is not None:
            return True
        groups = match.re.groupindex
        if "bearer" in groups:
            return not any(ch.isdigit() for ch in raw)
        if "in_words" in groups:
            # A key has a part mixing letters and digits ("3f9a8b..."), not only words and numbers joined by
            # hyphens ("2024-05-01-report-final").
            parts = [part for part in regex.split(r"[\-_./:+=]+", raw) if part]
            return all(part.isdigit() or part.isalpha() for part in parts)
        if "keyword" in groups:
            start = match.start("keyword")
            glued = start > match.start("key") and text[start - 1].isalpha()
            if glued and not (text[start - 1].islower() and text[start].isupper()):  # "bypass", not "dbPassword"
                return True
            if match.group("key").lower() in _BARE_KEYS and not match.group("quote"):
                return _SECRET_SHAPE.search(raw) is None
        return False


_LOGIN_PAIR_NOT_SECRET = regex.compile(r"@|://|^www\.|[a-z]\.[a-z]{2,}(?:/|$)|^\+?[\d\s().\-]+$", regex.IGNORECASE)


def _not_a_login_secret(raw: str) -> bool:
    """After "e-mail / " a secret holds a letter and a digit or a symbol ("Bolton2019!"); another address, a link,
    a phone number ("/ 555-0134"), a site ("| github.com/ana") or a plain word ("/ Work") is not one."""
    if _LOGIN_PAIR_NOT_SECRET.search(raw) is not None or not any(ch.isalpha() for ch in raw):
        return True
    # A digit, or a symbol other than the hyphens and dots of a compound name ("Karl-Marx-Str.").
    return not any(ch.isdigit() or (not ch.isalnum() and ch not in "-.'") for ch in raw)
