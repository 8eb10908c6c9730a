"""JSON Lines reader: good lines, bad lines, compression, truncation and oversize lines."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pipelines.read import ReadError, SourceRecord, read_records

FIXTURES = Path(__file__).parent / "fixtures"


def _read(path: Path, **kwargs: object) -> list[SourceRecord]:
    return list(read_records(path, **kwargs))  # type: ignore[arg-type]


def test_when_jsonl_is_canonical_then_every_line_is_a_record_with_its_fields() -> None:
    records = _read(FIXTURES / "messages.jsonl")

    assert [r.location for r in records] == ["line 1", "line 2", "line 3", "line 4"]
    assert all(r.error is None and r.source == str(FIXTURES / "messages.jsonl") for r in records)
    first = records[0].record
    assert first is not None
    assert first["conversation_id"] == "c-001"
    assert first["turn"] == 0
    assert first["channel"] == "web"  # extra fields are kept
    assert records[3].record is not None and records[3].record["text"].startswith("Café")


def test_when_jsonl_record_is_read_then_raw_is_the_line_without_its_newline() -> None:
    records = _read(FIXTURES / "messages.jsonl")
    lines = (FIXTURES / "messages.jsonl").read_bytes().splitlines()

    assert [r.raw for r in records] == lines


@pytest.mark.parametrize("name", ["messages.jsonl.gz", "messages.jsonl.zst"])
def test_when_jsonl_is_compressed_then_it_reads_like_the_plain_file(name: str) -> None:
    plain = _read(FIXTURES / "messages.jsonl")
    compressed = _read(FIXTURES / name)

    assert [(r.location, r.record) for r in compressed] == [(r.location, r.record) for r in plain]


def test_when_line_is_not_json_then_error_record_and_reading_continues() -> None:
    records = _read(FIXTURES / "malformed.jsonl")

    summary = [(r.location, r.error) for r in records]
    assert summary == [
        ("line 1", None),
        ("line 2", "malformed_json"),
        ("line 5", "invalid_utf8"),
        ("line 6", "not_an_object"),
        ("line 7", "not_an_object"),
        ("line 9", None),
        ("line 10", "malformed_json"),
        ("line 11", None),
    ]


def test_when_line_is_bad_then_record_is_none_and_raw_keeps_the_bytes_for_quarantine() -> None:
    records = {r.location: r for r in _read(FIXTURES / "malformed.jsonl")}

    bad_utf8 = records["line 5"]
    assert bad_utf8.record is None
    assert bad_utf8.raw is not None and b"\xff\xfe" in bad_utf8.raw


def test_when_line_ends_with_crlf_or_file_has_no_final_newline_then_it_still_parses() -> None:
    records = {r.location: r for r in _read(FIXTURES / "malformed.jsonl")}

    assert records["line 9"].record is not None and records["line 9"].record["turn"] == 3
    assert records["line 11"].record is not None and records["line 11"].record["turn"] == 4


def test_when_lines_are_blank_then_they_are_not_records(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b'\n\n{"text": "a"}\n  \t \n\n{"text": "b"}\n\n')

    assert [r.location for r in _read(path)] == ["line 3", "line 6"]


def test_when_file_starts_with_a_utf8_bom_then_first_line_parses(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "a"}\n')

    assert [r.record for r in _read(path)] == [{"text": "a"}]


def test_when_gzip_is_truncated_then_lines_read_so_far_are_yielded_then_read_error() -> None:
    path = FIXTURES / "truncated.jsonl.gz"
    seen: list[SourceRecord] = []

    with pytest.raises(ReadError) as caught:
        for record in read_records(path):
            seen.append(record)

    assert len(seen) > 100
    assert all(r.error is None for r in seen)
    assert [r.location for r in seen] == [f"line {i}" for i in range(1, len(seen) + 1)]
    assert str(path) in str(caught.value)
    assert "truncated" in str(caught.value)


def test_when_zstd_is_truncated_then_read_error_instead_of_a_silent_short_read() -> None:
    path = FIXTURES / "truncated.jsonl.zst"

    with pytest.raises(ReadError, match="truncated"):
        list(read_records(path))


def test_when_gz_file_is_not_gzip_then_read_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"text": "Ignatius Fernsby is not compressed"}\n')

    with pytest.raises(ReadError) as caught:
        list(read_records(path))

    assert str(caught.value) == f"{path}: not a gzip file"


def test_when_zst_file_is_garbage_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.zst"
    path.write_bytes(b"definitely not a zstd frame, Ignatius Fernsby\n" * 10)

    with pytest.raises(ReadError, match="corrupt zstd data"):
        list(read_records(path))


def test_when_zstd_has_several_frames_then_all_are_read(tmp_path: Path) -> None:
    import zstandard

    cctx = zstandard.ZstdCompressor()
    path = tmp_path / "frames.jsonl.zst"
    path.write_bytes(cctx.compress(b'{"text": "a"}\n') + cctx.compress(b'{"text": "b"}\n'))

    assert [r.record for r in _read(path)] == [{"text": "a"}, {"text": "b"}]


def test_when_gzip_has_several_members_then_all_are_read(tmp_path: Path) -> None:
    path = tmp_path / "members.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "a"}\n') + gzip.compress(b'{"text": "b"}\n'))

    assert [r.record for r in _read(path)] == [{"text": "a"}, {"text": "b"}]


def test_when_file_is_missing_then_read_error_on_iteration(tmp_path: Path) -> None:
    records = read_records(tmp_path / "absent.jsonl")

    with pytest.raises(ReadError, match="no such file"):
        next(records)


def test_when_file_is_not_readable_then_read_error_says_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, which reads any file whatever its mode, so the OS refusal is simulated.
    path = tmp_path / "locked.jsonl"
    path.write_text('{"text": "a"}\n')

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)

    with pytest.raises(ReadError) as caught:
        list(read_records(path))

    assert str(caught.value) == f"{path}: permission denied"


def test_when_line_exceeds_the_limit_then_it_is_skipped_as_oversize_and_the_next_line_reads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.jsonl"
    big = b'{"text": "' + b"x" * 5000 + b'"}'
    path.write_bytes(b'{"text": "before"}\n' + big + b'\n{"text": "after"}\n' + big)

    records = _read(path, max_record_bytes=1000)

    assert [(r.location, r.error) for r in records] == [
        ("line 1", None),
        ("line 2", "oversize_line"),
        ("line 3", None),
        ("line 4", "oversize_line"),
    ]
    assert records[1].raw is None and records[1].record is None


def test_when_line_is_exactly_the_limit_then_it_is_read(tmp_path: Path) -> None:
    line = b'{"text": "' + b"y" * 88 + b'"}'
    assert len(line) == 100
    path = tmp_path / "edge.jsonl"
    path.write_bytes(line + b"\n" + line)

    records = _read(path, max_record_bytes=100)

    assert [r.error for r in records] == [None, None]


def test_when_a_single_line_is_50_mb_then_it_reads_in_linear_time(tmp_path: Path) -> None:
    import time

    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        out.write(b'{"text": "')
        chunk = b"lorem ipsum " * 87382  # about 1 MB
        for _ in range(50):
            out.write(chunk)
        out.write(b'"}\n{"text": "small"}\n')

    started = time.perf_counter()
    records = _read(path)
    elapsed = time.perf_counter() - started

    assert [r.error for r in records] == [None, None]
    assert records[0].record is not None and len(records[0].record["text"]) > 50_000_000
    # Quadratic concatenation of a 50 MB line takes minutes; a linear read takes well under a second.
    assert elapsed < 20


def test_when_line_nests_too_deep_for_python_then_it_is_malformed_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b'\n{"text": "ok"}\n')

    assert [r.error for r in _read(path)] == ["malformed_json", None]


def test_when_format_is_unknown_then_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_records(FIXTURES / "messages.jsonl", "xml")


def test_when_source_record_is_printed_then_content_is_not_shown() -> None:
    record = next(iter(read_records(FIXTURES / "messages.jsonl")))

    shown = repr(record)
    assert "Wilhelmina" not in shown
    assert "line 1" in shown


def test_when_read_error_is_pickled_then_it_survives_a_process_boundary() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(ReadError("a.jsonl", "no such file")))

    assert str(error) == "a.jsonl: no such file"
    assert error.source == "a.jsonl" and error.problem == "no such file"
