"""USERNAME: @handles and the login names people type after "username is", "handle", "gamertag"."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern
from wordfreq import zipf_frequency

from ._base import STOP_WORDS, verbose_pattern
from .identifiers import PrefilteredRecognizer, folded_literals
from .names import common_words

# Mentions that address a group or a place, not a person.
_GROUP_MENTIONS = frozenset(
    {"here", "everyone", "channel", "all", "home", "work", "team", "admin", "support", "mention"}
)

# Accounts every system has, and placeholders, after a user key or in a connection string.
_SYSTEM_USERS = frozenset(
    {"root", "admin", "administrator", "postgres", "mysql", "user", "username", "ubuntu", "ec2-user", "git",
     "www-data", "nobody", "guest", "test", "sa", "default", "anonymous", "null", "none", "true", "false",
     "localhost", "example", "changeme", "dbuser", "db_user", "app", "service"}
)  # fmt: skip

# Words that describe a user name in the other languages of the cues ("usuario: incorrecto", "Benutzername:
# falsch", "identifiant : oublié").
_FOREIGN_DESCRIPTIONS = frozenset(
    {"incorrecto", "incorrecta", "inválido", "invalido", "olvidado", "bloqueado", "falsch", "ungültig", "vergessen",
     "gesperrt", "incorrect", "invalide", "oublié", "oublie", "bloqué", "nieprawidłowy", "błędny", "zablokowany",
     "errado", "incorreto", "esquecido", "sai", "quên", "obligatorio", "erforderlich", "requis", "wymagany",
     "obrigatório", "none", "null", "ninguno", "keiner", "aucun", "brak", "nenhum"}
)  # fmt: skip

# A placeholder handle: "your_username", "my-login", "the_user_name" (but "the_real_amber" is someone's).
# Words that describe a user name or a physical handle after "is" ("the handle is broken", "my login is locked").
_DESCRIPTIONS = frozenset(
    {"broken", "loose", "locked", "wrong", "invalid", "taken", "available", "correct", "incorrect", "fine", "different",
     "same", "long", "short", "missing", "blank", "empty", "hidden", "visible", "public", "private", "gone", "deleted",
     "banned", "suspended", "disabled", "expired", "stuck", "fixed", "changed", "new", "old", "required", "unknown",
     "case-sensitive", "weird", "ok", "okay", "right", "cracked", "bent", "off", "down", "working", "dead", "done"}
)  # fmt: skip

_PLACEHOLDER_HANDLE = regex.compile(
    r"(?:your|my|the|their|his|her)[_\-](?:user[_\-]?(?:name|id)?|name|handle|login|id|account|e?mail|nick(?:name)?"
    r"|tag|gamer[_\-]?tag|screen[_\-]?name|here|handle[_\-]?here)(?![a-z0-9])"
)
_PAYMENT = regex.compile(
    r"cash\s?(?:tag|app)|venmo|\bsen[dt]|\bpa(?:y|id)\b|request|zelle|transfer|refund", regex.IGNORECASE
)
# Signs of code around a "$name": an assignment, an expansion, a backtick, a shell command.
_SHELL = regex.compile(r"[=`]\s*\$|\$[{(]|\b(?:echo|export|bash|sh|cp|mv|rsync|scp|curl|def|function|var|let)\b")

_CUE = r"""
    (?:user[\s_-]?name|user[\s_-]?id|login(?:[\s_-]?(?:name|id))?|log[\s-]?in[\s_-]?(?:name|id)
      |handle|gamer[\s-]?tag|screen[\s-]?name|nick(?:[\s-]?name)?|psn(?:[\s-]?id)?|xbox(?:[\s-]?live)?
      |steam(?:[\s-]?id)?|discord|twitter|instagram|insta|tiktok|reddit|github|skype|telegram|snapchat)
    (?:\s+(?:gt|ign|id))?                                              # "my xbox gt is", "steam ign"
    (?:\s+(?:user\s*name|name|handle|tag|account))?                    # "my steam name is ..."
