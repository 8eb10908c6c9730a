"""The library's exceptions, one hierarchy so callers can catch what they mean.

    AnonymizerError
    ├── PolicyError            the policy file or object is invalid (unknown operator, bad field, ...)
    ├── KeyConfigError         a key is missing, malformed, or stored unsafely
    │   └── MissingKeyError    the policy needs a key that is not configured
    ├── DetectionError         the detector could not analyse a text (the caller fails closed)
    │   └── ModelNotFoundError the configured spaCy pipeline is not installed
    └── RevealError            a token could not be decrypted (wrong key, tampered token)

Messages never contain the text being analysed, a detected value or key material: they name fields,
entity types, file paths and environment variable names only.
"""

from __future__ import annotations


class AnonymizerError(Exception):
    """Base class of every error raised by chat-anonymizer."""


class PolicyError(AnonymizerError):
    """The policy is invalid; the message says where and why."""


class KeyConfigError(AnonymizerError):
    """A key is missing, malformed or stored with unsafe permissions."""


class MissingKeyError(KeyConfigError):
    """The policy needs a key that is not configured."""


class DetectionError(AnonymizerError):
    """The detector failed on a text; callers must quarantine or fully redact it."""


class ModelNotFoundError(DetectionError):
    """The configured spaCy pipeline is not installed (nothing is ever downloaded)."""


class RevealError(AnonymizerError):
    """A token could not be decrypted with the configured keys."""
