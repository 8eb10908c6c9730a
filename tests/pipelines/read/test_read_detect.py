"""Format detection and input expansion (files, folders, globs, Slack export folders)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pipelines.read import FORMATS, ReadError, detect_format, expand_inputs


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.JSONL.GZ", "jsonl"),
        ("a.jsonl.zst", "jsonl"),
        ("a.csv", "csv"),
        ("a.csv.gz", "csv"),
        ("a.tsv", "tsv"),
        ("a.tsv.zst", "tsv"),
        ("a.parquet", "parquet"),
        ("chat.transcript", "botframework"),
        ("chat.transcript.gz", "botframework"),
    ],
)
def test_when_extension_is_known_then_format_follows_it(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")

    assert detect_format(path) == fmt


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("jsonl", "json", "csv", "tsv", "parquet", "botframework", "slack")


def test_when_extension_is_unknown_then_read_error_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text("<x/>")

    with pytest.raises(ReadError, match="--format"):
        detect_format(path)


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'[{"id": "c1", "messages": [{"role": "user", "content": "hi"}]}]', "json"),
        (b'  \n[\n  {"id": "c1",\n "messages": []}', "json"),  # cut off: decided on what is seen
        (b'{"conversations": [{"id": "c1", "messages": []}]}', "json"),
        (b'{"meta": {"v": 1},\n "conversations": []}', "json"),
        (b'[{"type": "message", "from": {"role": "user"}, "text": "hi"}]', "botframework"),
        (b'[{"channelId": "emulator", "type": "conversationUpdate", "conversation": {}}]', "botframework"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"\xef\xbb\xbf[]", "json"),
        (b"", "json"),
    ],
)
def test_when_json_file_is_peeked_then_shape_decides_format(tmp_path: Path, content: bytes, fmt: str) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)

    assert detect_format(path) == fmt


def test_when_json_is_gzipped_then_shape_is_peeked_through_the_compression(tmp_path: Path) -> None:
    path = tmp_path / "export.json.gz"
    path.write_bytes(gzip.compress(b'[{"type": "message", "from": {"role": "bot"}}]'))

    assert detect_format(path) == "botframework"


def test_when_folder_has_users_json_then_it_is_a_slack_export(tmp_path: Path) -> None:
    (tmp_path / "users.json").write_text("[]")

    assert detect_format(tmp_path) == "slack"


def test_when_folder_is_not_a_slack_export_then_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a Slack export"):
        detect_format(tmp_path)


def _tree(root: Path) -> None:
    for name in [
        "b.jsonl",
        "a.csv",
        "notes.md",
        ".hidden.jsonl",
        ".cache/x.jsonl",
        "sub/c.parquet",
        "sub/deeper/d.jsonl.gz",
        "out/anonymized.parquet",
        "slack/users.json",
        "slack/channels.json",
        "slack/general/2024-01-01.json",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")


def test_when_input_is_a_folder_then_known_files_are_found_recursively_sorted_skipping_hidden(
    tmp_path: Path,
) -> None:
    _tree(tmp_path)

    found = expand_inputs([tmp_path], exclude=[tmp_path / "out"])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.csv",
        "b.jsonl",
        "slack",
        "sub/c.parquet",
        "sub/deeper/d.jsonl.gz",
    ]


def test_when_output_folder_is_not_excluded_then_its_parquet_is_an_input(tmp_path: Path) -> None:
    _tree(tmp_path)

    found = expand_inputs([tmp_path])

    assert tmp_path / "out/anonymized.parquet" in found


def test_when_input_is_a_glob_then_matches_are_sorted(tmp_path: Path) -> None:
    _tree(tmp_path)

    found = expand_inputs([str(tmp_path / "**" / "*.jsonl*")])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["b.jsonl", "sub/deeper/d.jsonl.gz"]


def test_when_a_slack_export_is_given_then_it_stays_one_input(tmp_path: Path) -> None:
    _tree(tmp_path)

    assert expand_inputs([tmp_path / "slack"]) == [tmp_path / "slack"]


def test_when_explicit_file_has_any_extension_then_it_is_kept_as_given(tmp_path: Path) -> None:
    _tree(tmp_path)

    assert expand_inputs([str(tmp_path / "notes.md")]) == [tmp_path / "notes.md"]


def test_when_the_same_file_is_named_twice_then_it_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path)

    found = expand_inputs([tmp_path / "b.jsonl", str(tmp_path / "*.jsonl")])

    assert found == [tmp_path / "b.jsonl"]


@pytest.mark.parametrize("pattern", ["missing.jsonl", "*.nothing", "emptydir"])
def test_when_an_input_matches_nothing_then_read_error_names_it(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "emptydir").mkdir()
    target = str(tmp_path / pattern)

    with pytest.raises(ReadError) as caught:
        expand_inputs([target])

    assert target in str(caught.value)