"""
# A word every `_CUE` holds (lower-cased), so its three patterns skip texts without one.
_CUE_LITERALS = folded_literals(
    "user", "log", "handle", "gamer", "screen", "nick", "psn", "xbox", "steam", "discord", "twitter", "insta",
    "tiktok", "reddit", "github", "skype", "telegram", "snapchat",
)  # fmt: skip
# Cues that name a service rather than a user name: what follows them may describe the account.
_SERVICE = regex.compile(r"psn|xbox|steam|discord|twitter|instagram|insta|tiktok|reddit|github|skype|telegram|snapchat")
# German, Spanish, Portuguese, French, Polish, Italian and Vietnamese words for a user name.
_FOREIGN_CUE = r"""
    (?:benutzer(?:name|kennung)?|nutzername|(?:nombre\s+de\s+)?usuario|nome\s+de\s+usu(?:á|a)rio|usu(?:á|a)rio
      |nom\s+d'utilisateur|identifiant|nazw(?:a|ę)\s+u(?:ż|z)ytkownika|login(?:u|em)?|nome\s+utente
      |t(?:ê|e)n\s+(?:đăng\s+nhập|dang\s+nhap|người\s+dùng|nguoi\s+dung)
      |kullan(?:\u0131|i)c(?:\u0131|i)\s+ad(?:\u0131|i)|имя\s+пользователя|логин|u(?:ž|z)ivatelsk(?:é|e)\s+jm(?:é|e)no
      |felhaszn(?:á|a)l(?:ó|o)n(?:é|e)v|nama\s+pengguna|brugernavn|brukernavn|anv(?:ä|a)ndarnamn|k(?:ä|a)ytt(?:ä|a)j(?:ä|a)tunnus
      |gebruikersnaam|nume\s+de\s+utilizator)
