"""Key material: the HMAC pepper for `hash`, the Fernet keys for `encrypt`, and where they come from.

Keys come only from the environment, a key file, or (later) a secret store; never from a policy file or a
default. Objects here never show key material in `repr()`, logs or exceptions; they expose key *ids*, short
fingerprints derived from the key with a domain-separated SHA-256, which are safe to write beside the output.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from anonymizer.errors import KeyConfigError, MissingKeyError, RevealError

HASH_KEY_ENV = "ANONYMIZER_HASH_KEY"
ENCRYPTION_KEYS_ENV = "ANONYMIZER_ENCRYPTION_KEYS"
MASTER_KEY_ENV = "ANONYMIZER_MASTER_KEY"
KEY_NAMES = (HASH_KEY_ENV, ENCRYPTION_KEYS_ENV, MASTER_KEY_ENV)

MIN_SECRET_CHARS = 32
ENCRYPTED_PREFIX = "enc:v1:"

_HKDF_HASH_INFO = b"chat-anonymizer/v1/hash-key"
_HKDF_ENCRYPTION_INFO = b"chat-anonymizer/v1/encryption-key"
_KEY_ID_LABEL = b"chat-anonymizer/v1/key-id\x00"


def key_id(key: bytes) -> str:
    """A 12-hex-character fingerprint of a key, safe to publish (it does not reveal the key)."""
    return hashlib.sha256(_KEY_ID_LABEL + key).hexdigest()[:12]


def _hkdf(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


@dataclass(frozen=True, repr=False)
class KeyRing:
    """The keys one run uses. Build it with `KeyRing.load()`; it never prints its secrets."""

    hash_key: bytes | None = field(default=None)
    encryption_keys: tuple[bytes, ...] = field(default=())
    source: str = "none"

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

    def __repr__(self) -> str:
        return (
            f"KeyRing(hash_key_id={self.hash_key_id!r}, encryption_key_ids={self.encryption_key_ids!r}, "
            f"source={self.source!r})"
        )

    __str__ = __repr__

    # ---- ids ---------------------------------------------------------------------------------------
    @property
    def hash_key_id(self) -> str | None:
        return key_id(self.hash_key) if self.hash_key is not None else None

    @property
    def encryption_key_ids(self) -> list[str]:
        return [key_id(k) for k in self.encryption_keys]

    @property
    def has_hash_key(self) -> bool:
        return self.hash_key is not None

    @property
    def has_encryption_key(self) -> bool:
        return bool(self.encryption_keys)

    # ---- operations --------------------------------------------------------------------------------
    def require_hash_key(self) -> bytes:
        if self.hash_key is None:
            raise MissingKeyError(
                f"the policy uses the 'hash' operator but no hash key is configured: set {HASH_KEY_ENV} "
                f"(or {MASTER_KEY_ENV}) in the environment or in a --key-file; create one with "
                "`anonymizer keygen`"
            )
        return self.hash_key

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
        token = self._multifernet().encrypt(data).decode("ascii")
        return f"{ENCRYPTED_PREFIX}{key_id(self.encryption_keys[0])}:{token}"

    def decrypt(self, value: str) -> str:
        """Decrypt a value produced by `encrypt` (with any configured key, newest first)."""
        token = value[len(ENCRYPTED_PREFIX) :].split(":", 1)[-1] if value.startswith(ENCRYPTED_PREFIX) else value
        try:
            return self._multifernet().decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError, ValueError):
            raise RevealError(
                "the token could not be decrypted with the configured encryption keys "
                "(wrong key, key removed, or tampered token)"
            ) from None

    def rotate(self, value: str) -> str:
        """Re-encrypt a token under the newest key (MultiFernet.rotate), keeping the tagged format."""
        token = value[len(ENCRYPTED_PREFIX) :].split(":", 1)[-1] if value.startswith(ENCRYPTED_PREFIX) else value
        try:
            new = self._multifernet().rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, ValueError):
            raise RevealError("the token could not be rotated with the configured encryption keys") from None
        return f"{ENCRYPTED_PREFIX}{key_id(self.encryption_keys[0])}:{new}"

    # ---- loading -----------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, values: Mapping[str, str], source: str) -> KeyRing:
        """Build from NAME=value pairs (environment or key file). The master key fills only what is missing."""
        hash_raw = (values.get(HASH_KEY_ENV) or "").strip()
        enc_raw = (values.get(ENCRYPTION_KEYS_ENV) or "").strip()
        master_raw = (values.get(MASTER_KEY_ENV) or "").strip()
        hash_key: bytes | None = hash_raw.encode("utf-8") if hash_raw else None
        enc_keys = tuple(k.strip().encode("ascii", "replace") for k in enc_raw.split(",") if k.strip())
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
        return cls(hash_key=hash_key, encryption_keys=enc_keys, source=source)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KeyRing:
        env = os.environ if environ is None else environ
        return cls.from_mapping({name: env[name] for name in KEY_NAMES if name in env}, source="environment")

    @classmethod
    def from_file(cls, path: str | Path) -> KeyRing:
        return cls.from_mapping(read_key_file(path), source=f"key file {path}")

    @classmethod
    def load(cls, key_file: str | Path | None = None, environ: Mapping[str, str] | None = None) -> KeyRing:
        """Keys from `key_file` when given (names it lacks fall back to the environment), else the environment."""
        env = os.environ if environ is None else environ
        values = {name: env[name] for name in KEY_NAMES if name in env}
        source = "environment"
        if key_file is not None:
            values.update(read_key_file(key_file))
            source = f"key file {key_file}"
        return cls.from_mapping(values, source=source)


def read_key_file(path: str | Path) -> dict[str, str]:
    """Read `NAME=value` lines; refuse a file that group or others can read or write."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise KeyConfigError(f"cannot read key file {p}: {exc.strerror}") from None
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyConfigError(
            f"key file {p} is accessible by group or others (mode {stat.S_IMODE(st.st_mode):04o}); "
            f"run `chmod 600 {p}`"
        )
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        raise KeyConfigError(f"cannot read key file {p}") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, value = stripped.partition("=")
        name = name.strip().removeprefix("export ").strip()
        if not sep or name not in KEY_NAMES:
            # Never echo the line: it may hold a secret.
            raise KeyConfigError(
                f"key file {p} line {number}: expected NAME=value with NAME one of {', '.join(KEY_NAMES)}"
            )
        values[name] = value.strip().strip('"').strip("'")
    return values


def generate_keys() -> dict[str, str]:
    """Fresh, independent keys for hashing and encryption."""
    return {
        HASH_KEY_ENV: secrets.token_urlsafe(32),
        ENCRYPTION_KEYS_ENV: Fernet.generate_key().decode("ascii"),
    }
