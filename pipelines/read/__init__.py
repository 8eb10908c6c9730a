"""Read stage: stream chat exports of many formats as SourceRecords, one per physical record."""

from pipelines.read.detect import FORMATS, detect_format, expand_inputs
from pipelines.read.dispatch import read_records
from pipelines.read.records import (
    CANONICAL_FIELDS,
    DEFAULT_MAX_RECORD_BYTES,
    ERROR_CODES,
    ReadError,
    SourceRecord,
    apply_mapping,
    parse_mapping,
)

__all__ = [
    "CANONICAL_FIELDS",
    "DEFAULT_MAX_RECORD_BYTES",
    "ERROR_CODES",
    "FORMATS",
    "ReadError",
    "SourceRecord",
    "apply_mapping",
    "detect_format",
    "expand_inputs",
    "parse_mapping",
    "read_records",
]