"""


# A file, a domain, a package or a version after an admin verb: a last part that is a file extension or a
# top-level domain, or digits and dots only.
_NOT_A_LOGIN = regex.compile(
    r"""\.(?:txt|pdf|docx?|xlsx?|csv|pptx?|jpe?g|png|gif|zip|exe|js|ts|py|json|ya?ml|log|conf|cfg|ini|sh|md|html?
        |com|org|net|io|co|uk|de|nl|fr|es|it|eu|app|dev|ai|gov|edu|us|ca|au|info|biz|me|corp|local|lan|internal
        |intranet|localdomain|example|test)$|^v?\d[\d.]*$
        |^(?:dr|mr|mrs|ms|mx|st|ste|mt|prof|rev|sr|jr|fr|sgt|capt|gen|col|lt|no|vs|etc|e\.g|i\.e)\.""",
    regex.IGNORECASE | regex.VERBOSE,
)


# A stem of every admin verb or noun the pattern starts with ("add "/"ban " with their space: not "address").
_ADMIN_LITERALS = folded_literals(
    "remov", "delet", "disabl", "activat", "suspend", "enabl", "unlock", "block", "ban ", "ban\t", "unban", "invit",
    "board", "provision", "promot", "demot", "add ", "add\t", "grant", "revok", "kick", "mute", "reset", "access",
    "permission", "rights", "licen", "ownership", "seat", "give", "transfer", "hand", "move", "assign", "forward",
    "migrat", "share",
)  # fmt: skip


class UsernameRecognizer(PrefilteredRecognizer):
    """Find @handles and values after username cues; emails are left to the email recognizer."""

    ENTITY = "USERNAME"
    NAME = "ChatUsernameRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "at-handle",
            r"""
            (?<![\w.@/+\-*\u2022\u25cf\u2219\u00b7\u2026])    # not inside an email (even a masked one),
            (?P<value>@[a-z0-9_](?:[a-z0-9_.\-]{0,28}[a-z0-9_])?)  # a URL or a word; "@jaylen-w" (Venmo)
            (?![\w@]|\.[a-z]{2,}\b)              # not the start of an email domain ("@gmail.com")
            """,
            0.7,
        ),
        verbose_pattern(
            "reddit user",
            r"(?<![\w/.\-])(?P<value>u/[a-z0-9_\-]{3,20})(?![\w/\-])",  # "I'm u/throwaway123 on reddit"
            0.7,
        ),
        verbose_pattern(
            "cue with separator",
            _CUE
            + r"""
            (?:\s+(?:i|we|you|u)\s+(?:use|used|have|had|made|picked|chose|set\s+up|go\s+by))?  # "the login i use is"
            ["']?                                # a JSON key: "username": "jdoe88"
            (?:'s|\s+(?:is|was|=|:|-)|\s*[:=])\s*   # "username is", "login:", "handle = ", "user name's"
            (?:\s*(?:just|still|actually|currently|now))?\s*
            ["'`]?
            (?P<value>(?:@|u/)?[a-z0-9_][\w.\-]{1,30}[a-z0-9_](?:\#\d{4})?)   # "@jdoe", "u/jdoe", "jdoe#1234"
            (?![\w@])                            # a full token, not the local part of an email
            """,
            0.75,
        ),
        verbose_pattern(
            "cue without separator, handle-shaped value",
            _CUE
            + r"""
            \s+["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))  # handle-shaped: a digit, an underscore, an inner dot
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.6,
        ),
        verbose_pattern(
            "cue, a few words, then the value",
            _CUE
            + r"""
            \s+(?:on|for|in|at)\s+(?:the\s+|my\s+|your\s+)?[\w.\-]+(?:\s+[\w.\-]+)?  # "handle on the app"
            \s*(?:\s(?:is|was)|[:=])\s*["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))   # handle-shaped: "the handle on the box is broken" is not
              @?[a-z0-9_][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "username cue, a few words, a separator, any word",
            r"""
            \b(?:user[\s_-]?name|log-?in[\s_-]?(?:name|id)|user[\s_-]?id|screen[\s-]?name|gamer[\s-]?tag)
            \s+(?:on|for|in|at|of|with)\s+(?:the\s+|my\s+|your\s+|this\s+|that\s+)?[\w.\-]+(?:\s+[\w.\-]+)?
            \s*(?:\s(?:is|was)|[:=])\s*["'`]?                  # "the username on the account is jdoe"
            (?P<plain>)(?P<value>@?[a-z0-9_][\w.\-]{1,30}[a-z0-9_])
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "user name cue in another language",
            r"\b"
            + _FOREIGN_CUE
            + r"""
            (?:\s+(?:c(?:ủ|u)a\s+(?:t(?:ô|o)i|em|anh|m(?:ì|i)nh)|de\s+mi\s+cuenta|meu|mój|mein))?   # "của tôi"
            (?:
              (?:\s+(?:ist|lautet|es|est|(?:é|è)|jest|to|l(?:à|a)|era|war|is)\s*["'`]?
                (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z])))                # after a verb, handle-shaped: "kmueller77"
              |\s*[:=]\s*["'`]?(?P<plain>)                              # after a colon any word: "usuario: emiotke"
            )
            (?P<value>@?[a-z][\w.\-]{1,30}[a-z0-9_])
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "user name cue in CJK",
            r"""
            # "用户名是 li_wei88", "ユーザー名: tanaka01", "아이디는 kim123": no word boundary between CJK characters.
            (?:用户名|用戶名|账号|帳號|ユーザー名|ユーザーID|사용자\s*이름|아이디)\s*(?:是|は|는|은|:|\uff1a|=)\s*
            (?P<value>[a-z0-9_][\w.\-]{1,30}[a-z0-9_])(?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "signed in as a lower-case login",
            r"""
            # "logged in as mgarcia": a lower-case word that is no everyday word ("as usual", "as admin").
            \b(?:log(?:ged|ging|s)?[\s-]?(?:in|on)|sign(?:ed|ing|s)?[\s-]?(?:in|on))\s+as\s+["'`]?
            (?P<plain>)(?P<lower_login>)(?P<value>(?-i:[a-z]{4,20}))(?![\w@.\-])
            """,
            0.65,
        ),
        verbose_pattern(
            "handle after a service name",
            r"""
            (?:\b(?:ig|fb|yt|snap|twitch|youtube|bluesky|bsky|mastodon|threads|roblox|fortnite|minecraft|pinterest|tumblr
               |kik|venmo|cash\s?app|wechat(?:\s+id)?|line\s+id|battle\s?tag|epic(?:\s+games)?(?:\s+(?:id|name))?
               |ign|in-?game\s+name|xbl|riot(?:\s+id)?|valorant|ubisoft|nintendo(?:\s+id)?
               |(?<=\bmy\s)user|account\s+name)|(?<=\bmy\s)@)        # "my user is jdoe88", "my @ is ngoc.eats"
            (?:\s+(?:handle|name|username|user|account|ign|gt|tag|id)(?=\s*(?:is\b|:|=)))?
            (?:\s+(?:is|was|=|-)|\s*[:=]|\s+(?:handle|name|username|user|account)\s*(?:is|:)?)?\s*["'`]?
            (?P<value>
              (?:(?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]|\#\d))|(?=@))         # handle-shaped, or an @mention
              @?[a-z][\w.\-]{1,30}[a-z0-9_](?:\#\d{4,5})?                # "Frost#21987": a Battle.net tag
            )
            (?![\w@])
            """,
            0.65,
        ),
        verbose_pattern(
            "user key in config",
            r"""
            (?<![\w\-.?&/])(?P<quote>["']?)(?P<prefix>[a-z0-9_.\-]{0,30}?)
            (?<![a-z])(?:user(?:[_\-]?name)?|login|uid|(?<=[_.\-])usr)
            (?P=quote)\s*(?P<sep>=|:(?!//))\s*["'`]?
            (?P<keyed>)(?P<value>[a-z0-9_][\w.\-]{1,30}[a-z0-9_])
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "user in a connection string",
            r"""
            \b[a-z][a-z0-9+.\-]{1,20}://(?P<keyed>)(?P<value>[a-z0-9_][\w.\-]{0,62})
            :[^\s@/"'`]{1,128}@[a-z0-9\[]                                    # postgres://user:pass@host
            """,
            0.8,
        ),
        verbose_pattern(
            "user before a password cue",
            r"""
            \b(?:user(?:[\s_-]?name)?|login|u)\s+["'`]?                        # "user sokoro2 pw Gr33n!"
            (?P<plain>)(?P<value>@?[a-z][\w.\-]{1,30}[a-z0-9_])              # "username purohitwahab / password"
            ["'`]?\s*[,/;|]?\s+(?:and\s+)?(?:(?:temporary|temp|initial|default|new|one-time)\s+)?
            (?:pw|pwd|pass(?:word)?|p/w)\b
            """,
            0.7,
        ),
        verbose_pattern(
            "user on a command line",
            r"""
            \b(?:mysql|mysqldump|mariadb|psql|mongo(?:sh)?|redis-cli|ftp|sshpass)\b[^\n]{0,60}?
            (?:\s-u\s*|\s-U\s*|\s--user(?:name)?[=\s])
            (?P<keyed>)(?P<value>[a-z0-9_][\w.\-]{1,30}[a-z0-9_])(?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "cashtag after a payment cue",
            r"""
            \b(?:to|from|is|be|was|my|their|his|her|cashtag|tag|venmo|app|cashapp|request|pay|paid|send|sent|@)\s+
            (?P<cashtag>)(?P<value>\$(?-i:(?=[a-z0-9_-]*[a-z])[A-Za-z][A-Za-z0-9_-]{1,19}))   # "$jaylenw"
            (?![\w-]|[.(\[{]\w|\()                                              # not "$var.attr", "$fn("
            """,
            0.7,
        ),
        verbose_pattern(
            "credentials pair",
            r"""
            \b(?:credentials|creds|login\s+(?:details|info)|log-?in)\s*(?:are|is|:|=)\s*["'`]?
            (?P<value>@?[a-z0-9_][\w.\-]{1,30}[a-z0-9_])         # "credentials are jdoe88 / Blue!River22"
            ["'`]?\s*(?:/|,|\band\b|\|)\s*\S
            """,
            0.7,
        ),
        verbose_pattern(
            "handle after a marketplace or community role",
            r"""
            \b(?:buyer|seller|vendor|streamer|creator|poster|commenter|reviewer|redditor|uploader|player|gamer
               |(?:my|your|his|her|their|the)\s+account(?:\s+name)?\s+(?:is|was|:))
            \s+["'`]?
            (?P<value>
              (?![\w.\-]*@)                                                 # not an e-mail's local part
              (?=@?[\w.\-]*(?:_|[a-z]\.[a-z]|(?<![\d.])[a-z]{3,}\d))     # "gamerdad_kyle87", "retro.vault.ny"
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.65,
        ),
        verbose_pattern(
            "handle after add me on a service",
            r"""
            \b(?:add|find|follow|friend|dm|message|hit)\s+me\s+(?:up\s+)?on\s+
            (?:discord|steam|xbox|psn|playstation|insta(?:gram)?|ig|twitter|x|tiktok|snap(?:chat)?|telegram|reddit
              |twitch|github|roblox|fortnite|minecraft|battle\.?net|epic|signal|threads|bluesky|mastodon)
            \s*[,:;\-]?\s*(?:i'?m|i\s+am|it'?s|its|as|under|@)?\s*["'`]?
            (?P<plain>)(?P<value>@?[a-z0-9_][\w.\-]{1,30}[a-z0-9_](?:\#\d{4})?)
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "account under a handle",
            r"""
            \b(?:(?:it'?s|its|account\s+is|account's|registered|listed|signed\s+up|booked|saved)\s+under
               |(?:registered|belongs|belonging|linked|tied|assigned)\s+to\s+(?:the\s+)?(?:user(?:name)?|account|login))
            \s+["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))                  # handle-shaped: "under my name" is not
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.65,
        ),
        verbose_pattern(
            "introduced handle",
            r"""
            (?:
              under\s+the\s+(?:user\s*)?name                        # "under the name jsmith_99"
              |(?:find|add|follow|search\s+for|look)\s+me\s+(?:up\s+)?(?:as|under|at|on)  # "find me as x"
              |(?:i\s+go|goes|go)\s+by
            )
            \s+["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))                  # handle-shaped, so "I go by Mike" is a name
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "signed in as a handle",
            r"""
            \b(?:log(?:ged|ging|s)?[\s-]?(?:in|on)|sign(?:ed|ing|s)?[\s-]?(?:in|on|up)|registered|enrolled)
            \s+(?:as|under|using|with(?:\s+(?:the\s+)?(?:user\s*name|handle|login|id))?)\s+["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))                  # handle-shaped: "sign in with google" is not
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.7,
        ),
        verbose_pattern(
            "user label",
            r"""
            (?<![\w.@/-])user\s*[:=]\s*["'`]?                      # "user: kpatel77 / pass: ..."
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            (?![\w@])
            """,
            0.65,
        ),
        verbose_pattern(
            "i'm handle on a service",
            r"""
            (?<![\w'])(?:i\s*['\u2019]?\s*m|i\s+am|it\s*['\u2019]?s)\s+["'`]?
            (?P<value>
              (?=@?[\w.\-]*(?:\d|_|[a-z]\.[a-z]))                  # handle-shaped: "brittany1968"
              @?[a-z][\w.\-]{1,30}[a-z0-9_]
            )
            ["'`]?\s+on\s+(?:th+e+re|theer|thre|here|it|the\s+\w+|insta\w*|discord|twitter|x|tiktok|reddit|steam|xbox|psn
              |github|telegram|snapchat|skype|twitch|youtube|facebook|fb|ig)\b
            """,
            0.7,
        ),
        verbose_pattern(
            "handle after an account admin verb",
            r"""
            # What an admin does to a login: "remove dmitri.volkov", "disable j_smith", "give everything to
            # p.achebe", "reset the password for mgarcia_22", "add user kwame.a to the group".
            \b(?:remove|delete|disable|deactivate|suspend|reactivate|re-?enable|enable|unlock|unblock|block
               |ban(?=[ \t])|unban|invite|onboard|offboard|deprovision|provision|promote|demote|add(?=[ \t])|grant
               |revoke|kick|mute|unmute
               |reset\s+(?:the\s+)?(?:password|pw|mfa|2fa|login)\s+(?:for|of|on)
               |(?:access|permissions?|rights|licen[cs]es?|ownership|seat)\s+(?:for|of|to)
               |(?:give|transfer|hand|move|reassign|assign|forward|migrate|share)\s+(?:[a-z]+\s+){0,3}?(?:to|with))
            \s+(?:(?:the\s+)?(?:user|account|member|login)\s+)?["'`]?
            (?P<admin>)
            (?P<value>
              (?![\w.\-]*@)                                              # not an e-mail's local part
              (?=[\w.\-]*?(?:[a-z]\.[a-z]|[a-z0-9]_[a-z0-9]|[a-z]{3}\d))       # "p.achebe", "j_smith", "kwame77"
              [a-z][\w.\-]{1,30}[a-z0-9]
            )
            (?![\w@]|[.\-][a-z0-9])
            """,
            0.65,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["username", "user", "handle", "login", "gamertag", "account"]
    PREFILTERS: ClassVar[dict[str, str]] = {
        "user key in config": r"(?:user|name|login|uid|usr)[\"']?\s*[:=]",
        # "under the", "<find/add/follow/search for/look> me", "go(es) by", each followed by a space.
        "introduced handle": r"under\s+the\s|(?:find|add|follow|for|look)\s+me\s|go(?:es)?\s+by\s",
        "i'm handle on a service": r"\son\s",
    }

    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "at-handle": ("@",),
        "reddit user": ("u/",),
        "cashtag after a payment cue": ("$",),
        "cue with separator": _CUE_LITERALS,
        "cue without separator, handle-shaped value": _CUE_LITERALS,
        "cue, a few words, then the value": _CUE_LITERALS,
        # Cue words every match holds (literal checks, cheaper than the regex probes they replace).
        "signed in as a handle": folded_literals("log", "sign", "regist", "enrol"),
        "user label": folded_literals("user"),
        "user name cue in CJK": (
            "\u7528\u6237",
            "\u7528\u6236",
            "\u8d26\u53f7",
            "\u5e33\u865f",
            "\u30e6\u30fc\u30b6\u30fc",
            "\uc0ac\uc6a9\uc790",
            "\uc544\uc774\ub514",
        ),
        "signed in as a lower-case login": folded_literals(" as "),
        "username cue, a few words, a separator, any word": folded_literals("user", "log", "screen", "gamer"),
        "credentials pair": folded_literals("cred", "log"),
        "account under a handle": folded_literals("under", "to"),
        "handle after an account admin verb": _ADMIN_LITERALS,
        "handle after add me on a service": folded_literals("me on"),
        "handle after a marketplace or community role": folded_literals(
            "buyer",
            "seller",
            "vendor",
            "streamer",
            "creator",
            "poster",
            "commenter",
            "reviewer",
            "redditor",
            "uploader",
            "player",
            "gamer",
            "account",
        ),
        "introduced handle": folded_literals("under", "me", "go"),
        "user in a connection string": ("://",),
        "user before a password cue": ("pw", "pass", "p/w"),
        "user on a command line": ("mysql", "mariadb", "psql", "mongo", "redis", "ftp", "sshpass"),
        "user key in config": ("user", "name", "login", "uid", "usr"),
        "user name cue in another language": (
            "benutzer",
            "nutzername",
            "usuario",
            "usuário",
            "utilisateur",
            "identifiant",
            "ytkownika",
            "login",
            "utente",
            "tên",
            "ten ",
            "kullan",
            "\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b",  # Russian "user"
            "\u043b\u043e\u0433\u0438\u043d",  # Russian "login"
            "jm\u00e9no",
            "jmeno",
            "felhaszn",
            "pengguna",
            "rugernavn",
            "rukernavn",
            "ndarnamn",
            "tunnus",
            "gebruikersnaam",
            "utilizator",
        ),
        "handle after a service name": (
            "user",
            "account",
            "ig",
            "fb",
            "yt",
            "snap",
            "twitch",
            "youtube",
            "bluesky",
            "bsky",
            "mastodon",
            "threads",
            "roblox",
            "fortnite",
            "minecraft",
            "pinterest",
            "tumblr",
            "kik",
            "venmo",
            "cash",
            "wechat",
            "line id",
            "battle",
            "epic",
            "game",
            "xbl",
            "riot",
            "valorant",
            "ubisoft",
            "nintendo",
            "@",
        ),
    }

    def reject_match(self, match: regex.Match[str], text: str) -> bool:
        """Drop ordinary words after a cue and mentions of groups such as @here."""
        value = match.group("value").lower()
        if "cashtag" in match.re.groupindex:
            # A cashtag is named where money moves ("sent $120 to $jaylenw", "my cashtag is $jaylen-w"); "$dst"
            # in a shell snippet is a variable.
            return _PAYMENT.search(text) is None or _SHELL.search(text) is not None
        bare = value.lstrip("@").rstrip(".,;:!?")
        if "keyed" in match.re.groupindex:
            # A user key or a connection string names an account; generic system accounts and placeholders
            # ("root", "postgres", "user", "your_username") are no one's name.
            if bare in _SYSTEM_USERS or bare in STOP_WORDS or _PLACEHOLDER_HANDLE.match(bare):
                return True
            if "prefix" in match.re.groupindex and not (
                match.group("quote") or match.group("prefix") or match.group("sep") == "="
            ):
                return True  # "user: ..." in prose is left to the "user label" pattern, which wants a handle
            return bare.isalpha() and bare in common_words()  # "user=active"
        if _PLACEHOLDER_HANDLE.match(bare):
            return True  # a placeholder: "your_username"
        if bare in _DESCRIPTIONS:
            return True  # "the handle is broken", "my login is locked"
        if "admin" in match.re.groupindex:
            if _NOT_A_LOGIN.search(bare) is not None:
                return True  # "remove old.txt", "add node.js", "ping google.com", "add v2.1"
            # A field or variable of words ("add start_date", "remove user_id", "add first.name"), not a login
            # ("j_smith", "mark.wood"): snake case of dictionary words, or any words of the most frequent.
            parts = [part for part in regex.split(r"[._\-]+", bare) if part]
            floor = 3.0 if "_" in bare else 5.5
            return all(len(part) > 1 and part.isalpha() and zipf_frequency(part, "en") >= floor for part in parts)
        if value.startswith("@"):
            return bare in _GROUP_MENTIONS or _is_decorator(text, match.start("value"), match.end("value"))
        if "lower_login" in match.re.groupindex and (bare in _SYSTEM_USERS or zipf_frequency(bare, "en") >= 2.5):
            return True  # "logged in as usual", "as guest": words, not logins
        if "plain" in match.re.groupindex and bare in _FOREIGN_DESCRIPTIONS:
            return True
        if "plain" in match.re.groupindex and bare.isalpha():
            # Any word is taken after a username cue and a separator, but not one that describes it: "the
            # username on the box is printed wrong".
            return bare in common_words() or regex.search(r"(?:ed|ing|ly)$", bare) is not None
        service = regex.match(_SERVICE, match.group(0).lower()) is not None
        if service and bare.isalpha() and (bare in common_words() or regex.search(r"(?:ed|ing)$", bare)):
            return True  # "my discord account is banned", "my twitter is loading"
        # "it's v2.1 on the app": a version number is not a handle; "signed in with google.com" a site.
        return (
            bare in STOP_WORDS
            or regex.fullmatch(r"v?\d+(?:\.\d+)+[a-z]?", bare) is not None
            or regex.search(r"\.(?:com|org|net|edu|gov|io|co|us|uk|app|dev)$", bare) is not None
        )


# What follows a decorator or an annotation in pasted code: another one, or the definition it decorates.
_DEFINITION = regex.compile(
    r"[ \t]*(?:@|(?:async[ \t]+)?def\b|class\b|public\b|private\b|protected\b|static\b|function\b|export\b"
    r"|fun\b|override\b|void\b|func\b)"
)


def _is_decorator(text: str, start: int, end: int) -> bool:
    """An @word alone at the start of a line of code ("@app.route('/ping')", "@dataclass" above "class ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    if text.startswith("(", end):
        return True
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip():
        return False
    return _DEFINITION.match(text, line_end + 1) is not None
