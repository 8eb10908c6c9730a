"""The key-source interface: where key material comes from, and the names it is known by.

A key source answers one question, "which key values are configured?", as a mapping from the three
variable names below to their values. Everything else (validation, HKDF derivation, key ids) happens
once, in `anonymizer.keys.KeyRing`, whatever the source, so a key from Vault is checked exactly like a
key from the environment.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

HASH_KEY_ENV = "ANONYMIZER_HASH_KEY"
ENCRYPTION_KEYS_ENV = "ANONYMIZER_ENCRYPTION_KEYS"
MASTER_KEY_ENV = "ANONYMIZER_MASTER_KEY"
KEY_NAMES = (HASH_KEY_ENV, ENCRYPTION_KEYS_ENV, MASTER_KEY_ENV)

# The same three keys as secret-store field names: short, lower case, valid in Vault and (with dashes)
# in Azure Key Vault, whose secret names allow only letters, digits and dashes.
ROLE_HASH = "hash_key"
ROLE_ENCRYPTION = "encryption_keys"
ROLE_MASTER = "master_key"
ROLE_TO_NAME = {ROLE_HASH: HASH_KEY_ENV, ROLE_ENCRYPTION: ENCRYPTION_KEYS_ENV, ROLE_MASTER: MASTER_KEY_ENV}


class KeySource(ABC):
    """One place keys come from. Implementations never log, print or raise with a key value, and their
    `repr()` names the location only (a URL, a path, a variable name), never a token or a key."""

    kind: ClassVar[str]

    @abstractmethod
    def fetch(self) -> dict[str, str]:
        """The configured values, keyed by `KEY_NAMES` entries; names that are not set are left out.

        Raises `KeyConfigError` (naming the location, never a value) when the source cannot be read.
        """

    @abstractmethod
    def describe(self) -> str:
        """A short human description of the location, safe to log and to write in reports."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()!r})"

    __str__ = __repr__
