"""The job's incremental state: a manifest of processed inputs, persisted atomically in the state folder.

The manifest is the job's commit log. An input is done when, and only when, its entry is in the saved
manifest; the entry lists the output files it owns. Before an input's outputs are published, the manifest
records it as `pending`; outputs that an entry no longer owns go to `trash` in the same write that drops
them. A run that starts after a crash first deletes what `pending` and `trash` name (see `run.recover`), so
no file outlives the write that should have owned or dropped it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from pipelines.write.dataset import fsync_path

MANIFEST_NAME: Final = "manifest.json"
MANIFEST_VERSION: Final = 1
_CHUNK: Final = 1024 * 1024


class StateError(ValueError):
    """The state folder cannot be used (unreadable or foreign manifest); the job stops before doing anything."""


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one version of an input: size and modification time (cheap), content hash (certain)."""

    size: int
    mtime_ns: int
    sha256: str

    def same_stat(self, size: int, mtime_ns: int) -> bool:
        return self.size == size and self.mtime_ns == mtime_ns


def _files_of(path: Path) -> list[Path]:
    # A Slack export is a folder read as one input: its fingerprint covers every file in it.
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    return [path]


def stat_of(path: Path) -> tuple[int, int]:
    """(size, mtime_ns) of a file, or totals/latest over a folder input."""
    size, mtime = 0, 0
    for file in _files_of(path):
        st = file.stat()
        size += st.st_size
        mtime = max(mtime, st.st_mtime_ns)
    return size, mtime


def fingerprint(path: Path) -> Fingerprint:
    """Size, mtime and the SHA-256 of the content, streamed (a folder: of its relative names and contents)."""
    digest = hashlib.sha256()
    folder = path.is_dir()
    size, mtime = stat_of(path)
    for file in _files_of(path):
        if folder:
            digest.update(file.relative_to(path).as_posix().encode("utf-8") + b"\0")
        with file.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    return Fingerprint(size=size, mtime_ns=mtime, sha256=digest.hexdigest())


@dataclass
class Entry:
    """One processed input: which version of it, under which policy, and the files it owns (relative to out)."""

    size: int
    mtime_ns: int
    sha256: str
    policy_sha256: str
    outputs: list[str] = field(default_factory=list)
    quarantine: str | None = None
    rows_read: int = 0
    rows_written: int = 0
    rows_quarantined: int = 0
    run_id: str = ""
    processed_at: str = ""
    duplicate_of: str | None = None

    @property
    def fingerprint(self) -> Fingerprint:
        return Fingerprint(self.size, self.mtime_ns, self.sha256)

    def owned(self) -> list[str]:
        return [*self.outputs, *([self.quarantine] if self.quarantine else [])]


@dataclass
class Pending:
    """An input whose outputs may be partly published but whose entry is not yet saved."""

    source: str
    stem: str
    run_id: str


@dataclass
class Manifest:
    """Processed inputs keyed by absolute input path, plus the crash-recovery records."""

    job_id: str
    entries: dict[str, Entry] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)
    trash: list[str] = field(default_factory=list)

    def referenced(self) -> set[str]:
        """Every output path (relative to out) some entry owns."""
        return {name for entry in self.entries.values() for name in entry.owned()}

    def owner_of_content(self, sha256: str, policy_sha256: str) -> str | None:
        """The input already processed with this exact content and policy, if any (a copy of an export)."""
        for source, entry in self.entries.items():
            if entry.sha256 == sha256 and entry.policy_sha256 == policy_sha256 and entry.duplicate_of is None:
                return source
        return None

    def drop_outputs(self, names: Iterable[str]) -> None:
        """Forget output files that were deleted (by retention) from every entry that listed them."""
        gone = set(names)
        for entry in self.entries.values():
            entry.outputs = [name for name in entry.outputs if name not in gone]
            if entry.quarantine in gone:
                entry.quarantine = None

    # ---- persistence -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "job_id": self.job_id,
            "entries": {source: asdict(entry) for source, entry in sorted(self.entries.items())},
            "pending": [asdict(p) for p in self.pending],
            "trash": sorted(self.trash),
        }

    @classmethod
    def from_dict(cls, data: Any, source: str) -> Manifest:
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            raise StateError(f"{source}: not a version-{MANIFEST_VERSION} job manifest")
        try:
            return cls(
                job_id=str(data["job_id"]),
                entries={str(k): Entry(**v) for k, v in dict(data.get("entries", {})).items()},
                pending=[Pending(**p) for p in data.get("pending", [])],
                trash=[str(t) for t in data.get("trash", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StateError(f"{source}: malformed job manifest ({type(exc).__name__})") from None

    @classmethod
    def load(cls, path: Path, new_job_id: str) -> Manifest:
        """The saved manifest, or a new empty one if there is none yet; a damaged one is an error, never reset
        (resetting would reprocess, and then duplicate, everything already written)."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(job_id=new_job_id)
        try:
            data = json.loads(text)
        except ValueError:
            raise StateError(f"{path}: job manifest is not valid JSON; restore it from backup") from None
        return cls.from_dict(data, str(path))

    def save(self, path: Path) -> None:
        write_atomic(path, json.dumps(self.to_dict(), indent=1, sort_keys=True).encode("utf-8") + b"\n")


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new content: temp file, fsync,
    rename, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)
