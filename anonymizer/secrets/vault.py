"""Key source: a HashiCorp Vault or OpenBao KV version 2 secret (`pip install 'chat-anonymizer[vault]'`).

The secret's fields `hash_key`, `encryption_keys` (comma-separated Fernet keys, newest first) and
`master_key` map to the three key variables. Rotating a key is writing a new version of the secret; with
`previous_versions: N` the encryption keys of the N versions before the one read are appended (decrypt
only), so `anonymizer rotate-keys` can move old data to the new key without anyone assembling a key list
by hand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from anonymizer.errors import KeyConfigError
from anonymizer.secrets.base import ROLE_ENCRYPTION, ROLE_TO_NAME, KeySource
from anonymizer.secrets.config import VaultSettings
from anonymizer.secrets.keyfile import check_owner_only

ADDRESS_ENVS = ("VAULT_ADDR", "BAO_ADDR")
TOKEN_ENVS = ("VAULT_TOKEN", "BAO_TOKEN")


class VaultKeySource(KeySource):
    """Reads the keys from one KV v2 secret. The token never leaves the hvac client; `repr()` shows the
    server and path only."""

    kind = "vault"

    def __init__(self, settings: VaultSettings, *, environ: dict[str, str] | None = None) -> None:
        self.settings = settings
        self._environ = environ

    # ---- helpers -----------------------------------------------------------------------------------
    def _env(self, name: str) -> str | None:
        env = os.environ if self._environ is None else self._environ
        value = env.get(name)
        return value.strip() if value and value.strip() else None

    @property
    def url(self) -> str | None:
        return self.settings.url or next((v for v in map(self._env, ADDRESS_ENVS) if v), None)

    def describe(self) -> str:
        return f"vault {self.url or '(no address)'} {self.settings.mount}/{self.settings.path}"

    def _token(self) -> str:
        s = self.settings
        if s.token_file is not None:
            check_owner_only(Path(s.token_file), "Vault token file")
            try:
                token = Path(s.token_file).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeError):
                raise KeyConfigError(f"cannot read Vault token file {s.token_file}") from None
            if token:
                return token
            raise KeyConfigError(f"Vault token file {s.token_file} is empty")
        names = (s.token_env,) if s.token_env else TOKEN_ENVS
        for name in names:
            value = self._env(name)
            if value:
                return value
        raise KeyConfigError(f"no Vault token: set {' or '.join(names)} (or keys.vault.token_file)")

    def _client(self) -> Any:
        try:
            import hvac
        except ImportError:
            raise KeyConfigError(
                "the Vault key source needs the 'hvac' package: pip install 'chat-anonymizer[vault]'"
            ) from None
        s = self.settings
        if not self.url:
            raise KeyConfigError(f"no Vault address: set keys.vault.url or {' / '.join(ADDRESS_ENVS)}")
        verify: bool | str = str(s.ca_cert) if s.ca_cert is not None else True
        client = hvac.Client(url=self.url, verify=verify, timeout=s.timeout, namespace=s.namespace)
        try:
            if s.auth == "token":
                client.token = self._token()
            elif s.auth == "approle":
                role_id, secret_id = self._env(s.role_id_env), self._env(s.secret_id_env)
                if not role_id or not secret_id:
                    raise KeyConfigError(
                        f"AppRole login needs {s.role_id_env} and {s.secret_id_env} in the environment"
                    )
                client.auth.approle.login(role_id=role_id, secret_id=secret_id, mount_point=s.approle_mount)
            else:
                if not s.kubernetes_role:
                    raise KeyConfigError("Kubernetes login needs keys.vault.kubernetes_role")
                try:
                    jwt = Path(s.jwt_file).read_text(encoding="utf-8").strip()
                except (OSError, UnicodeError):
                    raise KeyConfigError(f"cannot read the service-account token {s.jwt_file}") from None
                client.auth.kubernetes.login(role=s.kubernetes_role, jwt=jwt, mount_point=s.kubernetes_mount)
        except KeyConfigError:
            raise
        except Exception as exc:
            raise KeyConfigError(f"{self.describe()}: {s.auth} login failed ({_reason(exc)})") from None
        return client

    def _read(self, client: Any, version: int | None) -> tuple[dict[str, Any], int | None]:
        s = self.settings
        try:
            response = client.secrets.kv.v2.read_secret_version(
                path=s.path, version=version, mount_point=s.mount, raise_on_deleted_version=True
            )
        except Exception as exc:
            which = f" version {version}" if version else ""
            raise KeyConfigError(f"cannot read {self.describe()}{which} ({_reason(exc)})") from None
        data = response.get("data") or {}
        values = data.get("data") or {}
        current = (data.get("metadata") or {}).get("version")
        return (values if isinstance(values, dict) else {}), (int(current) if current else None)

    # ---- the interface -----------------------------------------------------------------------------
    def fetch(self) -> dict[str, str]:
        s = self.settings
        client = self._client()
        data, version = self._read(client, s.version)
        out: dict[str, str] = {}
        for role, name in ROLE_TO_NAME.items():
            value = data.get(s.field_for(role))
            if value is not None:
                if not isinstance(value, str):
                    raise KeyConfigError(f"{self.describe()}: field '{s.field_for(role)}' is not a string")
                out[name] = value
        if not out:
            fields = ", ".join(s.field_for(role) for role in ROLE_TO_NAME)
            raise KeyConfigError(f"{self.describe()} holds none of the key fields ({fields})")
        if s.previous_versions and version is not None:
            keys = [k for k in out.get(ROLE_TO_NAME[ROLE_ENCRYPTION], "").split(",") if k.strip()]
            for older in range(version - 1, max(version - 1 - s.previous_versions, 0), -1):
                try:
                    old, _ = self._read(client, older)
                except KeyConfigError:
                    continue  # a destroyed or deleted version: its data cannot be decrypted anyway
                extra = old.get(s.field_for(ROLE_ENCRYPTION))
                for key in (extra.split(",") if isinstance(extra, str) else []):
                    if key.strip() and key.strip() not in keys:
                        keys.append(key.strip())
            if keys:
                out[ROLE_TO_NAME[ROLE_ENCRYPTION]] = ",".join(keys)
        return out


def _reason(exc: Exception) -> str:
    """The exception's class name and HTTP status only: hvac messages can echo request details."""
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    return f"{type(exc).__name__}{f', HTTP {status}' if status else ''}"
