"""CSV and TSV readers: header, quoted multi-line fields, bad rows, compression."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.read import ReadError, SourceRecord, read_records

FIXTURES = Path(__file__).parent / "fixtures"


def _read(path: Path, **kwargs: object) -> list[SourceRecord]:
    return list(read_records(path, **kwargs))  # type: ignore[arg-type]


def test_when_csv_has_a_header_then_each_data_row_is_a_record_keyed_by_column() -> None:
    records = _read(FIXTURES / "messages.csv")

    assert [r.location for r in records] == ["row 1", "row 2", "row 3", "row 4"]
    assert records[0].record == {
        "conversation_id": "c-101",
        "message_id": "c-101:0",
        "turn": "0",
        "speaker": "customer",
        "timestamp": "2024-04-10T12:00:00Z",
        "text": "Hello, I'm Percival Ashgrove.",
    }


def test_when_csv_field_is_quoted_over_several_lines_then_it_is_one_value() -> None:
    records = _read(FIXTURES / "messages.csv")

    assert records[2].record is not None
    assert records[2].record["text"] == "My new address is:\n44 Thistledown Lane\nFlat 2"
    assert records[3].record is not None and records[3].record["text"] == 'He said "thanks", then left'


def test_when_csv_is_gzipped_then_it_reads_like_the_plain_file() -> None:
    assert [r.record for r in _read(FIXTURES / "messages.csv.gz")] == [
        r.record for r in _read(FIXTURES / "messages.csv")
    ]


def test_when_tsv_then_tabs_separate_and_empty_cells_are_none() -> None:
    records = _read(FIXTURES / "messages.tsv")

    assert len(records) == 3
    assert records[1].record is not None and records[1].record["text"] == "Thanks Mirabel, it says:\nout for delivery"
    assert records[2].record is not None and records[2].record["timestamp"] is None


def test_when_tsv_is_zstd_compressed_then_it_reads_like_the_plain_file() -> None:
    assert [r.record for r in _read(FIXTURES / "messages.tsv.zst")] == [
        r.record for r in _read(FIXTURES / "messages.tsv")
    ]


def test_when_row_has_the_wrong_number_of_columns_then_error_record_and_reading_continues() -> None:
    records = _read(FIXTURES / "malformed.csv")

    assert [(r.location, r.error) for r in records] == [
        ("row 1", None),
        ("row 2", "column_count_mismatch"),
        ("row 3", "column_count_mismatch"),
        ("row 4", "invalid_utf8"),
        ("row 5", None),
    ]


def test_when_row_has_invalid_utf8_then_raw_keeps_the_original_bytes() -> None:
    bad = _read(FIXTURES / "malformed.csv")[3]

    assert bad.record is None
    assert bad.raw == b"c-301,3,agent,bad byte \xff here\r\n"


def test_when_csv_is_read_with_mapping_then_columns_are_renamed(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Thread,Who,Message,Extra\nt1,agent,hello,x\n")

    records = _read(path, mapping={"conversation_id": "Thread", "speaker": "Who", "text": "Message"})

    assert records[0].record == {"conversation_id": "t1", "speaker": "agent", "text": "hello", "Extra": "x"}


def test_when_csv_has_only_a_header_then_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("conversation_id,text\n")

    assert _read(path) == []


def test_when_csv_is_empty_then_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    assert _read(path) == []


def test_when_csv_starts_with_a_bom_then_first_column_name_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfconversation_id,text\r\nc1,hi\r\n")

    assert _read(path)[0].record == {"conversation_id": "c1", "text": "hi"}


def test_when_header_repeats_a_column_then_read_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("text,text\na,b\n")

    with pytest.raises(ReadError, match="more than once"):
        _read(path)


def test_when_header_cell_is_empty_then_it_gets_a_positional_name(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text(",text\n0,hello\n")

    assert _read(path)[0].record == {"column_1": "0", "text": "hello"}


def test_when_field_is_larger_than_the_limit_then_oversize_field_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("id,text\n1,short\n2," + "z" * 5000 + "\n3,after\n")

    records = _read(path, max_record_bytes=1000)

    assert [(r.location, r.error) for r in records] == [("row 1", None), ("row 2", "oversize_field"), ("row 3", None)]


def test_when_quote_is_never_closed_then_the_rest_is_one_bad_row_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('id,text\n1,"never closed\n2,more\n')

    records = _read(path)

    assert [(r.location, r.error) for r in records] == [("row 1", None)]
    assert records[0].record == {"id": "1", "text": "never closed\n2,more\n"}
