"""The transform stage's operators: hash, mask, encrypt, replace, redact, keep.

Each operator is one small class in Presidio's shape (`operator_name`, `operate`, `validate`), built once
from its validated policy spec and the run's keys, so nothing per call handles untyped parameters or keys.
`operate` returns the replacement for a value; `None` means "no value" (a redacted structured field).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from anonymizer.keys import KeyRing
from anonymizer.policy import (
    EncryptSpec,
    HashSpec,
    KeepSpec,
    MaskSpec,
    OperatorSpecT,
    RedactSpec,
    ReplaceSpec,
)
from anonymizer.transform.normalize import normalize

# Domain separation: a token from this tool can never equal an HMAC computed for another purpose.
HASH_DOMAIN = b"chat-anonymizer/v1/pseudonym\x00"


@dataclass(frozen=True, slots=True)
class Target:
    """What is being transformed: an entity inside free text, or a whole structured field."""

    entity_type: str | None
    field: str | None = None
    number: int | None = None
    """Which distinct value of its type this is within its conversation (1, 2, ...), for numbered placeholders."""

    @property
    def in_text(self) -> bool:
        return self.field is None

    @property
    def label(self) -> str:
        return self.entity_type or (self.field or "value").upper()


class Operator(ABC):
    operator_name: ClassVar[str]
    numbered: bool = False
    """Whether `operate` uses `Target.number` (the orchestrator numbers values only for such operators)."""

    @abstractmethod
    def operate(self, value: str, target: Target) -> str | None:
        """The replacement for `value`."""

    def validate(self) -> None:  # noqa: B027 - optional hook: most operators need nothing
        """Raise MissingKeyError/KeyConfigError if the operator cannot run (checked at start-up)."""


class HashOperator(Operator):
    """Keyed HMAC-SHA256 over the normalized value. Joinable across rows and runs, not reversible, and
    not guessable by enumerating values without the key."""

    operator_name = "hash"

    def __init__(self, spec: HashSpec, keys: KeyRing, region: str) -> None:
        self.length = spec.length
        self.entity_type = spec.entity_type
        self.keys = keys
        self.region = region

    def token(self, value: str, entity_type: str | None) -> str:
        canonical = normalize(value, self.entity_type or entity_type, self.region)
        return self.keys.hmac_hex(HASH_DOMAIN + canonical.encode("utf-8"))[: self.length]

    def operate(self, value: str, target: Target) -> str:
        token = self.token(value, target.entity_type)
        return f"<{target.label}:{token}>" if target.in_text else token

    def validate(self) -> None:
        self.keys.require_hash_key()


class MaskOperator(Operator):
    """Letters and digits become the mask character; separators stay so formats remain recognisable."""

    operator_name = "mask"

    def __init__(self, spec: MaskSpec) -> None:
        self.keep_last = spec.keep_last
        self.keep_first = spec.keep_first
        self.char = spec.char

    def operate(self, value: str, target: Target) -> str:
        alnum_positions = [i for i, c in enumerate(value) if c.isalnum()]
        total = len(alnum_positions)
        # Never reveal the whole value: at least half of its letters/digits stay masked.
        keep_first = min(self.keep_first, total // 2)
        keep_last = min(self.keep_last, total // 2)
        visible = set(alnum_positions[:keep_first]) | set(alnum_positions[total - keep_last :] if keep_last else ())
        return "".join(c if (i in visible or not c.isalnum()) else self.char for i, c in enumerate(value))


class EncryptOperator(Operator):
    """Fernet (AES-128-CBC + HMAC-SHA256) with the newest key; token tagged with the key id."""

    operator_name = "encrypt"

    def __init__(self, keys: KeyRing) -> None:
        self.keys = keys

    def operate(self, value: str, target: Target) -> str:
        token = self.keys.encrypt(value)
        return f"<{target.label}:{token}>" if target.in_text else token

    def validate(self) -> None:
        self.keys.encrypt("")


class ReplaceOperator(Operator):
    operator_name = "replace"

    def __init__(self, spec: ReplaceSpec) -> None:
        self.value = spec.value
        self.numbered = spec.numbered

    def operate(self, value: str, target: Target) -> str:
        if self.value is not None:
            return self.value
        if self.numbered and target.number is not None and target.in_text:
            return f"<{target.label}_{target.number}>"
        return f"<{target.label}>"


class RedactOperator(Operator):
    operator_name = "redact"

    def operate(self, value: str, target: Target) -> str | None:
        return "" if target.in_text else None


class KeepOperator(Operator):
    operator_name = "keep"

    def operate(self, value: str, target: Target) -> str:
        return value


def build_operator(spec: OperatorSpecT, keys: KeyRing, region: str = "US") -> Operator:
    """The operator a policy spec describes, bound to the run's keys."""
    if isinstance(spec, HashSpec):
        return HashOperator(spec, keys, region)
    if isinstance(spec, MaskSpec):
        return MaskOperator(spec)
    if isinstance(spec, EncryptSpec):
        return EncryptOperator(keys)
    if isinstance(spec, ReplaceSpec):
        return ReplaceOperator(spec)
    if isinstance(spec, RedactSpec):
        return RedactOperator()
    if isinstance(spec, KeepSpec):
        return KeepOperator()
    raise TypeError(f"unknown operator spec {type(spec).__name__}")
