"""Parquet: read row group by row group in bounded batches; each row is one record, columns mapped by name.

Values come as pyarrow converts them (timestamps as datetime, structs as dicts, lists as lists), so a struct
column is reachable with a dotted mapping such as `speaker=author.role`. Parquet compresses internally, so a
gzip- or zstd-wrapped `.parquet.gz` is refused rather than decompressed into memory to seek in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import pyarrow.parquet as pq

from pipelines.read.compression import read_errors, split_compression
from pipelines.read.jsonstream import dump_raw
from pipelines.read.records import ReadError, SourceRecord, apply_mapping

# Rows converted to Python at a time: large enough to amortise the conversion, small enough that a batch of
# long messages stays a few hundred MB at most.
BATCH_ROWS: Final = 4096


def read_parquet(path: Path, mapping: Mapping[str, str] | None, max_record_bytes: int) -> Iterator[SourceRecord]:
    """Yield one SourceRecord per row, in file order; "row N" counts rows from 1."""
    del max_record_bytes  # Parquet pages are bounded by the writer; there is no line to bound
    source = str(path)
    if split_compression(path)[1] is not None:
        raise ReadError(source, "compressed Parquet files are not supported; Parquet compresses internally")
    number = 0
    with read_errors(source):
        try:
            parquet = pq.ParquetFile(path)
        except OSError:
            raise
        except Exception:
            # A damaged footer surfaces as ArrowInvalid, UnicodeDecodeError, IndexError... depending on which
            # byte is wrong; all mean the same thing to the user.
            raise ReadError(source, "not a Parquet file, or its footer is damaged") from None
        try:
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
                for row in batch.to_pylist():
                    number += 1
                    raw = dump_raw(row)
                    yield SourceRecord(source, f"row {number}", apply_mapping(row, mapping), None, raw)
        except OSError:
            raise
        except Exception as exc:
            # Arrow messages may quote column values or statistics, so only the kind of failure is reported.
            raise ReadError(source, f"damaged Parquet data after row {number} ({type(exc).__name__})") from None
        finally:
            parquet.close()
