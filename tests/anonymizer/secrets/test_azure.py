"""The Azure Key Vault key source: the real `SecretClient` against a local HTTPS stand-in for Key Vault.

No Key Vault emulator exists, so this module starts a small HTTPS server on 127.0.0.1 (a self-signed
certificate made here with `cryptography`) that answers the calls the key source makes, as Key Vault
does: a request without a token gets `401` with a `WWW-Authenticate: Bearer` challenge; with the token it
gets the secret (latest or a given version) or `404 SecretNotFound`. The credential is a fake
`TokenCredential`. What this does not test: Entra ID sign-in (`DefaultAzureCredential`), Key Vault's
access policies / RBAC, and the real service's responses beyond these calls.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from anonymizer import KeyConfigError, KeyRing
from anonymizer.secrets import AzureKeyVaultKeySource, AzureSettings
from tests_support import OTHER_FERNET_KEY, TEST_FERNET_KEY, TEST_HASH_KEY

pytest.importorskip("azure.keyvault.secrets", reason="azure-keyvault-secrets is not installed ('chat-anonymizer[azure]')")
pytest.importorskip("azure.identity", reason="azure-identity is not installed ('chat-anonymizer[azure]')")

from azure.core.credentials import AccessToken

BEARER = "fake-access-token-for-tests"
TENANT = "00000000-0000-0000-0000-000000000000"


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class FakeKeyVault:
    """Secrets by name, each a list of (version, value), newest last; and a log of the requests seen."""

    def __init__(self) -> None:
        self.secrets: dict[str, list[tuple[str, str]]] = {}
        self.requests: list[tuple[str, bool]] = []  # (path, had a bearer token)
        self.base = ""

    def set(self, name: str, value: str) -> str:
        version = f"v{len(self.secrets.get(name, [])) + 1:032d}"
        self.secrets.setdefault(name, []).append((version, value))
        return version

    def handler(self) -> type[BaseHTTPRequestHandler]:
        vault = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def reply(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                path = urlparse(self.path).path
                authorized = self.headers.get("Authorization") == f"Bearer {BEARER}"
                vault.requests.append((path.rstrip("/"), authorized))
                if not authorized:
                    challenge = (f'Bearer authorization="https://login.microsoftonline.com/{TENANT}", '
                                 'resource="https://vault.azure.net"')
                    self.reply(401, {"error": {"code": "Unauthorized", "message": "AKV10000"}},
                               {"WWW-Authenticate": challenge})
                    return
                parts = [p for p in path.split("/") if p]
                if len(parts) in (2, 3) and parts[0] == "secrets":
                    versions = vault.secrets.get(parts[1], [])
                    wanted = parts[2] if len(parts) == 3 else None
                    found = [v for v in versions if wanted in (None, v[0])]
                    if found:
                        version, value = found[-1]
                        self.reply(200, {"value": value, "id": f"{vault.base}/secrets/{parts[1]}/{version}",
                                         "attributes": {"enabled": True, "created": 1767225600,
                                                        "updated": 1767225600}})
                        return
                self.reply(404, {"error": {"code": "SecretNotFound",
                                           "message": f"A secret with (name/id) {parts[-1]} was not found"}})

        return Handler


class FakeCredential:
    """A `TokenCredential` that hands out one fixed token and records the scopes it was asked for."""

    def __init__(self) -> None:
        self.scopes: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(BEARER, int(time.time()) + 3600)


@pytest.fixture(scope="module")
def key_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeKeyVault, Path]]:
    folder = tmp_path_factory.mktemp("fake-key-vault")
    cert, key = self_signed_cert(folder)
    vault = FakeKeyVault()
    server = ThreadingHTTPServer(("127.0.0.1", 0), vault.handler())
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    vault.base = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield vault, cert
    finally:
        server.shutdown()
        server.server_close()


def make_source(key_vault: tuple[FakeKeyVault, Path], credential: Any = None, **settings: Any) -> AzureKeyVaultKeySource:
    vault, cert = key_vault
    return AzureKeyVaultKeySource(
        AzureSettings(vault_url=vault.base, **settings),
        credential=credential or FakeCredential(),
        # The stand-in is not under vault.azure.net, so the challenge's resource cannot match its host; and it
        # is trusted through its own certificate rather than a public CA.
        client_options={"verify_challenge_resource": False, "connection_verify": str(cert)},
    )


def test_keys_are_read_after_the_bearer_challenge(key_vault: tuple[FakeKeyVault, Path]) -> None:
    vault, _ = key_vault
    vault.set("anonymizer-hash-key", TEST_HASH_KEY)
    vault.set("anonymizer-encryption-keys", TEST_FERNET_KEY)
    credential = FakeCredential()
    vault.requests.clear()
    ring = KeyRing.from_source(make_source(key_vault, credential))
    assert ring.hash_key == TEST_HASH_KEY.encode() and ring.encryption_keys == (TEST_FERNET_KEY.encode(),)
    assert vault.requests[0] == ("/secrets/anonymizer-hash-key", False)  # the unauthenticated probe: 401
    assert vault.requests[1] == ("/secrets/anonymizer-hash-key", True)
    assert credential.scopes and credential.scopes[0] == ("https://vault.azure.net/.default",)
    # A missing master-key secret is "not set", not an error.
    assert ("/secrets/anonymizer-master-key", True) in vault.requests
    assert ring.source == f"azure key vault {vault.base}"


def test_latest_version_is_read_and_a_pinned_version_too(key_vault: tuple[FakeKeyVault, Path]) -> None:
    vault, _ = key_vault
    first = vault.set("rot-enc", TEST_FERNET_KEY)
    vault.set("rot-enc", f"{OTHER_FERNET_KEY},{TEST_FERNET_KEY}")  # rotation: new key first, old kept
    names = {"encryption_keys": "rot-enc", "hash_key": "rot-hash", "master_key": "rot-master"}
    latest = KeyRing.from_source(make_source(key_vault, secrets=names))
    assert latest.encryption_keys == (OTHER_FERNET_KEY.encode(), TEST_FERNET_KEY.encode())
    pinned = KeyRing.from_source(make_source(key_vault, secrets=names, versions={"encryption_keys": first}))
    assert pinned.encryption_keys == (TEST_FERNET_KEY.encode(),)


def test_not_found_pinned_version_and_empty_vault_fail_clearly(key_vault: tuple[FakeKeyVault, Path]) -> None:
    names = {"encryption_keys": "nothing-1", "hash_key": "nothing-2", "master_key": "nothing-3"}
    with pytest.raises(KeyConfigError, match="holds none of the key secrets"):
        make_source(key_vault, secrets=names).fetch()
    with pytest.raises(KeyConfigError, match="version v9 not found"):
        make_source(key_vault, versions={"hash_key": "v9"}).fetch()


def test_a_refused_token_fails_without_showing_it(key_vault: tuple[FakeKeyVault, Path]) -> None:
    class WrongCredential(FakeCredential):
        def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
            return AccessToken("a-token-the-vault-refuses", int(time.time()) + 3600)

    with pytest.raises(KeyConfigError, match="cannot read secret 'anonymizer-hash-key'") as info:
        make_source(key_vault, WrongCredential()).fetch()
    assert "a-token-the-vault-refuses" not in str(info.value)


def test_a_bad_key_in_the_vault_is_refused_at_start_up(key_vault: tuple[FakeKeyVault, Path]) -> None:
    vault, _ = key_vault
    vault.set("bad-enc", "not-a-fernet-key")
    with pytest.raises(KeyConfigError, match="not a valid Fernet key") as info:
        KeyRing.from_source(make_source(key_vault, secrets={"encryption_keys": "bad-enc"}))
    assert "not-a-fernet-key" not in str(info.value)
