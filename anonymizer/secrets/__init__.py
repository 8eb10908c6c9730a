"""Key sources behind one small interface: environment, key file, HashiCorp Vault / OpenBao, Azure Key Vault.

    from anonymizer import KeyRing
    from anonymizer.secrets import KeySourceConfig
    keys = KeyRing.from_source(KeySourceConfig.parse("vault:secret/chat-anonymizer").build())

A source only fetches values; `KeyRing` validates them, derives missing keys from a master secret with
HKDF, and computes key ids, identically for every source.
"""

from __future__ import annotations

from anonymizer.secrets.azure import AzureKeyVaultKeySource
from anonymizer.secrets.base import ENCRYPTION_KEYS_ENV, HASH_KEY_ENV, KEY_NAMES, MASTER_KEY_ENV, KeySource
from anonymizer.secrets.config import AzureSettings, KeySourceConfig, VaultSettings
from anonymizer.secrets.env import EnvironmentKeySource
from anonymizer.secrets.keyfile import KeyFileKeySource, read_key_file
from anonymizer.secrets.vault import VaultKeySource

__all__ = [
    "ENCRYPTION_KEYS_ENV",
    "HASH_KEY_ENV",
    "KEY_NAMES",
    "MASTER_KEY_ENV",
    "AzureKeyVaultKeySource",
    "AzureSettings",
    "EnvironmentKeySource",
    "KeyFileKeySource",
    "KeySource",
    "KeySourceConfig",
    "VaultKeySource",
    "VaultSettings",
    "read_key_file",
]
