"""Constants shared by tests (importable as `tests_support`; conftest puts tests/ on sys.path)."""

TEST_HASH_KEY = "test-hash-key-0123456789abcdef0123456789abcdef"
TEST_FERNET_KEY = "dGVzdC1mZXJuZXQta2V5LTAxMjM0NTY3ODlhYmNkZWY="  # base64 of 32 bytes
OTHER_FERNET_KEY = "b3RoZXItZmVybmV0LWtleS0wMTIzNDU2Nzg5YWJjZGU="
