"""Find the inputs of a run (files, folders, globs) and tell which format each one is."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import ijson

from pipelines.read.compression import open_binary, split_compression
from pipelines.read.records import ReadError

FORMATS: Final = ("jsonl", "json", "csv", "tsv", "parquet", "botframework", "slack")

_BY_EXTENSION: Final = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".transcript": "botframework",
}
# A Slack workspace export is recognised by the listing files Slack writes at its root.
SLACK_MARKERS: Final = ("users.json", "channels.json")
# Enough of a .json file to see its shape; the shape is decided by the first keys, not the whole document.
_PEEK_BYTES: Final = 1024 * 1024


def is_slack_export(path: Path) -> bool:
    """True for a folder laid out like a Slack workspace export."""
    return path.is_dir() and any((path / marker).is_file() for marker in SLACK_MARKERS)


def format_from_name(path: Path) -> str | None:
    """The format implied by a file name (after any .gz/.zst suffix), or None if the name says nothing."""
    name, _ = split_compression(path)
    return _BY_EXTENSION.get(Path(name).suffix.lower())


def detect_format(path: Path) -> str:
    """Name the format of `path`: by extension, by a .json file's shape, or as a Slack export folder."""
    path = Path(path)
    if path.is_dir():
        if is_slack_export(path):
            return "slack"
        raise ReadError(path, "is a folder but not a Slack export (no users.json or channels.json)")
    fmt = format_from_name(path)
    if fmt is None:
        raise ReadError(path, "unknown file type; name the format explicitly (--format)")
    if fmt == "json":
        return _peek_json_shape(path)
    return fmt


def _peek_json_shape(path: Path) -> str:
    """Tell conversations JSON from a Bot Framework transcript or JSON Lines saved with a .json name."""
    with open_binary(path) as stream:
        head = stream.read(_PEEK_BYTES)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"["):
        keys = _first_keys(text, "item")
        # Activities always carry a type plus a from/conversation account; conversations carry messages.
        if "type" in keys and ("from" in keys or "conversation" in keys):
            return "botframework"
        return "json"
    if text.startswith(b"{"):
        if "conversations" in _first_keys(text, ""):
            return "json"
        first_line = text.split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            return "json"
        # The first line is a whole object on its own: one record per line, saved with a .json name.
        return "jsonl"
    return "json"


def _first_keys(text: bytes, prefix: str) -> set[str]:
    """Keys of the first object found at `prefix`, read from a possibly cut-off prefix of the document."""
    keys: set[str] = set()
    try:
        for event_prefix, event, value in ijson.parse(text):
            if event_prefix == prefix and event == "map_key":
                keys.add(str(value))
            elif event_prefix == prefix and event == "end_map":
                break
    except (ijson.JSONError, ValueError):
        # A cut-off or malformed head: decide on the keys seen so far; the reader reports the real problem.
        pass
    return keys


def _is_under(path: Path, excluded: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == ex or ex in resolved.parents for ex in excluded)


def _walk(root: Path, excluded: Sequence[Path]) -> list[Path]:
    """Readable inputs under a folder: known extensions and Slack exports, sorted, hidden ones skipped."""
    found: list[Path] = []
    for current_name, dirnames, filenames in os.walk(root):
        current = Path(current_name)
        dirnames.sort()
        kept: list[str] = []
        for dirname in dirnames:
            sub = current / dirname
            if dirname.startswith(".") or _is_under(sub, excluded):
                continue
            if is_slack_export(sub):
                # A Slack export is one input: its channel folders are read together by the Slack reader.
                found.append(sub)
            else:
                kept.append(dirname)
        dirnames[:] = kept
        for filename in sorted(filenames):
            file = current / filename
            if filename.startswith(".") or _is_under(file, excluded):
                continue
            if format_from_name(file) is not None:
                found.append(file)
    return sorted(found)


def expand_inputs(inputs: Sequence[str | Path], exclude: Sequence[str | Path] = ()) -> list[Path]:
    """Turn files, folders and glob patterns into the list of inputs to read, in a stable order.

    A folder is searched recursively for files with a known extension (hidden files and folders skipped); a
    Slack export folder stays one input. Anything at or under an `exclude` path (the run's own output folder)
    is skipped. Each input must match at least one file, or ReadError names it.
    """
    excluded = [Path(e).resolve() for e in exclude]
    result: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            result.append(path)

    for item in inputs:
        path = Path(item)
        matches: list[Path]
        if path.is_file():
            matches = [path]
        elif path.is_dir():
            matches = [path] if is_slack_export(path) else _walk(path, excluded)
            if not matches:
                raise ReadError(path, "folder holds no readable input files")
        elif any(char in str(item) for char in "*?["):
            matches = []
            for hit in sorted(glob.glob(str(item), recursive=True)):
                hit_path = Path(hit)
                if _is_under(hit_path, excluded):
                    continue
                if hit_path.is_dir() and not is_slack_export(hit_path):
                    matches.extend(_walk(hit_path, excluded))
                else:
                    matches.append(hit_path)
            if not matches:
                raise ReadError(str(item), "pattern matches no input files")
        else:
            raise ReadError(path, "no such file or folder")
        for match in matches:
            add(match)
    return result
