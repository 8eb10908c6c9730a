"""The token formats the operators write, and what can be done to them later: find, rotate, decrypt, strip.

| written by | whole structured field | inside a text field |
|---|---|---|
| `encrypt` | `enc:v1:<kid>:<Fernet token>` | `<PERSON:enc:v1:<kid>:<Fernet token>>` |
| `hash` | `3f9a…` (8-64 hex) | `<EMAIL_ADDRESS:3f9a…>` |
| `replace` | `<USER_NAME>` | `<PERSON>` |

Only strings are handled here; walking Parquet files is `pipelines.security`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from anonymizer.keys import ENCRYPTED_VALUE, KeyRing, token_key_id

_FERNET = r"[A-Za-z0-9_\-]+={0,2}"
# An encrypted entity inside text: `<TYPE:enc:v1:<kid>:<token>>`.
TEXT_ENCRYPTED = re.compile(rf"<(?P<type>[A-Z][A-Z0-9_]*):(?P<value>enc:v1:(?P<kid>[0-9a-f]{{12}}):{_FERNET})>")
# Every placeholder the operators write inside text: `<TYPE>`, `<TYPE:hex>`, `<TYPE:enc:v1:...>`.
TEXT_TOKEN = re.compile(rf"<[A-Z][A-Z0-9_]*(?::(?:[0-9a-f]{{8,64}}|enc:v1:[0-9a-f]{{12}}:{_FERNET}))?>")
# What `mask` leaves: words with `*` in them, with the few digit groups it keeps (`keep_first`/`keep_last`)
# next to them: "(***) ***-0123", "4111 **** **** 1111", "j***.***@*******.***".
MASKED_RUN = re.compile(
    r"""
    (?:(?<!\S)\d{1,4}\s+(?=\S*\*))*      # kept leading digit groups, followed by a masked word
    \S*\*\S*                            # a word with at least one mask character
    (?:\s+(?:\S*\*\S*|\d{1,4}(?!\S)))*    # more masked words, or kept trailing digit groups
    """,
    re.VERBOSE,
)
# A whole structured field that is a token: encrypted, a hash, or a replace placeholder.
FIELD_TOKEN = re.compile(rf"^(?:enc:v1:[0-9a-f]{{12}}:{_FERNET}|[0-9a-f]{{8,64}}|<[A-Z][A-Z0-9_]*>)$")


def encrypted_key_ids(value: str) -> list[str]:
    """The key id of every encrypted token in `value` (a whole field or a text), in order."""
    whole = ENCRYPTED_VALUE.match(value)
    if whole:
        return [whole.group(1)]
    return [m.group("kid") for m in TEXT_ENCRYPTED.finditer(value)]


def _map_encrypted(
    value: str, whole: Callable[[str], str], embedded: Callable[[re.Match[str]], str]
) -> tuple[str, int]:
    if ENCRYPTED_VALUE.match(value):
        return whole(value), 1
    count = 0

    def one(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return embedded(match)

    return TEXT_ENCRYPTED.sub(one, value), count


def rotate_value(value: str, keys: KeyRing) -> tuple[str, int]:
    """`value` with every encrypted token not yet under the newest key re-encrypted under it
    (`MultiFernet.rotate`), and how many tokens were re-encrypted.

    Raises RevealError if a token cannot be decrypted with any configured key.
    """
    newest = keys.encryption_key_ids[0] if keys.encryption_keys else None

    def rotate(token: str) -> str:
        return token if token_key_id(token) == newest else keys.rotate(token)

    rotated, _ = _map_encrypted(value, rotate, lambda m: f"<{m.group('type')}:{rotate(m.group('value'))}>")
    changed = sum(1 for kid in encrypted_key_ids(value) if kid != newest)
    return rotated, changed


def decrypt_value(value: str, keys: KeyRing) -> tuple[str, int]:
    """`value` with every encrypted token replaced by its plaintext (a whole field becomes the original
    value; in text, `<PERSON:enc:...>` becomes the original name), and how many there were."""
    return _map_encrypted(value, keys.decrypt, lambda m: keys.decrypt(m.group("value")))


def strip_tokens(value: str) -> str:
    """`value` with every operator token blanked out (same length, so offsets still point into `value`).

    Used before re-scanning output for residual PII: a token is not a finding, a base64 Fernet token or a
    hex digest must not look like an identifier to the detector, and the digits `mask` keeps on purpose
    (`keep_last: 4`) are the policy's decision, not a leak.
    """
    if FIELD_TOKEN.match(value):
        return " " * len(value)
    blank = TEXT_TOKEN.sub(lambda m: " " * len(m.group(0)), value)
    return MASKED_RUN.sub(lambda m: " " * len(m.group(0)), blank)


__all__ = [
    "FIELD_TOKEN",
    "MASKED_RUN",
    "TEXT_ENCRYPTED",
    "TEXT_TOKEN",
    "decrypt_value",
    "encrypted_key_ids",
    "rotate_value",
    "strip_tokens",
]
