"""URL: links that carry a secret or a person (tokens, session ids, emails in the query, /users/<name> paths)."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from ._base import verbose_pattern, words
from .identifiers import PrefilteredRecognizer

_HOST = r"""
    (?:https?://|www\.|(?<![@\w.-])(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/))   # a scheme, www., or host/path
    [a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?
"""
_URL_CHARS = r"[^\s<>\"'`]"


class PersonalUrlRecognizer(PrefilteredRecognizer):
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
    # A query parameter has its "="; a personal or token path its "/" before the user name or the token.
    LITERALS: ClassVar[dict[str, tuple[str, ...]]] = {
        "sensitive query parameter": ("=",),
        "personal path": ("/",),
        "token in the path": ("/",),
    }


# "c.email", "o.total", "user.name": a one- or two-letter name, a dot, a word: code (a table alias and a
# column, an object and a field), though ".email", ".to" and ".name" are top-level domains.
_CODE_TOKEN = regex.compile(r"(?i)[a-z_][a-z0-9_]?\.[a-z_]+")


# Sites of large public services (shops, banks, carriers, mail, social networks, payment apps) that customers
# name in passing ("I paid on paypal.com", "03/05 NETFLIX.COM $15.49"): their bare domain identifies no one. A
# path or a query after it is left to the other rules (a profile path or a token is personal). Hand-written for
# this project (MIT).
_PUBLIC_SITES = frozenset(
    words(
        """
    amazon google gmail youtube facebook instagram twitter x tiktok netflix spotify hulu disneyplus hbomax max
    paypal venmo zelle cash ebay walmart target costco bestbuy homedepot lowes ikea apple icloud microsoft outlook
    live hotmail yahoo aol linkedin github gitlab reddit wikipedia zoom slack dropbox uber lyft doordash ubereats
    grubhub instacart airbnb booking expedia tripadvisor kayak etsy shopify wix squarespace wordpress godaddy
    cloudflare stripe chase wellsfargo bankofamerica citi capitalone americanexpress amex discover usps ups fedex
    dhl irs ssa medicare healthcare whatsapp telegram signal discord twitch pinterest snapchat adobe canva openai
    chatgpt bing duckduckgo att verizon t-mobile tmobile comcast xfinity spectrum indeed glassdoor craigslist zillow
    redfin temu shein aliexpress alibaba wayfair chewy nike adidas starbucks mcdonalds dominos southwest delta
    united aa jetblue ryanair easyjet lufthansa emirates
    """
    )
)


def is_code_not_link(text: str, start: int, end: int) -> bool:
    """Whether a "domain" Presidio found is not a link to anyone: code or the bare domain of a public service.

    Code: a 1-2 letter host ("c.email"), a match that stops inside a longer word ("self.items" read as
    "self.it"), or a bare host (no scheme, no www, no path) that is part of a longer dotted chain
    ("os.environ.get"), is called ("app.run(", "asyncio.run()"), has an underscore ("self._radius"), or ends in
    a file extension or member name that is seldom a site's top-level domain ("deploy.sh", "this.name").
    Public services: "NETFLIX.COM", "www.amazon.com".
    """
    if _CODE_TOKEN.fullmatch(text, start, end) is not None:
        return True
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return True
    if _is_code_host(text, start, end):
        return True
    host = text[start:end].lower().rstrip("/")
    host = host.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    if not host or any(ch in host for ch in "/?#@:"):
        return False
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in {"co", "com"} and len(labels[-1]) == 2:  # amazon.co.uk, amazon.com.br
        labels = labels[:-1]
    return len(labels) == 2 and labels[0] in _PUBLIC_SITES


# File extensions and object members that are also top-level domains: a bare "x.sh" or "x.name" is code or a
# file name far more often than a site typed without "www." or a path.
_CODE_SUFFIXES = frozenset(words("sh py md rs name id run js ts"))


def _is_code_host(text: str, start: int, end: int) -> bool:
    value = text[start:end]
    lower = value.lower()
    if lower.startswith(("http://", "https://", "www.")) or any(ch in value for ch in "/?#@:"):
        return False
    if "_" in value or (start > 0 and text[start - 1] in "._$") or text.startswith("(", end):
        return True
    if text.startswith(".", end) and end + 1 < len(text) and (text[end + 1].isalpha() or text[end + 1] == "_"):
        return True
    labels = lower.split(".")
    return len(labels) == 2 and labels[1] in _CODE_SUFFIXES


def link_end(text: str, start: int, end: int) -> int:
    """The end of a link without the sentence punctuation typed after it ("see https://x.io/u/ana, thanks")."""
    while end > start and text[end - 1] in ".,;:!?'\"":
        end -= 1
    if end > start and text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end):
        end -= 1  # "(profile: https://x.io/u/ana)", but not "https://en.wikipedia.org/wiki/Foo_(bar)"
    return end
