"""Key material: the HMAC pepper for `hash`, the Fernet keys for `encrypt`, and where they come from.

Keys come only from a key source (`anonymizer.secrets`: the environment, a key file, Vault/OpenBao or
Azure Key Vault); never from a policy file or a default. `KeyRing` validates them once, at start-up, and
derives missing ones from a master secret with HKDF-SHA256 under distinct `info` labels, so the hash key
and the encryption key are always different keys. Objects here never show key material in `repr()`, logs
or exceptions; they expose key *ids*, short fingerprints derived from the key with a domain-separated
SHA-256, which are safe to write beside the output. Every loaded key is registered with
`anonymizer.logsafe`, which scrubs it from any log record.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from anonymizer import logsafe
from anonymizer.errors import KeyConfigError, MissingKeyError, RevealError
from anonymizer.secrets.base import ENCRYPTION_KEYS_ENV, HASH_KEY_ENV, KEY_NAMES, MASTER_KEY_ENV, KeySource
from anonymizer.secrets.env import EnvironmentKeySource
from anonymizer.secrets.keyfile import KeyFileKeySource, read_key_file

MIN_SECRET_CHARS = 32
ENCRYPTED_PREFIX = "enc:v1:"
# `enc:v1:<12-hex key id>:<Fernet token>`; a Fernet token is url-safe base64 (with `=` padding).
ENCRYPTED_VALUE = re.compile(r"^enc:v1:([0-9a-f]{12}):([A-Za-z0-9_\-]+={0,2})$")

# HKDF `info` labels: one master secret, two unrelated keys. Changing a label changes every derived key,
# so they are versioned (`v1`) and never edited.
_HKDF_HASH_INFO = b"chat-anonymizer/v1/hash-key"
_HKDF_ENCRYPTION_INFO = b"chat-anonymizer/v1/encryption-key"
_KEY_ID_LABEL = b"chat-anonymizer/v1/key-id\x00"

__all__ = [
    "ENCRYPTED_PREFIX",
    "ENCRYPTION_KEYS_ENV",
    "HASH_KEY_ENV",
    "KEY_NAMES",
    "MASTER_KEY_ENV",
    "KeyRing",
    "generate_keys",
    "key_id",
    "read_key_file",
    "token_key_id",
]


def key_id(key: bytes) -> str:
    """A 12-hex-character fingerprint of a key, safe to publish (it does not reveal the key)."""
    return hashlib.sha256(_KEY_ID_LABEL + key).hexdigest()[:12]


def token_key_id(value: str) -> str | None:
    """The key id an `enc:v1:<kid>:<token>` value names, or None if `value` is not such a value."""
    match = ENCRYPTED_VALUE.match(value)
    return match.group(1) if match else None


def _hkdf(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


@dataclass(frozen=True, repr=False)
class KeyRing:
    """The keys one run uses. Build it with `KeyRing.load()` or `KeyRing.from_source()`; it never prints
    its secrets. `encryption_keys` are newest first: the first encrypts, all of them decrypt."""

    hash_key: bytes | None = field(default=None)
    encryption_keys: tuple[bytes, ...] = field(default=())
    source: str = "none"
    # Kept only so `secret_values()` can look for leaks of it; nothing is ever derived from it here.
    master_key: bytes | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for position, key in enumerate(self.encryption_keys, start=1):
            try:
                Fernet(key)
            except (ValueError, TypeError):
                raise KeyConfigError(
                    f"{ENCRYPTION_KEYS_ENV} entry {position} is not a valid Fernet key "
                    "(32 url-safe base64-encoded bytes); create one with `anonymizer keygen`"
                ) from None
        if self.hash_key is not None and len(self.hash_key) < MIN_SECRET_CHARS:
            raise KeyConfigError(
                f"{HASH_KEY_ENV} is too short: use at least {MIN_SECRET_CHARS} characters of random "
                "data; create one with `anonymizer keygen`"
            )
        if self.hash_key is not None and self.hash_key in self.encryption_keys:
            raise KeyConfigError(
                f"{HASH_KEY_ENV} equals one of {ENCRYPTION_KEYS_ENV}: hashing and encryption need separate keys"
            )
        logsafe.register_secrets(self.secret_values())

    def __repr__(self) -> str:
        return (
            f"KeyRing(hash_key_id={self.hash_key_id!r}, encryption_key_ids={self.encryption_key_ids!r}, "
            f"source={self.source!r})"
        )

    __str__ = __repr__

    def __reduce__(self) -> tuple[type[KeyRing], tuple[bytes | None, tuple[bytes, ...], str, bytes | None]]:
        # Rebuilt through __init__ when unpickled (worker processes): validated again, and its keys
        # registered with that process's log scrubber too.
        return (type(self), (self.hash_key, self.encryption_keys, self.source, self.master_key))

    # ---- ids ---------------------------------------------------------------------------------------
    @property
    def hash_key_id(self) -> str | None:
        return key_id(self.hash_key) if self.hash_key is not None else None

    @property
    def encryption_key_ids(self) -> list[str]:
        """Ids of the encryption keys, newest (the one `encrypt` uses) first."""
        return [key_id(k) for k in self.encryption_keys]

    @property
    def has_hash_key(self) -> bool:
        return self.hash_key is not None

    @property
    def has_encryption_key(self) -> bool:
        return bool(self.encryption_keys)

    def secret_values(self) -> list[str]:
        """Every secret this ring holds, as text: for log scrubbing and leak checks, never for output."""
        raw = [self.hash_key, *self.encryption_keys, self.master_key]
        return [k.decode("utf-8", "replace") for k in raw if k]

    # ---- operations --------------------------------------------------------------------------------
    def require_hash_key(self) -> bytes:
        if self.hash_key is None:
            raise MissingKeyError(
                f"the policy uses the 'hash' operator but no hash key is configured: set {HASH_KEY_ENV} "
                f"(or {MASTER_KEY_ENV}) in the environment or in a --key-file; create one with "
                "`anonymizer keygen`"
            )
        return self.hash_key

    @cached_property
    def _cipher(self) -> tuple[MultiFernet, str]:
        """The MultiFernet over every key and the newest key's id, built once (keys never change)."""
        return self._multifernet(), key_id(self.encryption_keys[0])

    def _multifernet(self) -> MultiFernet:
        if not self.encryption_keys:
            raise MissingKeyError(
                f"the policy uses the 'encrypt' operator but no encryption key is configured: set "
                f"{ENCRYPTION_KEYS_ENV} (or {MASTER_KEY_ENV}) in the environment or in a --key-file; "
                "create one with `anonymizer keygen`"
            )
        return MultiFernet([Fernet(k) for k in self.encryption_keys])

    def hmac_hex(self, message: bytes) -> str:
        """HMAC-SHA256 of `message` under the hash key, as hex."""
        return hmac.new(self.require_hash_key(), message, hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: str) -> str:
        """Fernet-encrypt with the newest key; the result names that key's id: `enc:v1:<kid>:<token>`."""
        return self.encrypt_bytes(plaintext.encode("utf-8"))

    def encrypt_bytes(self, data: bytes) -> str:
        cipher, newest = self._cipher
        token = cipher.encrypt(data).decode("ascii")
        return f"{ENCRYPTED_PREFIX}{newest}:{token}"

    def _unknown_key_hint(self, value: str) -> str:
        kid = token_key_id(value)
        if kid is not None and kid not in self.encryption_key_ids:
            return f"; it names key id {kid}, which is not among the configured keys {self.encryption_key_ids}"
        return ""

    def decrypt_bytes(self, value: str) -> bytes:
        """Decrypt a value produced by `encrypt`/`encrypt_bytes` (with any configured key, newest first)."""
        token = value[len(ENCRYPTED_PREFIX) :].split(":", 1)[-1] if value.startswith(ENCRYPTED_PREFIX) else value
        try:
            return self._multifernet().decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeError, ValueError):
            raise RevealError(
                "the token could not be decrypted with the configured encryption keys "
                "(wrong key, key removed, or tampered token)" + self._unknown_key_hint(value)
            ) from None

    def decrypt(self, value: str) -> str:
        """Decrypt a value produced by `encrypt` (with any configured key, newest first)."""
        try:
            return self.decrypt_bytes(value).decode("utf-8")
        except UnicodeError:
            raise RevealError("the decrypted value is not UTF-8 text") from None

    def rotate(self, value: str) -> str:
        """Re-encrypt a token under the newest key (MultiFernet.rotate), keeping the tagged format."""
        token = value[len(ENCRYPTED_PREFIX) :].split(":", 1)[-1] if value.startswith(ENCRYPTED_PREFIX) else value
        try:
            new = self._multifernet().rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError, ValueError):
            raise RevealError(
                "the token could not be rotated with the configured encryption keys" + self._unknown_key_hint(value)
            ) from None
        return f"{ENCRYPTED_PREFIX}{key_id(self.encryption_keys[0])}:{new}"

    # ---- loading -----------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, values: Mapping[str, str], source: str) -> KeyRing:
        """Build from NAME=value pairs (any key source). The master key fills only what is missing.

        Derivation: `hash key = base64url(HKDF-SHA256(master, salt=None, info="chat-anonymizer/v1/hash-key",
        L=32))` and the Fernet key likewise with `info="chat-anonymizer/v1/encryption-key"`.
        """
        hash_raw = (values.get(HASH_KEY_ENV) or "").strip()
        enc_raw = (values.get(ENCRYPTION_KEYS_ENV) or "").strip()
        master_raw = (values.get(MASTER_KEY_ENV) or "").strip()
        hash_key: bytes | None = hash_raw.encode("utf-8") if hash_raw else None
        enc_keys = tuple(k.strip().encode("ascii", "replace") for k in enc_raw.split(",") if k.strip())
        master: bytes | None = None
        if master_raw:
            if len(master_raw) < MIN_SECRET_CHARS:
                raise KeyConfigError(
                    f"{MASTER_KEY_ENV} is too short: use at least {MIN_SECRET_CHARS} characters of random data"
                )
            master = master_raw.encode("utf-8")
            # Separate keys for separate purposes: one secret never serves both HMAC and Fernet directly.
            if hash_key is None:
                hash_key = base64.urlsafe_b64encode(_hkdf(master, _HKDF_HASH_INFO))
            if not enc_keys:
                enc_keys = (base64.urlsafe_b64encode(_hkdf(master, _HKDF_ENCRYPTION_INFO)),)
        return cls(hash_key=hash_key, encryption_keys=enc_keys, source=source, master_key=master)

    @classmethod
    def from_source(cls, source: KeySource) -> KeyRing:
        """Fetch from a key source (`anonymizer.secrets`) and validate: the start-up check for every source."""
        return cls.from_mapping(source.fetch(), source=source.describe())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KeyRing:
        return cls.from_source(EnvironmentKeySource(environ))

    @classmethod
    def from_file(cls, path: str | Path) -> KeyRing:
        """Keys from a key file only (no environment fallback)."""
        return cls.from_source(KeyFileKeySource(path, fallback=False))

    @classmethod
    def load(
        cls,
        key_file: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        source: KeySource | None = None,
    ) -> KeyRing:
        """Keys from `source` when given; else from `key_file` (names it lacks fall back to the
        environment); else from the environment."""
        if source is not None:
            if key_file is not None:
                raise KeyConfigError("give either a key file or a key source, not both")
            return cls.from_source(source)
        if key_file is not None:
            return cls.from_source(KeyFileKeySource(key_file, environ=environ))
        return cls.from_source(EnvironmentKeySource(environ))


def generate_keys() -> dict[str, str]:
    """Fresh, independent keys for hashing and encryption."""
    return {
        HASH_KEY_ENV: secrets.token_urlsafe(32),
        ENCRYPTION_KEYS_ENV: Fernet.generate_key().decode("ascii"),
    }
