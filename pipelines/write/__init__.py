"""The write stage: Parquet and findings files, written incrementally and renamed into place when complete."""

from pipelines.write.files import (
    FindingsSink,
    ParquetSink,
    atomic_output,
    check_no_statistics,
    default_file_mode,
    parse_file_mode,
)

__all__ = [
    "FindingsSink",
    "ParquetSink",
    "atomic_output",
    "check_no_statistics",
    "default_file_mode",
    "parse_file_mode",
]
