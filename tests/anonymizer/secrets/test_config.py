"""Key-source configuration: a `keys:` section or a `--key-source` spec names locations, never secrets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from anonymizer import KeyConfigError, KeyRing, Policy, PolicyError
from anonymizer.keys import key_id
from anonymizer.secrets import (
    AzureKeyVaultKeySource,
    AzureSettings,
    EnvironmentKeySource,
    KeyFileKeySource,
    KeySourceConfig,
    VaultKeySource,
    VaultSettings,
)
from tests_support import TEST_FERNET_KEY, TEST_HASH_KEY


def test_spec_strings_name_each_source() -> None:
    assert KeySourceConfig.parse("env").source == "env"
    assert KeySourceConfig.parse("file:keys.env").file == Path("keys.env")
    vault = KeySourceConfig.parse("vault:secret/chat-anonymizer/prod").vault
    assert vault is not None and (vault.mount, vault.path) == ("secret", "chat-anonymizer/prod")
    azure = KeySourceConfig.parse("azure:https://my-vault.vault.azure.net").azure
    assert azure is not None and azure.secret_for("encryption_keys") == "anonymizer-encryption-keys"
    with pytest.raises(KeyConfigError, match="not understood"):
        KeySourceConfig.parse("vault:")


def test_keys_section_is_loaded_and_builds_the_source(tmp_path: Path) -> None:
    config = tmp_path / "job.yaml"
    config.write_text(
        "other: ignored\nkeys:\n  source: vault\n  vault:\n    url: https://vault.example:8200\n"
        "    path: app/keys\n    previous_versions: 1\n    fields: {hash_key: pepper}\n"
    )
    source = KeySourceConfig.load(config).build()
    assert isinstance(source, VaultKeySource)
    assert source.settings.field_for("hash_key") == "pepper"
    assert repr(source) == "VaultKeySource('vault https://vault.example:8200 secret/app/keys')"


def test_a_secret_pasted_into_the_config_is_refused_without_echoing_it(tmp_path: Path) -> None:
    config = tmp_path / "job.yaml"
    config.write_text(f"keys:\n  source: vault\n  vault:\n    path: a/b\n    token: {TEST_HASH_KEY}\n")
    with pytest.raises(KeyConfigError, match="unknown setting") as info:
        KeySourceConfig.load(config)
    assert TEST_HASH_KEY not in str(info.value)


def test_a_source_without_its_settings_is_refused() -> None:
    with pytest.raises(KeyConfigError, match="no 'vault' setting"):
        KeySourceConfig.from_dict({"source": "vault"})


def test_a_policy_cannot_hold_keys() -> None:
    with pytest.raises(PolicyError, match="keys"):
        Policy.from_yaml(f"version: 1\nkeys:\n  hash_key: {TEST_HASH_KEY}\n")


def test_key_file_source_falls_back_to_the_environment_and_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "k.env"
    path.write_text(f"ANONYMIZER_ENCRYPTION_KEYS={TEST_FERNET_KEY}\n")
    os.chmod(path, 0o600)
    source = KeyFileKeySource(path, environ={"ANONYMIZER_HASH_KEY": TEST_HASH_KEY})
    ring = KeyRing.from_source(source)
    assert ring.hash_key == TEST_HASH_KEY.encode() and ring.source == f"key file {path}"
    assert KeyRing.from_source(EnvironmentKeySource({})).encryption_keys == ()


def test_no_key_source_shows_a_secret_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAULT_TOKEN", "s.this-token-must-not-show")
    sources = [
        VaultKeySource(VaultSettings(url="https://v.example", path="a/b")),
        AzureKeyVaultKeySource(AzureSettings(vault_url="https://v.vault.azure.net"), credential=object()),
        EnvironmentKeySource({"ANONYMIZER_HASH_KEY": TEST_HASH_KEY}),
    ]
    for source in sources:
        assert "this-token" not in repr(source) and TEST_HASH_KEY not in repr(source) + str(source)


def test_master_key_derivation_is_pinned_by_known_answers() -> None:
    """HKDF-SHA256(master, salt=None, info=chat-anonymizer/v1/...) — changing it would break every join."""
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    def derive(info: bytes) -> bytes:
        return base64.urlsafe_b64encode(HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(b"m" * 40))

    ring = KeyRing.from_mapping({"ANONYMIZER_MASTER_KEY": "m" * 40}, "test")
    assert ring.hash_key == derive(b"chat-anonymizer/v1/hash-key")
    assert ring.encryption_keys == (derive(b"chat-anonymizer/v1/encryption-key"),)
    assert ring.hash_key_id == "60997ce14b48" and ring.encryption_key_ids == ["a8b963ba687e"]
    assert key_id(ring.encryption_keys[0]) == "a8b963ba687e"
    Fernet(ring.encryption_keys[0])


def test_same_key_for_hash_and_encryption_is_refused() -> None:
    with pytest.raises(KeyConfigError, match="separate keys"):
        KeyRing.from_mapping({"ANONYMIZER_HASH_KEY": TEST_FERNET_KEY, "ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}, "t")


def test_missing_hvac_or_azure_packages_give_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_extras(name: str, *args: object, **kwargs: object) -> object:
        if name == "hvac" or name.startswith("azure.keyvault"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_extras)
    monkeypatch.setenv("VAULT_TOKEN", "t")
    with pytest.raises(KeyConfigError, match=r"chat-anonymizer\[vault\]"):
        VaultKeySource(VaultSettings(url="http://127.0.0.1:1", path="a/b")).fetch()
    with pytest.raises(KeyConfigError, match=r"chat-anonymizer\[azure\]"):
        AzureKeyVaultKeySource(AzureSettings(vault_url="https://v.vault.azure.net"), credential=object()).fetch()



def test_a_pickled_key_ring_registers_its_keys_for_log_scrubbing_where_it_is_unpickled() -> None:
    import pickle

    from anonymizer import logsafe

    key = Fernet.generate_key().decode()
    ring = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": key}, "t")
    logsafe._secrets = tuple(s for s in logsafe._secrets if s != key)  # as in a fresh worker process
    assert key in logsafe.scrub(key)
    again = pickle.loads(pickle.dumps(ring))
    assert again == ring and repr(again) == repr(ring)
    assert logsafe.scrub(f"k={key}") == "k=<SECRET>"
