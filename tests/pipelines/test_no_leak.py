"""Canary PII planted in the input appears nowhere in the output folder, the summary or the logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY

ROOT = Path(__file__).resolve().parents[2]

CANARIES = {
    "email": "canary.person@leakcheck-example.com",
    "phone": "(212) 555-0187",
    "card": "4539 1488 0343 6467",
    "user_name": "Zebulon Quaxworth",
    "user_id": "uid-canary-77812",
    "ip": "203.0.113.77",
    "unlisted": "unlisted-canary-secret-value",
    "quarantined": "quarantined-canary-9913",
}


def parquet_strings(path: Path) -> list[str]:
    """Every value, metadata entry and column statistic of a Parquet file, as text."""
    f = pq.ParquetFile(path)
    out = [json.dumps(f.read().to_pylist(), default=str)]
    out += [k.decode(errors="replace") + "=" + v.decode(errors="replace") for k, v in (f.schema_arrow.metadata or {}).items()]
    meta = f.metadata
    out += [f"{k!r}={v!r}" for k, v in (meta.metadata or {}).items()]
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        for c in range(rg.num_columns):
            stats = rg.column(c).statistics
            if stats is not None and stats.has_min_max:
                out += [str(stats.min), str(stats.max)]
    return out


def test_planted_pii_and_keys_appear_nowhere_in_outputs_or_logs(tmp_path: Path) -> None:
    c = CANARIES
    records = [
        {"conversation_id": "c1", "message_id": "m1", "turn": 0, "speaker": "customer",
         "timestamp": "2026-03-01T10:00:00Z",
         "text": f"Hello, my email is {c['email']} and my phone number is {c['phone']}",
         "user_email": c["email"], "user_name": c["user_name"], "user_phone": c["phone"],
         "user_id": c["user_id"], "ip_address": c["ip"], "notes": c["unlisted"], "channel": "web"},
        {"conversation_id": "c1", "message_id": "m2", "turn": 1, "speaker": "customer",
         "timestamp": "2026-03-01T10:00:05Z", "text": f"my card number is {c['card']}"},
        {"conversation_id": "c1", "message_id": "m3", "turn": 2, "speaker": "customer",
         "timestamp": "not a time", "text": f"oops {c['quarantined']}"},
    ]
    src = tmp_path / "canary.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records) + '{"broken": "' + c["quarantined"] + "\n")
    keyfile = tmp_path / "keys.env"
    keyfile.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={TEST_FERNET_KEY}\n")
    keyfile.chmod(0o600)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANONYMIZER_")}
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("anonymizer")), "run", str(src), "--out", str(out), "--verbose",
         "--policy", str(ROOT / "data" / "samples" / "policy.yaml"), "--key-file", str(keyfile)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    haystack = [proc.stdout, proc.stderr]
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"canary.parquet", "run_summary.json", "canary.jsonl"}
    for path in files:
        haystack.append(path.read_bytes().decode("utf-8", errors="replace"))
        if path.suffix == ".parquet":
            haystack += parquet_strings(path)
    text = "\n".join(haystack)
    for name, value in CANARIES.items():
        assert value not in text, f"canary {name} leaked"
    for fragment in ["canary.person", "leakcheck", "Zebulon", "Quaxworth", "555-0187", "4539 1488", "0343"]:
        assert fragment not in text, fragment
    assert TEST_HASH_KEY not in text and TEST_FERNET_KEY not in text


def test_security_commands_leak_no_canary_or_key_in_logs_reports_or_audit(tmp_path: Path) -> None:
    """rotate-keys, reveal and verify, run verbosely on canary output: their stdout, stderr, reports and the
    audit log hold no canary value and no key (the revealed file itself holds values: that is its job)."""
    from tests_support import OTHER_FERNET_KEY

    c = CANARIES
    record = {"conversation_id": "c1", "message_id": "m1", "text": f"mail {c['email']} or call {c['phone']}",
              "user_email": c["email"], "user_name": c["user_name"], "user_phone": c["phone"], "user_id": c["user_id"]}
    src = tmp_path / "canary.jsonl"
    src.write_text(json.dumps(record) + "\n" + '{"broken": "' + c["quarantined"] + "\n")
    old = tmp_path / "old.env"
    old.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={TEST_FERNET_KEY}\n")
    both = tmp_path / "both.env"
    both.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={OTHER_FERNET_KEY},{TEST_FERNET_KEY}\n")
    for keyfile in (old, both):
        keyfile.chmod(0o600)
    out, audit, revealed = tmp_path / "out", tmp_path / "audit.jsonl", tmp_path / "revealed.parquet"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANONYMIZER_")}
    exe = str(Path(sys.executable).with_name("anonymizer"))
    policy = str(ROOT / "data" / "samples" / "policy.yaml")
    commands = [
        ([exe, "run", str(src), "--out", str(out), "--policy", policy, "--key-file", str(old)], 0),
        ([exe, "rotate-keys", str(out), "--key-file", str(both), "--report", str(tmp_path / "rotation.json"),
          "--verbose"], 0),
        ([exe, "reveal", str(out / "canary.parquet"), "--columns", "user_name,text", "--out", str(revealed),
          "--key-file", str(both), "--audit-log", str(audit), "--verbose"], 0),
        ([exe, "reveal", str(out / "canary.parquet"), "--columns", "user_name", "--out", str(tmp_path / "no.parquet"),
          "--key-file", str(old), "--audit-log", str(audit), "--verbose"], 2),  # old key only: refused
        ([exe, "verify", str(out), "--policy", policy, "--key-file", str(both), "--report",
          str(tmp_path / "verify.json"), "--verbose"], None),
    ]
    haystack = []
    for argv, expected in commands:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600, check=False)
        if expected is not None:
            assert proc.returncode == expected, (argv[1], proc.stdout, proc.stderr)
        haystack += [proc.stdout, proc.stderr]
    assert not (tmp_path / "no.parquet").exists()
    assert pq.read_table(revealed).column("user_name").to_pylist() == [c["user_name"]]  # the reveal worked
    for path in [audit, tmp_path / "rotation.json", tmp_path / "verify.json", *out.rglob("*")]:
        if path.is_file():
            haystack.append(path.read_bytes().decode("utf-8", errors="replace"))
            if path.suffix == ".parquet":
                haystack += parquet_strings(path)
    text = "\n".join(haystack)
    for name in ("email", "phone", "user_name", "user_id", "quarantined"):
        assert c[name] not in text, f"canary {name} leaked"
    for fragment in ["canary.person", "leakcheck", "Zebulon", "Quaxworth", "555-0187"]:
        assert fragment not in text, fragment
    for key in (TEST_HASH_KEY, TEST_FERNET_KEY, OTHER_FERNET_KEY):
        assert key not in text
