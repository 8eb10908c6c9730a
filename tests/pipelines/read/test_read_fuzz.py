"""Hypothesis properties: random and corrupted input never crashes a reader, never loses a record, never leaks.

Each reader may only yield SourceRecords (with a known reason code when a record is bad) or raise ReadError
for a whole file it cannot read. Canary strings planted in the input must never appear in a reason code, a
location, a SourceRecord's repr or a ReadError message.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.read import ERROR_CODES, ReadError, SourceRecord, read_records

CANARY = "QZXCANARY"
FUZZ = settings(
    max_examples=int(os.environ.get("READ_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
canary_text = st.builds(
    lambda a, n, b: f"{a}{CANARY}{n}{b}", st.text(max_size=10), st.integers(0, 999), st.text(max_size=10)
)


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def _drain(path: Path, fmt: str | None = None) -> tuple[list[SourceRecord], ReadError | None]:
    """Read everything; any exception other than ReadError fails the test by propagating."""
    seen: list[SourceRecord] = []
    try:
        for record in read_records(path, fmt):
            seen.append(record)
    except ReadError as exc:
        return seen, exc
    return seen, None


def _assert_safe(records: list[SourceRecord], error: ReadError | None) -> None:
    for record in records:
        assert isinstance(record, SourceRecord)
        assert (record.record is None) == (record.error is not None)
        assert record.error is None or record.error in ERROR_CODES
        assert CANARY not in record.location
        assert CANARY not in repr(record)
    if error is not None:
        assert CANARY not in str(error)
        assert CANARY not in repr(error)


def _corrupt(data: bytes, draw_ops: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, byte) edits: 0 flips a byte, 1 deletes one, 2 inserts one, 3 truncates."""
    buffer = bytearray(data)
    for kind, position, value in draw_ops:
        if not buffer:
            break
        at = position % len(buffer)
        if kind == 0:
            buffer[at] ^= value or 0xFF
        elif kind == 1:
            del buffer[at]
        elif kind == 2:
            buffer.insert(at, value)
        else:
            del buffer[at:]
    return bytes(buffer)


edits = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2**31), st.integers(0, 255)), max_size=6)


def _expected_jsonl_records(data: bytes) -> int:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    return sum(1 for line in lines if line.strip())


@FUZZ
@given(st.binary(max_size=2000))
def test_jsonl_random_bytes_give_one_record_per_non_blank_line(data: bytes) -> None:
    with _file("fuzz.jsonl", data) as path:
        records, error = _drain(path)

    assert error is None
    assert len(records) == _expected_jsonl_records(data)
    _assert_safe(records, error)


@FUZZ
@given(st.lists(st.dictionaries(st.text(max_size=6), canary_text | json_values, max_size=4), max_size=8), edits)
def test_jsonl_corrupted_records_with_canaries_never_leak(rows: list[dict[str, Any]], ops: list[Any]) -> None:
    data = b"".join(json.dumps({"text": f"hello {CANARY} {i}", **row}).encode() + b"\n" for i, row in enumerate(rows))
    data = _corrupt(data, ops)
    with _file("fuzz.jsonl", data) as path:
        records, error = _drain(path)

    assert error is None
    assert len(records) == _expected_jsonl_records(data)
    _assert_safe(records, error)


@FUZZ
@given(st.binary(max_size=600), st.sampled_from(["gz", "zst"]), edits)
def test_compressed_jsonl_corruption_gives_records_or_read_error_only(data: bytes, kind: str, ops: list[Any]) -> None:
    payload = (f'{{"text": "{CANARY}"}}\n'.encode() + data) * 3
    compressed = gzip.compress(payload, mtime=0) if kind == "gz" else zstandard.ZstdCompressor().compress(payload)
    with _file(f"fuzz.jsonl.{kind}", _corrupt(compressed, ops)) as path:
        records, error = _drain(path)

    _assert_safe(records, error)
    if not ops:
        assert error is None and len(records) == _expected_jsonl_records(payload)


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["gz", "zst"]))
def test_random_bytes_claiming_compression_raise_read_error_or_read(data: bytes, kind: str) -> None:
    with _file(f"fuzz.jsonl.{kind}", data) as path:
        records, error = _drain(path)

    _assert_safe(records, error)


