"""`rotate-keys`: move every encrypted value of an output dataset to the newest encryption key.

Each Parquet file (and each quarantine `.jsonl`, whose `raw_encrypted` values are Fernet tokens too) is
scanned first; a file whose tokens all name the newest key is left alone, any other is rewritten with
every token re-encrypted (`MultiFernet.rotate`) into a temporary file that replaces it only when complete.
A small state file records each finished file, so an interrupted rotation resumes where it stopped
(and a finished one is a quick no-op). Hash tokens are never touched: changing them would break joins.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from anonymizer.errors import AnonymizerError, MissingKeyError, RevealError
from anonymizer.keys import ENCRYPTED_VALUE, KeyRing
from anonymizer.tokens import encrypted_key_ids, rotate_value
from pipelines.security.dataset import dataset_files, file_mode, iter_string_values, rewrite_parquet, string_columns
from pipelines.write import atomic_output

STATE_NAME = "_rotate_keys_state.json"
META_KEY_IDS = "chat_anonymizer.encryption_key_ids"
META_ROTATED_AT = "chat_anonymizer.rotated_at"
META_ROTATED_FROM = "chat_anonymizer.rotated_from_key_ids"


@dataclass
class FileRotation:
    """What happened to one file: `rotated`, `current` (already on the newest key), `no_tokens`,
    `done_before` (finished in an earlier pass, per the state file), `would_rotate` (dry run) or `failed`."""

    path: str
    status: str
    values_rotated: int = 0
    key_ids_before: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "values_rotated": self.values_rotated,
            "key_ids_before": dict(sorted(self.key_ids_before.items())),
            "error": self.error,
        }


@dataclass
class RotationReport:
    """The whole rotation: per-file results, totals and key ids. Never a value or a key."""

    root: str
    target_key_id: str
    dry_run: bool = False
    files: list[FileRotation] = field(default_factory=list)

    @property
    def failed(self) -> list[FileRotation]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def totals(self) -> dict[str, Any]:
        by_status = Counter(f.status for f in self.files)
        before: Counter[str] = Counter()
        for f in self.files:
            before.update(f.key_ids_before)
        return {
            "files": len(self.files),
            "by_status": dict(sorted(by_status.items())),
            "values_rotated": sum(f.values_rotated for f in self.files),
            "key_ids_before": dict(sorted(before.items())),
            "key_id_after": self.target_key_id,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": "rotate-keys",
            "root": self.root,
            "dry_run": self.dry_run,
            "target_key_id": self.target_key_id,
            "totals": self.totals(),
            "files": [f.to_dict() for f in self.files],
        }

    def summary_lines(self) -> list[str]:
        t = self.totals()
        verb = "would rotate" if self.dry_run else "rotated"
        lines = [
            f"rotate-keys: {t['files']} file(s), {verb} {t['values_rotated']} value(s) to key id "
            f"{self.target_key_id}; " + ", ".join(f"{k}={v}" for k, v in t["by_status"].items()),
        ]
        if t["key_ids_before"]:
            lines.append("  key ids found: " + ", ".join(f"{k}={v}" for k, v in t["key_ids_before"].items()))
        for f in self.failed:
            lines.append(f"  FAILED {f.path}: {f.error}")
        return lines


class _State:
    """The resumable progress record: which files are finished for which target key."""

    def __init__(self, path: Path, target: str) -> None:
        self.path = path
        self.target = target
        self.files: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("target_key_id") == target:
                self.files = dict(data.get("files") or {})
        except (OSError, ValueError, AttributeError):
            pass  # no state, or an unreadable one: start over (every file is re-scanned anyway)

    def done(self, rel: str, path: Path) -> bool:
        entry = self.files.get(rel)
        if not entry:
            return False
        st = path.stat()
        return bool(entry.get("size") == st.st_size and entry.get("mtime_ns") == st.st_mtime_ns)

    def record(self, rel: str, path: Path, status: str, values: int) -> None:
        st = path.stat()
        self.files[rel] = {"status": status, "values_rotated": values, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        self.save()

    def save(self) -> None:
        data = {
            "target_key_id": self.target,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": self.files,
        }
        with atomic_output(self.path) as tmp:
            tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _triage(path: Path, kids: Counter[str], keys: KeyRing, target: str, dry_run: bool) -> FileRotation:
    """What a file with these token key ids needs: status `no_tokens`, `current`, `would_rotate` (dry run)
    or `rotate` (the caller rewrites it). Raises when a token's key is not configured."""
    result = FileRotation(path=str(path), status="no_tokens", key_ids_before=kids)
    if not kids:
        return result
    if set(kids) == {target}:
        result.status = "current"
        return result
    _check_known(kids, keys)
    if dry_run:
        result.status, result.values_rotated = "would_rotate", sum(kids.values())
        return result
    result.status = "rotate"
    return result


def _check_known(kids: Counter[str], keys: KeyRing) -> None:
    unknown = sorted(set(kids) - set(keys.encryption_key_ids))
    if unknown:
        raise RevealError(
            f"values are encrypted under key id(s) {', '.join(unknown)}, which are not configured "
            f"(configured: {', '.join(keys.encryption_key_ids)}); add the old key after the new one"
        )


