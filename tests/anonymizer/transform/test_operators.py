"""Operators: known-answer vectors (fixed keys -> known outputs), normalization, and safety properties."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymizer import KeyRing, MissingKeyError
from anonymizer.policy import EncryptSpec, HashSpec, KeepSpec, MaskSpec, RedactSpec, ReplaceSpec
from anonymizer.transform.normalize import normalize, normalize_phone
from anonymizer.transform.operators import HASH_DOMAIN, Target, build_operator
from tests_support import OTHER_FERNET_KEY, TEST_HASH_KEY

TEXT = Target(entity_type="EMAIL_ADDRESS")
FIELD = Target(entity_type=None, field="user_email")

# Known answers for TEST_HASH_KEY, computed independently:
#   hmac.new(key, b"chat-anonymizer/v1/pseudonym\x00" + canonical, sha256).hexdigest()[:16]
KNOWN_TOKENS = {
    ("EMAIL_ADDRESS", "John.Smith@Example.com "): "c549576cab4d8915",
    ("PHONE_NUMBER", "(415) 555-0123"): "f68bac2948bc46d8",
    ("PERSON", "Jane  DOE"): "39387c596de2db0f",
}


def hash_op(keys: KeyRing, **kwargs: object):  # type: ignore[no-untyped-def]
    return build_operator(HashSpec(operator="hash", **kwargs), keys)  # type: ignore[arg-type]


@pytest.mark.parametrize(("entity_value", "expected"), list(KNOWN_TOKENS.items()))
def test_hash_known_answer_vectors(keys: KeyRing, entity_value: tuple[str, str], expected: str) -> None:
    entity, value = entity_value
    op = hash_op(keys)
    assert op.operate(value, Target(entity_type=entity, field="f")) == expected
    assert op.operate(value, Target(entity_type=entity)) == f"<{entity}:{expected}>"


def test_hash_is_hmac_of_the_normalized_value_not_a_plain_digest(keys: KeyRing) -> None:
    canonical = b"john.smith@example.com"
    expected = hmac.new(TEST_HASH_KEY.encode(), HASH_DOMAIN + canonical, hashlib.sha256).hexdigest()[:16]
    assert hash_op(keys).operate("JOHN.SMITH@example.com", FIELD) == expected
    assert expected != hashlib.sha256(canonical).hexdigest()[:16]


def test_same_value_typed_differently_gets_the_same_token(keys: KeyRing) -> None:
    op = hash_op(keys)
    phone = Target(entity_type="PHONE_NUMBER")
    tokens = {op.operate(v, phone) for v in ["(415) 555-0123", "415.555.0123", "+1 415 555 0123", "4155550123"]}
    assert len(tokens) == 1
    card = Target(entity_type="CREDIT_CARD")
    assert op.operate("4111 1111 1111 1111", card) == op.operate("4111-1111-1111-1111", card)


def test_field_without_entity_type_is_normalized_by_shape(keys: KeyRing) -> None:
    op = hash_op(keys)
    assert op.operate("Jane@Example.COM", FIELD) == op.operate("jane@example.com", Target("EMAIL_ADDRESS", "x"))


def test_different_keys_give_different_tokens(keys: KeyRing) -> None:
    other = KeyRing.from_mapping({"ANONYMIZER_HASH_KEY": "another-test-hash-key-0123456789abcdef0123"}, "t")
    assert hash_op(keys).operate("a@b.co", FIELD) != hash_op(other).operate("a@b.co", FIELD)


def test_hash_length_is_configurable(keys: KeyRing) -> None:
    assert len(hash_op(keys, length=32).operate("a@b.co", FIELD)) == 32


def test_when_hash_key_missing_then_hash_refuses() -> None:
    op = build_operator(HashSpec(operator="hash"), KeyRing())
    with pytest.raises(MissingKeyError):
        op.validate()


def test_when_key_missing_then_encrypt_refuses() -> None:
    op = build_operator(EncryptSpec(operator="encrypt"), KeyRing())
    with pytest.raises(MissingKeyError):
        op.validate()


def test_encrypt_decrypts_back_with_the_key(keys: KeyRing) -> None:
    op = build_operator(EncryptSpec(operator="encrypt"), keys)
    token = op.operate("Jane Doe", FIELD)
    assert token is not None and "Jane" not in token
    assert keys.decrypt(token) == "Jane Doe"
    in_text = op.operate("Jane Doe", Target("PERSON"))
    assert in_text is not None and in_text.startswith("<PERSON:enc:v1:")
    assert keys.decrypt(in_text[len("<PERSON:") : -1]) == "Jane Doe"
    with pytest.raises(Exception, match="could not be decrypted"):
        KeyRing.from_mapping({"ANONYMIZER_ENCRYPTION_KEYS": OTHER_FERNET_KEY}, "t").decrypt(token)


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("(415) 555-0123", {"keep_last": 4}, "(***) ***-0123"),
        ("4111 1111 1111 1111", {"keep_last": 4}, "**** **** **** 1111"),
        ("jane@example.com", {}, "****@*******.***"),
        ("AB12", {"keep_last": 4}, "**12"),  # never reveals more than half
        ("Jane", {"keep_first": 1, "char": "#"}, "J###"),
    ],
)
def test_mask_known_answers(keys: KeyRing, value: str, kwargs: dict[str, object], expected: str) -> None:
    assert build_operator(MaskSpec(operator="mask", **kwargs), keys).operate(value, TEXT) == expected  # type: ignore[arg-type]


def test_replace_redact_keep(keys: KeyRing) -> None:
    assert build_operator(ReplaceSpec(operator="replace"), keys).operate("x@y.z", TEXT) == "<EMAIL_ADDRESS>"
    assert build_operator(ReplaceSpec(operator="replace"), keys).operate("x@y.z", FIELD) == "<USER_EMAIL>"
    assert build_operator(ReplaceSpec(operator="replace", value="[gone]"), keys).operate("x", TEXT) == "[gone]"
    assert build_operator(RedactSpec(operator="redact"), keys).operate("x", TEXT) == ""
    assert build_operator(RedactSpec(operator="redact"), keys).operate("x", FIELD) is None
    assert build_operator(KeepSpec(operator="keep"), keys).operate("x", TEXT) == "x"


@given(st.text(min_size=1, max_size=40), st.integers(0, 10), st.integers(0, 10))
def test_mask_property_keeps_length_and_hides_at_least_half(value: str, last: int, first: int) -> None:
    masked = build_operator(MaskSpec(operator="mask", keep_last=last, keep_first=first), KeyRing()).operate(value, TEXT)
    assert masked is not None and len(masked) == len(value)
    alnum = sum(c.isalnum() for c in value)
    shown = sum(1 for a, b in zip(value, masked, strict=True) if a == b and a.isalnum())
    assert shown <= min(last, alnum // 2) + min(first, alnum // 2)


def test_normalize_phone_falls_back_to_digits_when_unparseable() -> None:
    assert normalize_phone("12") == "12"
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    assert normalize("  Foo   BAR ", None) == "foo bar"
