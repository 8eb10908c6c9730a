"""The rotate-keys, reveal and verify commands: help with examples, exit codes, key-source options."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipelines.cli import EXIT_CONFIG, EXIT_INPUT_FAILED, EXIT_OK, app
from pipelines.security import read_audit_log
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY

from .conftest import POLICY_YAML

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def key_file(folder: Path, name: str, *fernet: str, mode: int = 0o600) -> Path:
    path = folder / name
    path.write_text(f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nANONYMIZER_ENCRYPTION_KEYS={','.join(fernet)}\n")
    os.chmod(path, mode)
    return path


@pytest.fixture(autouse=True)
def no_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_every_security_command_help_shows_an_example_and_exit_codes() -> None:
    for command in ("rotate-keys", "reveal", "verify"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output and f"anonymizer {command}" in result.output
        assert "Exit codes" in result.output


def test_rotate_then_reveal_with_new_key_only_then_wrong_key_exits_2(dataset: Path, tmp_path: Path) -> None:
    both = key_file(tmp_path, "both.env", OTHER_FERNET_KEY, TEST_FERNET_KEY)
    new = key_file(tmp_path, "new.env", OTHER_FERNET_KEY)
    old = key_file(tmp_path, "old.env", TEST_FERNET_KEY)

    result = invoke("rotate-keys", str(dataset), "--key-file", str(both), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == EXIT_OK, result.output
    assert "rotated 6 value(s)" in result.output
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["values_rotated"] == 6

    target = sorted(dataset.rglob("date=2026-03-01/*.parquet"))[0]
    audit = tmp_path / "audit.jsonl"
    result = invoke("reveal", str(target), "--columns", "user_name", "--out", str(tmp_path / "ok.parquet"),
                    "--key-file", str(new), "--audit-log", str(audit), "--operator", "bob")
    assert result.exit_code == EXIT_OK, result.output
    assert pq.read_table(tmp_path / "ok.parquet").column("user_name").to_pylist() == ["Jane Doe", None]

    result = invoke("reveal", str(target), "--columns", "user_name", "--out", str(tmp_path / "no.parquet"),
                    "--key-file", str(old), "--audit-log", str(audit))
    assert result.exit_code == EXIT_CONFIG
    assert "could not be decrypted" in result.output and not (tmp_path / "no.parquet").exists()
    assert [r["outcome"] for r in read_audit_log(audit)] == ["ok", "failed"]
    assert read_audit_log(audit)[0]["operator"] == "bob"


def test_rotate_keys_exits_1_when_an_old_key_is_missing_and_2_without_keys(dataset: Path, tmp_path: Path) -> None:
    new = key_file(tmp_path, "new.env", OTHER_FERNET_KEY)
    result = invoke("rotate-keys", str(dataset), "--key-file", str(new))
    assert result.exit_code == EXIT_INPUT_FAILED
    assert "FAILED" in result.output
    assert invoke("rotate-keys", str(dataset)).exit_code == EXIT_CONFIG  # no encryption key at all


def test_key_file_readable_by_others_is_refused_by_every_command(dataset: Path, tmp_path: Path) -> None:
    loose = key_file(tmp_path, "loose.env", TEST_FERNET_KEY, mode=0o644)
    for args in (("rotate-keys", str(dataset)), ("verify", str(dataset))):
        result = invoke(*args, "--key-file", str(loose))
        assert result.exit_code == EXIT_CONFIG and "chmod 600" in result.output


def test_only_one_key_option_is_accepted(dataset: Path, tmp_path: Path) -> None:
    keys = key_file(tmp_path, "k.env", TEST_FERNET_KEY)
    result = invoke("rotate-keys", str(dataset), "--key-file", str(keys), "--key-source", "env")
    assert result.exit_code == EXIT_CONFIG and "only one of" in result.output


def test_verify_exits_0_on_clean_output_and_1_on_a_planted_leak(dataset: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY_YAML)
    keys = key_file(tmp_path, "k.env", TEST_FERNET_KEY)
    result = invoke("verify", str(dataset), "--policy", str(policy), "--key-file", str(keys))
    assert result.exit_code == EXIT_OK, result.output
    assert "clean" in result.output

    (dataset / "date=2026-03-01" / "leak.json").write_text(json.dumps({"debug": TEST_HASH_KEY}))
    report = tmp_path / "verify.json"
    result = invoke("verify", str(dataset), "--policy", str(policy), "--key-file", str(keys), "--report", str(report))
    assert result.exit_code == EXIT_INPUT_FAILED
    assert "secret_leak" in result.output and TEST_HASH_KEY not in result.output
    data = json.loads(report.read_text())
    assert data["ok"] is False and data["findings_by_kind"] == {"secret_leak": 1}
    assert report.stat().st_mode & 0o777 == 0o600


def test_verify_without_keys_skips_the_secret_search(dataset: Path) -> None:
    result = invoke("verify", str(dataset), "--no-keys")
    assert result.exit_code == EXIT_OK, result.output
    assert "0 secret(s) checked" in result.output


def test_verify_of_a_missing_folder_exits_2(tmp_path: Path) -> None:
    assert invoke("verify", str(tmp_path / "nope"), "--no-keys").exit_code == EXIT_CONFIG
