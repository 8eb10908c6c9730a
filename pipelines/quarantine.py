"""Quarantine: where records that cannot be processed go, with their location and a reason, never in clear."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

from anonymizer.keys import KeyRing


class Quarantine:
    """A JSONL file of rejected records, created only when the first record arrives.

    Each line holds the source file, the location in it and a reason code. The raw record is stored only
    Fernet-encrypted (`raw_encrypted`), and only when an encryption key is configured; without a key only
    the location is kept, which is enough to find the record in the source.
    """

    def __init__(self, path: Path, keys: KeyRing) -> None:
        self.path = path
        self.keys = keys
        self.count = 0
        self._fh: IO[str] | None = None
        # Written under a temporary name and renamed by commit(): a file whose run failed leaves nothing.
        self._tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")

    def add(self, source: str, location: str, reason: str, raw: bytes | None = None) -> None:
        entry: dict[str, str] = {"source": source, "location": location, "reason": reason}
        if raw is not None and self.keys.has_encryption_key:
            entry["raw_encrypted"] = self.keys.encrypt_bytes(raw)
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        self._fh.write(json.dumps(entry, sort_keys=True) + "\n")
        self.count += 1

    def commit(self) -> None:
        """Close and move the file into place (nothing is created when nothing was quarantined)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            os.replace(self._tmp, self.path)

    def discard(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._tmp.unlink(missing_ok=True)
