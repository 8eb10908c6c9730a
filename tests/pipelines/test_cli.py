"""The `anonymizer` CLI end to end on real files: run, scan, keygen, errors, help, row accounting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from anonymizer import KeyRing
from pipelines.cli import EXIT_CONFIG, EXIT_INPUT_FAILED, EXIT_OK, app
from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "data" / "samples" / "policy.yaml"
runner = CliRunner()


def message(i: int, conversation: str = "c1", **extra: Any) -> dict[str, Any]:
    return {
        "conversation_id": conversation,
        "message_id": f"{conversation}-{i}",
        "turn": i,
        "speaker": "customer" if i % 2 else "agent",
        "timestamp": f"2026-03-01T10:00:{i:02d}Z",
        "text": f"message {i}",
        **extra,
    }


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def test_every_command_help_shows_an_example() -> None:
    import typer.main

    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"run", "scan", "eval", "keygen", "job", "verify", "rotate-keys", "reveal"} <= set(commands)
    readme = (ROOT / "README.md").read_text()
    for command in commands:
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output and f"anonymizer {command}" in result.output, command
        assert f"anonymizer {command}" in readme, f"{command} is not documented in the README"


def test_run_writes_parquet_summary_and_quarantine_with_exact_accounting(tmp_path: Path, key_env: dict[str, str]) -> None:
    records: list[Any] = [
        message(0, text="Hi, I'm Jane Doe, email jane.doe@example.com", user_email="Jane.Doe@example.com",
                user_name="Jane Doe", user_phone="415-555-0123", ip_address="10.1.2.3", channel="web"),
        message(1, text="call me at (415) 555-0199"),
        "{not json",
        message(2, text=""),
        {"conversation_id": "c1", "text": "no message id"},
        message(3, timestamp="yesterday-ish"),
        message(0, conversation="c2", text="card 4111 1111 1111 1111 please"),
    ]
    src = write_jsonl(tmp_path / "export.jsonl", records)
    out = tmp_path / "out"
    result = invoke("run", str(src), "--out", str(out), "--policy", str(POLICY))
    assert result.exit_code == EXIT_OK, result.output
    table = pq.read_table(out / "export.parquet")
    assert table.num_rows == 3
    summary = json.loads((out / "run_summary.json").read_text())
    totals = summary["totals"]
    assert totals["rows_read"] == 7
    assert totals["rows_read"] == totals["rows_written"] + totals["rows_quarantined"]
    assert totals["quarantined_by_reason"] == {
        "bad_timestamp": 1, "empty_text": 1, "malformed_json": 1, "missing_field:message_id": 1,
    }
    quarantined = [json.loads(line) for line in (out / "_quarantine" / "export.jsonl").read_text().splitlines()]
    assert len(quarantined) == 4
    ring = KeyRing.from_mapping(key_env, "t")
    for entry in quarantined:
        assert set(entry) == {"source", "location", "reason", "raw_encrypted"}
        ring.decrypt(entry["raw_encrypted"])  # the raw record is recoverable only with the key
    rows = table.to_pylist()
    assert rows[0]["user_email"] and "@" not in rows[0]["user_email"]
    assert ring.decrypt(rows[0]["user_name"]) == "Jane Doe"
    assert rows[0]["ip_address"] is None and rows[0]["channel"] == "web"
    assert "4111" not in rows[2]["text"]
    assert "findings" in result.output and "quarantined" in result.output


def test_output_schema_metadata_and_no_statistics_on_sensitive_columns(tmp_path: Path, key_env: dict[str, str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [message(0, text="mail a.b@example.com", user_email="a.b@example.com")])
    assert invoke("run", str(src), "--out", str(tmp_path / "o"), "--policy", str(POLICY)).exit_code == 0
    f = pq.ParquetFile(tmp_path / "o" / "a.parquet")
    meta = {k.decode(): v.decode() for k, v in f.schema_arrow.metadata.items() if k.decode().startswith("chat_")}
    assert meta["chat_anonymizer.hash_key_id"] == KeyRing.from_mapping(key_env, "t").hash_key_id
    assert len(meta["chat_anonymizer.policy_sha256"]) == 64
    rg = f.metadata.row_group(0)
    stats = {rg.column(i).path_in_schema: rg.column(i).is_stats_set for i in range(rg.num_columns)}
    assert stats["text"] is False and stats["user_email"] is False and stats["user_name"] is False
    assert stats["conversation_id"] is True and stats["timestamp"] is True
    assert (os.stat(tmp_path / "o" / "a.parquet").st_mode & 0o777) == 0o600


def test_same_email_same_token_across_rows_and_runs_and_different_key_differs(tmp_path: Path, key_env: dict[str, str]) -> None:
    src = write_jsonl(
        tmp_path / "e.jsonl",
        [message(0, user_email="Sam@Example.com"), message(1, user_email="sam@example.com ")],
    )
    for name in ["o1", "o2"]:
        assert invoke("run", str(src), "--out", str(tmp_path / name), "--policy", str(POLICY)).exit_code == 0
    t1 = pq.read_table(tmp_path / "o1" / "e.parquet").column("user_email").to_pylist()
    t2 = pq.read_table(tmp_path / "o2" / "e.parquet").column("user_email").to_pylist()
    assert t1[0] == t1[1] == t2[0] == t2[1]
    env = {**key_env, "ANONYMIZER_HASH_KEY": "a-completely-different-hash-key-0123456789"}
    assert invoke("run", str(src), "--out", str(tmp_path / "o3"), "--policy", str(POLICY), env=env).exit_code == 0
    assert pq.read_table(tmp_path / "o3" / "e.parquet").column("user_email").to_pylist()[0] != t1[0]


def test_when_key_missing_then_run_refuses_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"]:
        monkeypatch.delenv(name, raising=False)
    src = write_jsonl(tmp_path / "x.jsonl", [message(0)])
    result = runner.invoke(app, ["run", str(src), "--out", str(tmp_path / "o"), "--policy", str(POLICY)])
    assert result.exit_code == EXIT_CONFIG
    assert "ANONYMIZER_HASH_KEY" in result.output
    assert not (tmp_path / "o").exists()


def test_when_policy_invalid_then_exit_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("version: 1\nfields:\n  user_email: {operator: sha1}\n")
    result = runner.invoke(app, ["run", "x.jsonl", "--out", str(tmp_path / "o"), "--policy", str(bad)])
    assert result.exit_code == EXIT_CONFIG
    assert "fields.user_email: unknown operator 'sha1'" in result.output


def test_when_one_input_is_unreadable_then_others_complete_and_exit_1(tmp_path: Path, key_env: dict[str, str]) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [message(0)])
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage-not-gzip")
    result = invoke("run", str(good), str(broken), "--out", str(tmp_path / "o"))
    assert result.exit_code == EXIT_INPUT_FAILED
    assert "broken.jsonl.gz" in result.output
    assert pq.read_table(tmp_path / "o" / "good.parquet").num_rows == 1
    assert not (tmp_path / "o" / "broken.parquet").exists()
    summary = json.loads((tmp_path / "o" / "run_summary.json").read_text())
    assert summary["totals"]["files_failed"] == 1


def test_default_policy_needs_no_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"]:
        monkeypatch.delenv(name, raising=False)
    src = write_jsonl(tmp_path / "d.jsonl", [message(0, text="I'm Jane Doe, jane@example.com", user_email="x@y.z")])
    result = invoke("run", str(src), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    row = pq.read_table(tmp_path / "o" / "d.parquet").to_pylist()[0]
    assert "<EMAIL_ADDRESS>" in row["text"] and "jane@" not in row["text"]
    assert "user_email" not in row
    assert "user_email" in json.loads((tmp_path / "o" / "run_summary.json").read_text())["dropped_fields"]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_scan_writes_findings_without_text(tmp_path: Path, suffix: str) -> None:
    src = write_jsonl(tmp_path / "s.jsonl", [message(0, text="email jane.doe@example.com"), message(1)])
    out = tmp_path / f"findings{suffix}"
    result = invoke("scan", str(src), "--out", str(out))
    assert result.exit_code == 0, result.output
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
    else:
        rows = pq.read_table(out).to_pylist()
    assert {(r["message_id"], r["start"], r["end"], r["entity_type"]) for r in rows} >= {("c1-0", 6, 26, "EMAIL_ADDRESS")}
    assert {"message_id", "start", "end", "entity_type", "score", "recognizer"} <= set(rows[0])
    assert b"jane.doe" not in out.read_bytes()
    assert json.loads(out.with_name(out.name + ".summary.json").read_text())["totals"]["rows_read"] == 2


def test_keygen_prints_and_writes_owner_only_key_file(tmp_path: Path) -> None:
    result = invoke("keygen")
    assert "ANONYMIZER_HASH_KEY=" in result.output and "ANONYMIZER_ENCRYPTION_KEYS=" in result.output
    path = tmp_path / "k.env"
    assert invoke("keygen", "--out", str(path)).exit_code == 0
    assert (os.stat(path).st_mode & 0o777) == 0o600
    KeyRing.from_file(path)
    assert runner.invoke(app, ["keygen", "--out", str(path)]).exit_code == EXIT_CONFIG  # never overwrites


def test_console_script_runs_on_the_samples(tmp_path: Path) -> None:
    """The installed `anonymizer` entry point, as a user runs it, on the committed samples."""
    keyfile = tmp_path / "keys.env"
    keyfile.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={TEST_FERNET_KEY}\n")
    keyfile.chmod(0o600)
    exe = Path(sys.executable).with_name("anonymizer")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANONYMIZER_")}
    proc = subprocess.run(
        [str(exe), "run", str(ROOT / "data" / "samples" / "transcripts.jsonl"), "--out", str(tmp_path / "o"),
         "--policy", str(POLICY), "--key-file", str(keyfile)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # quiet when not on a terminal: no progress bar, no library warnings
    summary = json.loads((tmp_path / "o" / "run_summary.json").read_text())
    assert summary["totals"]["rows_read"] >= 300
    assert summary["totals"]["rows_read"] == summary["totals"]["rows_written"] + summary["totals"]["rows_quarantined"]


def test_speaker_names_never_reach_the_report(tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "s.jsonl",
        [message(0, speaker="Zebulon Quaxworth", text="mail me at z.q@example.com"), message(1, text="call 415-555-0111")],
    )
    assert invoke("run", str(src), "--out", str(tmp_path / "o")).exit_code == 0
    summary = (tmp_path / "o" / "run_summary.json").read_text()
    assert "Zebulon" not in summary
    assert json.loads(summary)["findings_by_speaker"] == {"other": 1, "customer": 1}
