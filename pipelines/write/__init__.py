"""The write stage: Parquet and findings files, written incrementally and renamed into place when complete."""

from pipelines.write.files import FindingsSink, ParquetSink, atomic_output

__all__ = ["FindingsSink", "ParquetSink", "atomic_output"]
