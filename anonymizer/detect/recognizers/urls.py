"""URL: links that carry a secret or a person (tokens, session ids, emails in the query, /users/<name> paths)."""

from __future__ import annotations

from typing import ClassVar

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
              /(?:users?|u|profiles?|people|person|members?|accounts?|customers?|in|~|@)
              /?[a-z0-9._~%+\-]{{2,}}                       # /users/jsmith, /in/jane-doe, /~bob
              {_URL_CHARS}*
            )
            """,
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["link", "url", "profile"]
