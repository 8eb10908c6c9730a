"""Key source: a `NAME=value` key file, refused when group or others can access it."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from anonymizer.errors import KeyConfigError
from anonymizer.secrets.base import KEY_NAMES, KeySource
from anonymizer.secrets.env import EnvironmentKeySource


def check_owner_only(path: Path, what: str) -> None:
    """Refuse a secret-holding file that group or others can read or write (POSIX only)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise KeyConfigError(f"cannot read {what} {path}: {exc.strerror}") from None
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyConfigError(
            f"{what} {path} is accessible by group or others (mode {stat.S_IMODE(st.st_mode):04o}); "
            f"run `chmod 600 {path}`"
        )


def read_key_file(path: str | Path) -> dict[str, str]:
    """Read `NAME=value` lines (`#` comments, blank lines and `export NAME=...` allowed); refuse a file
    that group or others can read or write."""
    p = Path(path)
    check_owner_only(p, "key file")
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        raise KeyConfigError(f"cannot read key file {p}") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, value = stripped.partition("=")
        name = name.strip().removeprefix("export ").strip()
        if not sep or name not in KEY_NAMES:
            # Never echo the line: it may hold a secret.
            raise KeyConfigError(
                f"key file {p} line {number}: expected NAME=value with NAME one of {', '.join(KEY_NAMES)}"
            )
        values[name] = value.strip().strip('"').strip("'")
    return values


class KeyFileKeySource(KeySource):
    """A key file; names it does not set fall back to the environment (so a file can hold only the
    encryption keys while the hash key comes from the scheduler's environment)."""

    kind = "file"

    def __init__(self, path: str | Path, *, environ: Mapping[str, str] | None = None, fallback: bool = True) -> None:
        self.path = Path(path)
        self._fallback = EnvironmentKeySource(environ) if fallback else None

    def fetch(self) -> dict[str, str]:
        values = self._fallback.fetch() if self._fallback is not None else {}
        values.update(read_key_file(self.path))
        return values

    def describe(self) -> str:
        return f"key file {self.path}"