@FUZZ
@given(
    st.lists(st.lists(canary_text | st.text(max_size=12), min_size=0, max_size=5), max_size=8),
    st.sampled_from([",", "\t"]),
    edits,
)
def test_delimited_corrupted_rows_never_crash_or_leak(rows: list[list[str]], delimiter: str, ops: list[Any]) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["conversation_id", "speaker", "text"])
    writer.writerows(rows)
    data = _corrupt(buffer.getvalue().encode(), ops)
    with _file("fuzz.csv" if delimiter == "," else "fuzz.tsv", data) as path:
        records, error = _drain(path)

    _assert_safe(records, error)
    if not ops:
        nonblank = [row for row in rows if row and not (len(row) == 1 and not row[0].strip())]
        assert error is None and len(records) == len(nonblank)


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["fuzz.csv", "fuzz.tsv", "fuzz.json", "fuzz.transcript"]))
def test_random_bytes_in_text_formats_never_crash(data: bytes, name: str) -> None:
    with _file(name, data) as path:
        records, error = _drain(path)

    _assert_safe(records, error)


def _expected_conversation_records(elements: list[Any]) -> int:
    count = 0
    for element in elements:
        if isinstance(element, dict) and "messages" in element and isinstance(element["messages"], list):
            count += len(element["messages"])
        else:
            count += 1
    return count


conversation = st.fixed_dictionaries(
    {
        "id": canary_text | json_values,
        "messages": st.lists(json_values | st.fixed_dictionaries({"content": canary_text}), max_size=4),
    }
)


@FUZZ
@given(st.lists(conversation | json_values, max_size=6), st.booleans())
def test_conversations_json_gives_one_record_per_message(elements: list[Any], wrapped: bool) -> None:
    document = {"conversations": elements} if wrapped else elements
    with _file("fuzz.json", json.dumps(document).encode()) as path:
        records, error = _drain(path, "json")

    assert error is None
    assert len(records) == _expected_conversation_records(elements)
    _assert_safe(records, error)


activity = st.fixed_dictionaries(
    {"type": st.sampled_from(["message", "typing", "trace"]) | json_values, "text": canary_text},
    optional={"from": json_values | st.fixed_dictionaries({"name": canary_text}), "conversation": json_values},
)


@FUZZ
@given(st.lists(activity | json_values, max_size=8), edits)
def test_transcript_gives_one_record_per_message_activity_and_survives_corruption(
    activities: list[Any], ops: list[Any]
) -> None:
    data = json.dumps(activities).encode()
    with _file("fuzz.transcript", data) as path:
        records, error = _drain(path)
    expected = sum(
        1 for a in activities if not (isinstance(a, dict) and isinstance(a.get("type"), str) and a["type"] != "message")
    )
    assert error is None and len(records) == expected
    _assert_safe(records, error)

    with _file("fuzz.transcript", _corrupt(data, ops)) as path:
        records, error = _drain(path)
    _assert_safe(records, error)


@FUZZ
@given(
    st.lists(
        st.fixed_dictionaries(
            {"type": st.just("message"), "text": canary_text, "ts": st.text(max_size=20) | json_values},
            optional={"user": st.sampled_from(["U01", "U02"]) | json_values, "thread_ts": json_values},
        )
        | json_values,
        max_size=8,
    ),
    edits,
)
def test_slack_day_files_never_crash_lose_or_leak(messages: list[Any], ops: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder)
        (export / "users.json").write_text(json.dumps([{"id": "U01", "real_name": f"Person {CANARY}"}]))
        (export / "chan").mkdir()
        (export / "chan" / "2024-01-01.json").write_text(json.dumps(messages))
        (export / "chan" / "2024-01-02.json").write_bytes(_corrupt(json.dumps(messages).encode(), ops))
        records, error = _drain(export)

    assert error is None
    assert len([r for r in records if r.location.startswith("chan/2024-01-01.json")]) == len(messages)
    _assert_safe(records, error)


def _parquet_bytes(texts: list[str]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"conversation_id": ["c"] * len(texts), "text": texts}), sink, row_group_size=2)
    return sink.getvalue()


@FUZZ
@given(st.lists(canary_text, min_size=1, max_size=6), edits)
def test_parquet_corruption_gives_records_or_read_error_only(texts: list[str], ops: list[Any]) -> None:
    data = _parquet_bytes(texts)
    with _file("fuzz.parquet", _corrupt(data, ops)) as path:
        records, error = _drain(path)

    _assert_safe(records, error)
    if not ops:
        assert error is None and [r.record["text"] for r in records if r.record] == texts
