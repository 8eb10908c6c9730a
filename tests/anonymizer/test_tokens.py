"""Token helpers: find, rotate and decrypt encrypted tokens in fields and text; blank tokens before re-scanning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymizer import KeyRing, RevealError
from anonymizer.tokens import decrypt_value, encrypted_key_ids, rotate_value, strip_tokens
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY

OLD = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": TEST_FERNET_KEY}, "t")
BOTH = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": f"{OTHER_FERNET_KEY},{TEST_FERNET_KEY}"}, "t")
NEW = KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": OTHER_FERNET_KEY}, "t")


def test_whole_field_and_embedded_tokens_rotate_and_decrypt() -> None:
    field = OLD.encrypt("Jane Doe")
    text = f"Hi <PERSON:{OLD.encrypt('Jane')}>, mail <EMAIL_ADDRESS:{OLD.encrypt('j@x.io')}> or <PHONE_NUMBER>"
    assert encrypted_key_ids(field) == OLD.encryption_key_ids
    assert encrypted_key_ids(text) == OLD.encryption_key_ids * 2

    new_field, n_field = rotate_value(field, BOTH)
    new_text, n_text = rotate_value(text, BOTH)
    assert (n_field, n_text) == (1, 2)
    assert encrypted_key_ids(new_text) == NEW.encryption_key_ids * 2
    assert decrypt_value(new_field, NEW) == ("Jane Doe", 1)
    assert decrypt_value(new_text, NEW) == ("Hi Jane, mail j@x.io or <PHONE_NUMBER>", 2)


def test_tokens_already_on_the_newest_key_are_left_as_they_are() -> None:
    value = f"<PERSON:{NEW.encrypt('a')}> and <PERSON:{OLD.encrypt('b')}>"
    rotated, count = rotate_value(value, BOTH)
    assert count == 1 and rotated.startswith(value.split(" and ")[0])


def test_decrypting_with_the_wrong_key_raises() -> None:
    with pytest.raises(RevealError, match="not among the configured keys"):
        decrypt_value(f"<PERSON:{OLD.encrypt('a')}>", NEW)


@pytest.mark.parametrize(
    "value",
    ["<PERSON>", "3f9a0b1c2d3e4f5a", "(***) ***-0123", "+* *** *** 0123", "**** **** **** 1111", "<USER_NAME>"],
)
def test_strip_blanks_operator_output(value: str) -> None:
    assert strip_tokens(value).strip() == ""


def test_strip_keeps_ordinary_text_and_offsets() -> None:
    text = f"Hi <PERSON:{OLD.encrypt('x')}>, call 415 555 0123 about <ORDER_ID>"
    stripped = strip_tokens(text)
    assert len(stripped) == len(text)
    assert stripped.startswith("Hi ") and "415 555 0123 about" in stripped and "ORDER_ID" not in stripped


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_strip_never_changes_length(text: str) -> None:
    assert len(strip_tokens(text)) == len(text)