def _rotate_parquet(path: Path, keys: KeyRing, target: str, dry_run: bool) -> FileRotation:
    pf = pq.ParquetFile(path)
    columns = string_columns(pf.schema_arrow)
    kids: Counter[str] = Counter()
    token_columns: set[str] = set()
    for _, column, value in iter_string_values(pf, columns):
        found = encrypted_key_ids(value)
        if found:
            kids.update(found)
            token_columns.add(column)
    result = _triage(path, kids, keys, target, dry_run)
    if result.status != "rotate":
        return result
    count = 0

    def transform(column: str, values: list[str | None]) -> list[str | None]:
        nonlocal count
        out: list[str | None] = []
        for value in values:
            if value is None:
                out.append(None)
                continue
            new, n = rotate_value(value, keys)
            count += n
            out.append(new)
        return out

    metadata = {
        META_KEY_IDS: target,
        META_ROTATED_AT: datetime.now(UTC).isoformat(timespec="seconds"),
        META_ROTATED_FROM: ",".join(sorted(set(kids) - {target})),
    }
    rewrite_parquet(
        path, path, transform, sorted(token_columns), metadata=metadata, no_statistics=token_columns,
        mode=file_mode(path),
    )
    result.status = "rotated"
    result.values_rotated = count
    return result


def _rotate_jsonl(path: Path, keys: KeyRing, target: str, dry_run: bool) -> FileRotation:
    lines = path.read_text(encoding="utf-8").splitlines()
    records: list[Any] = []
    kids: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            records.append(None)
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise ValueError(f"line {number} is not JSON") from None
        records.append(record)
        if isinstance(record, dict):
            for value in record.values():
                if isinstance(value, str) and ENCRYPTED_VALUE.match(value):
                    kids.update(encrypted_key_ids(value))
    result = _triage(path, kids, keys, target, dry_run)
    if result.status != "rotate":
        return result
    out = []
    for record in records:
        if record is None:
            out.append("")
            continue
        if isinstance(record, dict):
            for name, value in record.items():
                if isinstance(value, str) and ENCRYPTED_VALUE.match(value):
                    record[name] = keys.rotate(value)
                    result.values_rotated += 1
        out.append(json.dumps(record, sort_keys=True))
    with atomic_output(path, file_mode(path)) as tmp:
        tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    result.status = "rotated"
    return result


def rotate_dataset(
    root: str | Path,
    keys: KeyRing,
    *,
    dry_run: bool = False,
    state_path: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> RotationReport:
    """Re-encrypt every encrypted value under `root` (Parquet files, recursively, and quarantine JSONL)
    from older keys to `keys`' newest key. One file's failure (an unknown key id, an unreadable file)
    does not stop the others; it is reported and that file is left exactly as it was.

    `keys` must hold the newest key first and every key still in use after it. Resumable: files finished
    by an earlier call for the same target key are skipped (see `STATE_NAME`).
    """
    if not keys.encryption_keys:
        raise MissingKeyError("rotate-keys needs the encryption keys: the new key first, then the old ones")
    base = Path(root)
    if not base.exists():
        raise ValueError(f"{base} does not exist")
    target = keys.encryption_key_ids[0]
    report = RotationReport(root=str(base), target_key_id=target, dry_run=dry_run)
    state_file = Path(state_path) if state_path else (base / STATE_NAME if base.is_dir() else None)
    state = _State(state_file, target) if state_file is not None and not dry_run else None
    files = dataset_files(base) + (dataset_files(base, ".jsonl") if base.is_dir() else [])
    for path in files:
        rel = str(path.relative_to(base)) if base.is_dir() else path.name
        if progress is not None:
            progress(rel)
        if state is not None and state.done(rel, path):
            report.files.append(FileRotation(path=str(path), status="done_before"))
            continue
        try:
            rotate = _rotate_parquet if path.suffix == ".parquet" else _rotate_jsonl
            result = rotate(path, keys, target, dry_run)
        except (AnonymizerError, ValueError) as exc:
            result = FileRotation(path=str(path), status="failed", error=str(exc))
        except OSError as exc:
            result = FileRotation(path=str(path), status="failed", error=f"cannot rewrite: {exc.strerror}")
        except Exception as exc:  # a corrupt file: name the file and the kind of error, never its content
            result = FileRotation(path=str(path), status="failed", error=f"cannot read ({type(exc).__name__})")
        report.files.append(result)
        if state is not None and result.status in ("rotated", "current", "no_tokens"):
            state.record(rel, path, result.status, result.values_rotated)
    return report


def write_report(report: Any, path: str | Path) -> None:
    """A report as JSON, atomically, owner-only (reports hold counts and ids only, but live beside data)."""
    with atomic_output(Path(path)) as tmp:
        tmp.write_text(json.dumps(report.to_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")


__all__ = ["STATE_NAME", "FileRotation", "RotationReport", "rotate_dataset", "write_report"]
