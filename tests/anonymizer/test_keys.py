"""Keys: loading from env and key files, safety checks, HKDF derivation, encryption round trips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from anonymizer import KeyConfigError, KeyRing, MissingKeyError, RevealError
from anonymizer.keys import ENCRYPTED_PREFIX, generate_keys, key_id
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY


def write_key_file(path: Path, text: str, mode: int) -> Path:
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return path


def test_when_key_file_is_group_readable_then_it_is_refused(tmp_path: Path) -> None:
    path = write_key_file(tmp_path / "keys.env", f"ANONYMIZER_HASH_KEY={TEST_HASH_KEY}\n", 0o644)
    with pytest.raises(KeyConfigError, match="chmod 600") as info:
        KeyRing.from_file(path)
    assert TEST_HASH_KEY not in str(info.value)


def test_when_key_file_is_owner_only_then_keys_load(tmp_path: Path) -> None:
    path = write_key_file(
        tmp_path / "keys.env",
        f"# comment\n\nANONYMIZER_HASH_KEY={TEST_HASH_KEY}\nexport ANONYMIZER_ENCRYPTION_KEYS='{TEST_FERNET_KEY}'\n",
        0o600,
    )
    ring = KeyRing.from_file(path)
    assert ring.hash_key == TEST_HASH_KEY.encode()
    assert ring.encryption_keys == (TEST_FERNET_KEY.encode(),)


def test_when_key_file_line_is_unknown_then_error_does_not_echo_it(tmp_path: Path) -> None:
    path = write_key_file(tmp_path / "keys.env", "HASH_KEY=supersecretvalue-do-not-print\n", 0o600)
    with pytest.raises(KeyConfigError, match="line 1") as info:
        KeyRing.from_file(path)
    assert "supersecretvalue" not in str(info.value)


def test_when_key_is_short_or_malformed_then_clear_error_without_the_value() -> None:
    with pytest.raises(KeyConfigError, match="too short") as info:
        KeyRing.from_mapping({"ANONYMIZER_HASH_KEY": "short-secret"}, "test")
    assert "short-secret" not in str(info.value)
    with pytest.raises(KeyConfigError, match="entry 2 is not a valid Fernet key") as info2:
        KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": f"{TEST_FERNET_KEY},not-a-fernet-key"}, "test")
    assert "not-a-fernet-key" not in str(info2.value)


def test_repr_never_shows_key_material(keys: KeyRing) -> None:
    text = repr(keys) + str(keys)
    assert TEST_HASH_KEY not in text and TEST_FERNET_KEY not in text
    assert keys.hash_key_id in text


def test_key_ids_are_stable_fingerprints_not_keys() -> None:
    assert key_id(b"abc") == key_id(b"abc") != key_id(b"abd")
    assert len(key_id(b"abc")) == 12


def test_when_only_master_key_given_then_distinct_hash_and_encryption_keys_are_derived() -> None:
    ring = KeyRing.from_mapping({"ANONYMIZER_MASTER_KEY": "m" * 40}, "test")
    again = KeyRing.from_mapping({"ANONYMIZER_MASTER_KEY": "m" * 40}, "test")
    assert ring.hash_key is not None and ring.encryption_keys
    assert ring.hash_key == again.hash_key and ring.encryption_keys == again.encryption_keys
    assert ring.hash_key != ring.encryption_keys[0]
    Fernet(ring.encryption_keys[0])  # a valid Fernet key


def test_when_hash_key_missing_then_require_names_the_variable() -> None:
    with pytest.raises(MissingKeyError, match="ANONYMIZER_HASH_KEY"):
        KeyRing().require_hash_key()
    with pytest.raises(MissingKeyError, match="ANONYMIZER_ENCRYPTION_KEYS"):
        KeyRing().encrypt("x")


def test_encrypt_round_trip_and_key_id_tag(keys: KeyRing) -> None:
    token = keys.encrypt("Jane Doe")
    assert token.startswith(f"{ENCRYPTED_PREFIX}{keys.encryption_key_ids[0]}:")
    assert "Jane" not in token
    assert keys.decrypt(token) == "Jane Doe"


def test_when_decrypting_with_wrong_key_then_reveal_error(keys: KeyRing) -> None:
    token = keys.encrypt("Jane Doe")
    other = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": OTHER_FERNET_KEY}, "test")
    with pytest.raises(RevealError):
        other.decrypt(token)


def test_rotation_then_old_key_removed_still_decrypts(keys: KeyRing) -> None:
    token = keys.encrypt("Jane Doe")
    both = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": f"{OTHER_FERNET_KEY},{TEST_FERNET_KEY}"}, "t")
    rotated = both.rotate(token)
    new_only = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": OTHER_FERNET_KEY}, "t")
    assert rotated.split(":")[2] == new_only.encryption_key_ids[0]
    assert new_only.decrypt(rotated) == "Jane Doe"


def test_env_loading_and_key_file_precedence(tmp_path: Path) -> None:
    env = {"ANONYMIZER_HASH_KEY": TEST_HASH_KEY, "ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}
    assert KeyRing.from_env(env).hash_key == TEST_HASH_KEY.encode()
    path = write_key_file(tmp_path / "k.env", f"ANONYMIZER_ENCRYPTION_KEYS={OTHER_FERNET_KEY}\n", 0o600)
    ring = KeyRing.load(path, environ=env)
    assert ring.encryption_keys == (OTHER_FERNET_KEY.encode(),)
    assert ring.hash_key == TEST_HASH_KEY.encode()  # the file lacks it: the environment fills in


def test_generated_keys_are_valid_and_fresh() -> None:
    first, second = generate_keys(), generate_keys()
    assert first != second
    KeyRing.from_mapping(first, "generated")
