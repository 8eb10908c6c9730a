"""URL: links that carry a secret or a person (tokens, session ids, emails in the query, /users/<name> paths)."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import ChatPatternRecognizer, verbose_pattern

_HOST = r"""
    (?:https?://|www\.|(?<![@\w.-])(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/))   # a scheme, www., or host/path
    [a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?
"""
_URL_CHARS = r"[^\s<>\"'`]"


class PersonalUrlRecognizer(ChatPatternRecognizer):
    """The whole URL when its query holds a credential or identity, or its path names a user."""

    ENTITY = "URL"
    NAME = "ChatPersonalUrlRecognizer"
    PATTERNS: ClassVar[list[Pattern]] = [
        verbose_pattern(
            "sensitive query parameter",
            rf"""
            (?P<value>
              {_HOST}(?:/{_URL_CHARS}*?)?                  # host and path
              [?&\#;](?:access_|auth_|reset_|api_|id_)?
              (?:token|key|apikey|session|sessionid|sid|auth|code|password|pwd|pass|email|user|username|uid
                |userid|account|acct|phone|name|signature|sig|secret|otp|invite|ticket)
              =[^\s&#]+                                     # the parameter and its value
              {_URL_CHARS}*                                 # and the rest of the URL
            )
            """,
            0.85,
        ),
        verbose_pattern(
            "personal path",
            rf"""
            (?P<value>
              {_HOST}(?:/{_URL_CHARS}*?)?
              /(?:(?:users?|u|profiles?|people|person|members?|accounts?|customers?|in)/|~|@)
              [a-z0-9._~%+\-]{{2,}}                        # /users/jsmith, /in/jane-doe, /~bob, not /upload
              {_URL_CHARS}*
            )
            """,
            0.8,
        ),
        verbose_pattern(
            "token in the path",
            rf"""
            (?P<value>
              {_HOST}(?:/{_URL_CHARS}*?)?
              /(?:reset(?:[_\-]?password)?|password[_\-]?reset|verify|verification|confirm(?:ation)?|activate
                |activation|invite|invitation|magic(?:[_\-]?link)?|auth|login|unsubscribe|share|shared|s|d|t)
              /(?-i:(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{{16,}})   # a random token
              {_URL_CHARS}*
            )
            """,
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["link", "url", "profile"]


# "c.email", "o.total", "user.name": a one- or two-letter name, a dot, a word: code (a table alias and a
# column, an object and a field), though ".email", ".to" and ".name" are top-level domains.
_CODE_TOKEN = regex.compile(r"(?i)[a-z_][a-z0-9_]?\.[a-z_]+")


def is_code_not_link(text: str, start: int, end: int) -> bool:
    """Whether a bare "domain" Presidio found is a code token: no scheme, no www, no path, a 1-2 letter host."""
    return _CODE_TOKEN.fullmatch(text, start, end) is not None
