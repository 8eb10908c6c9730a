"""`reveal`: decrypt chosen encrypted columns of one output file, for a user who holds the key, audited.

The revealed copy is written owner-only (600) under a temporary name; the audit record is appended and
fsynced; only then is the copy moved into place. A wrong key, an unknown column or an audit log that
cannot be written leaves no output at all. Failed attempts are audited too.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from anonymizer.errors import AnonymizerError, RevealError
from anonymizer.keys import KeyRing
from anonymizer.tokens import decrypt_value, encrypted_key_ids
from pipelines.security.audit import AuditLog
from pipelines.security.dataset import STRING_TYPES, rewrite_parquet

REVEAL_MODE = 0o600
META_REVEALED = "chat_anonymizer.revealed_columns"
META_REVEALED_AT = "chat_anonymizer.revealed_at"


@dataclass
class RevealReport:
    """What a reveal did: counts and key ids only."""

    file: str
    out: str
    columns: list[str]
    rows: int = 0
    values_decrypted: Counter[str] = field(default_factory=Counter)  # per column
    key_ids: Counter[str] = field(default_factory=Counter)
    audit_log: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "out": self.out,
            "columns": self.columns,
            "rows": self.rows,
            "values_decrypted": dict(sorted(self.values_decrypted.items())),
            "key_ids": dict(sorted(self.key_ids.items())),
            "audit_log": self.audit_log,
        }

    def summary_lines(self) -> list[str]:
        per_column = ", ".join(f"{c}={self.values_decrypted.get(c, 0)}" for c in self.columns)
        return [
            f"reveal: {self.rows} rows of {self.file}; decrypted {per_column} (key ids "
            f"{', '.join(sorted(self.key_ids)) or 'none'}); wrote {self.out} (mode 600)",
            f"  audit record appended to {self.audit_log}",
        ]


def _columns(pf: pq.ParquetFile, columns: Sequence[str], path: Path) -> list[str]:
    wanted = [c.strip() for c in columns if c.strip()]
    if not wanted:
        raise ValueError("name at least one column to reveal")
    schema = pf.schema_arrow
    for name in wanted:
        index = schema.get_field_index(name)
        if index < 0:
            raise ValueError(f"{path.name} has no column '{name}' (columns: {', '.join(schema.names)})")
        if schema.field(index).type not in STRING_TYPES:
            raise ValueError(f"column '{name}' of {path.name} is not a text column")
    return list(dict.fromkeys(wanted))


def reveal_file(
    path: str | Path,
    columns: Sequence[str],
    out: str | Path,
    keys: KeyRing,
    *,
    audit_log: AuditLog | str | Path | None = None,
    operator: str | None = None,
    overwrite: bool = False,
) -> RevealReport:
    """Decrypt `columns` of the Parquet file `path` into `out` (whole-field tokens become the value;
    tokens inside text become the original text), other columns unchanged, mode 600.

    Raises RevealError (wrong or missing key), ValueError (bad column or paths) or OSError (the audit
    log cannot be written); in every case `out` is not created.
    """
    src, dest = Path(path), Path(out)
    log = audit_log if isinstance(audit_log, AuditLog) else AuditLog(audit_log)
    report = RevealReport(file=str(src.resolve()), out=str(dest.resolve()), columns=list(columns),
                          audit_log=str(log.path))
    event: dict[str, Any] = {
        "event": "reveal",
        "operator": operator or None,
        "file": report.file,
        "out": report.out,
        "columns": list(columns),
        "key_source": keys.source,
    }
    staging = dest.with_name(f".{dest.name}.{os.getpid()}.reveal")
    recorded = False
    try:
        if dest.exists() and not overwrite:
            raise ValueError(f"{dest} exists; refusing to overwrite revealed data (pass --overwrite)")
        if dest.resolve() == src.resolve():
            raise ValueError("the revealed copy must not replace the anonymized file")
        if not keys.encryption_keys:
            raise RevealError("reveal needs the encryption key(s) the values were encrypted with")
        pf = pq.ParquetFile(src)
        report.columns = _columns(pf, columns, src)
        event["columns"] = report.columns
        report.rows = pf.metadata.num_rows

        def transform(column: str, values: list[str | None]) -> list[str | None]:
            result: list[str | None] = []
            for value in values:
                if value is None:
                    result.append(None)
                    continue
                report.key_ids.update(encrypted_key_ids(value))
                plain, n = decrypt_value(value, keys)
                report.values_decrypted[column] += n
                result.append(plain)
            return result

        metadata = {META_REVEALED: ",".join(report.columns), META_REVEALED_AT: datetime.now(UTC).isoformat()}
        rewrite_parquet(
            src, staging, transform, report.columns, metadata=metadata,
            no_statistics=set(report.columns), mode=REVEAL_MODE,
        )
        # No reveal without its record: the record is durable before the copy appears under its name.
        try:
            log.append(
                {
                    **event,
                    "outcome": "ok",
                    "rows": report.rows,
                    "values_decrypted": dict(sorted(report.values_decrypted.items())),
                    "key_ids": sorted(report.key_ids),
                }
            )
        except OSError as exc:
            raise OSError(f"cannot append to the audit log {log.path} ({exc.strerror}); nothing was revealed") from None
        recorded = True
        os.replace(staging, dest)
    except (AnonymizerError, ValueError, OSError) as exc:
        staging.unlink(missing_ok=True)
        if not recorded:
            with contextlib.suppress(OSError):  # the original error is the one to report
                log.append({**event, "outcome": "failed", "reason": type(exc).__name__, "rows": 0})
        raise
    return report
