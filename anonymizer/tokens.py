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

from anonymizer.keys import ENCRYPTED_VALUE, KeyRing

_FERNET = r"[A-Za-z0-9_\-]+={0,2}"
# An encrypted entity inside text: `<TYPE:enc:v1:<kid>:<token>>`.
TEXT_ENCRYPTED = re.compile(rf"<(?P<type>[A-Z][A-Z0-9_]*):(?P<value>enc:v1:(?P<kid>[0-9a-f]{{12}}):{_FERNET})>")
# Every placeholder the operators write inside text: `<TYPE>`, `<TYPE:hex>`, `<TYPE:enc:v1:...>`.
TEXT_TOKEN = re.compile(rf"<[A-Z][A-Z0-9_]*(?::(?:[0-9a-f]{{8,64}}|enc:v1:[0-9a-f]{{12}}:{_FERNET}))?>")
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
    """`value` with every encrypted token re-encrypted under the newest key, and how many there were.

    Raises RevealError if a token cannot be decrypted with any configured key.
    """
    return _map_encrypted(
        value, keys.rotate, lambda m: f"<{m.group('type')}:{keys.rotate(m.group('value'))}>"
    )


def decrypt_value(value: str, keys: KeyRing) -> tuple[str, int]:
    """`value` with every encrypted token replaced by its plaintext (a whole field becomes the original
    value; in text, `<PERSON:enc:...>` becomes the original name), and how many there were."""
    return _map_encrypted(value, keys.decrypt, lambda m: keys.decrypt(m.group("value")))


def strip_tokens(value: str) -> str:
    """`value` with every operator token blanked out (same length, so offsets still point into `value`).

    Used before re-scanning output for residual PII: a token is not a finding, and a base64 Fernet token
    or a hex digest must not look like an identifier to the detector.
    """
    if FIELD_TOKEN.match(value):
        return " " * len(value)
    return TEXT_TOKEN.sub(lambda m: " " * len(m.group(0)), value)


__all__ = [
    "FIELD_TOKEN",
    "TEXT_ENCRYPTED",
    "TEXT_TOKEN",
    "decrypt_value",
    "encrypted_key_ids",
    "rotate_value",
    "strip_tokens",
]
