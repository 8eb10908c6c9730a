"""chat-anonymizer's library: text and records in, anonymized text and records out.

    from anonymizer import Anonymizer, Policy
    anon = Anonymizer(Policy.load("policy.yaml"))   # keys from ANONYMIZER_HASH_KEY / ANONYMIZER_ENCRYPTION_KEYS
    anon.anonymize_text("Hi, I'm John Smith, call me on 415-555-0123")
    anon.anonymize_frame(polars_dataframe)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from anonymizer.anonymize import AnonymizedRecord, Anonymizer
from anonymizer.detect.findings import Finding
from anonymizer.errors import (
    AnonymizerError,
    DetectionError,
    KeyConfigError,
    MissingKeyError,
    ModelNotFoundError,
    PolicyError,
    RevealError,
)
from anonymizer.keys import KeyRing, generate_keys
from anonymizer.logsafe import install_log_scrubbing
from anonymizer.policy import Policy
from anonymizer.records import InvalidRecord, output_schema, validate_record

# Privacy first: from the moment the library is imported, every log record is scrubbed of PII-shaped text
# and of loaded keys, whichever logger made it (see anonymizer/logsafe.py).
install_log_scrubbing()

try:
    __version__ = version("chat-anonymizer")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "AnonymizedRecord",
    "Anonymizer",
    "AnonymizerError",
    "DetectionError",
    "Finding",
    "InvalidRecord",
    "KeyConfigError",
    "KeyRing",
    "MissingKeyError",
    "ModelNotFoundError",
    "Policy",
    "PolicyError",
    "RevealError",
    "__version__",
    "generate_keys",
    "install_log_scrubbing",
    "output_schema",
    "validate_record",
]
