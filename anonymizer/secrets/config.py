"""Key-source configuration: *where* the keys are (a `keys:` section or a `--key-source` spec), never the keys.

    keys:
      source: vault                      # env | file | vault | azure
      vault:
        url: https://vault.example.com:8200   # default: $VAULT_ADDR, then $BAO_ADDR
        mount: secret                    # the KV v2 engine's mount point
        path: chat-anonymizer/prod       # fields hash_key, encryption_keys, master_key
        previous_versions: 1             # also keep the encryption keys of the version before (rotation)
        auth: token                      # token (from $VAULT_TOKEN / $BAO_TOKEN) | approle | kubernetes

Every setting names a location or the *name* of an environment variable or file that holds a credential;
unknown settings are refused, so a token or key pasted into this file is an error rather than a secret
at rest in a config repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from anonymizer.errors import KeyConfigError
from anonymizer.secrets.base import ROLE_ENCRYPTION, ROLE_HASH, ROLE_MASTER, ROLE_TO_NAME, KeySource

SOURCE_KINDS = ("env", "file", "vault", "azure")
_ROLES = tuple(ROLE_TO_NAME)


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_roles(value: dict[str, str]) -> dict[str, str]:
    for role in value:
        if role not in _ROLES:
            raise ValueError(f"'{role}' is not a key role (expected one of: {', '.join(_ROLES)})")
    return value


class VaultSettings(_Settings):
    """A HashiCorp Vault or OpenBao KV version 2 secret holding the keys."""

    url: str | None = Field(None, description="Server address; default $VAULT_ADDR, then $BAO_ADDR.")
    mount: str = Field("secret", description="Mount point of the KV v2 secrets engine.")
    path: str = Field(description="Secret path under the mount, e.g. chat-anonymizer/prod.")
    version: int | None = Field(None, ge=1, description="Read this version instead of the latest.")
    previous_versions: int = Field(
        0, ge=0, le=20, description="Also load the encryption keys of this many earlier versions (for decrypt/rotate)."
    )
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="Role -> field name in the secret, if not hash_key/encryption_keys/master_key.",
    )
    auth: Literal["token", "approle", "kubernetes"] = Field("token", description="How to log in.")
    token_env: str | None = Field(None, description="Variable holding the token; default VAULT_TOKEN, then BAO_TOKEN.")
    token_file: Path | None = Field(None, description="File holding the token (mode 600), e.g. a Vault Agent sink.")
    role_id_env: str = Field("VAULT_ROLE_ID", description="AppRole: variable holding the role id.")
    secret_id_env: str = Field("VAULT_SECRET_ID", description="AppRole: variable holding the secret id.")
    approle_mount: str = Field("approle", description="AppRole auth mount point.")
    kubernetes_role: str | None = Field(None, description="Kubernetes auth: the Vault role to log in as.")
    kubernetes_mount: str = Field("kubernetes", description="Kubernetes auth mount point.")
    jwt_file: Path = Field(
        Path("/var/run/secrets/kubernetes.io/serviceaccount/token"),
        description="Kubernetes auth: the service-account token file.",
    )
    namespace: str | None = Field(None, description="Vault Enterprise / OpenBao namespace.")
    ca_cert: Path | None = Field(None, description="CA bundle to verify the server certificate.")
    timeout: float = Field(10.0, gt=0, description="Seconds per request.")

    @field_validator("fields")
    @classmethod
    def _known_roles(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_roles(value)

    def field_for(self, role: str) -> str:
        return self.fields.get(role, role)


class AzureSettings(_Settings):
    """Azure Key Vault secrets holding the keys (one secret per key role)."""

    vault_url: str = Field(description="The vault's URL, e.g. https://my-vault.vault.azure.net.")
    secrets: dict[str, str] = Field(
        default_factory=dict,
        description="Role -> secret name; default anonymizer-hash-key, anonymizer-encryption-keys, "
        "anonymizer-master-key.",
    )
    versions: dict[str, str] = Field(
        default_factory=dict, description="Role -> pinned secret version (default: latest)."
    )
    managed_identity_client_id: str | None = Field(
        None, description="Client id of a user-assigned managed identity for DefaultAzureCredential."
    )

    @field_validator("secrets", "versions")
    @classmethod
    def _known_roles(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_roles(value)

    def secret_for(self, role: str) -> str:
        return self.secrets.get(role, "anonymizer-" + role.replace("_", "-"))


class KeySourceConfig(_Settings):
    """Which key source a run uses and where it is. Holds locations and names only, never a key."""

    source: Literal["env", "file", "vault", "azure"] = Field("env", description="Where the keys come from.")
    file: Path | None = Field(None, description="source: file — the NAME=value key file (mode 600).")
    vault: VaultSettings | None = Field(None, description="source: vault — the KV v2 secret.")
    azure: AzureSettings | None = Field(None, description="source: azure — the Key Vault secrets.")

    @model_validator(mode="after")
    def _source_is_configured(self) -> KeySourceConfig:
        settings = {"file": self.file, "vault": self.vault, "azure": self.azure}
        if self.source in settings and settings[self.source] is None:
            raise ValueError(f"source is '{self.source}' but there is no '{self.source}' setting")
        return self

    # ---- construction ------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Any, origin: str = "key config") -> KeySourceConfig:
        if not isinstance(data, dict):
            raise KeyConfigError(f"{origin}: the key configuration must be a mapping")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = [
                f"keys.{'.'.join(str(p) for p in e['loc'])}: "
                + ("unknown setting (key sources hold locations and names, never secrets)"
                   if e["type"] == "extra_forbidden" else str(e["msg"]).removeprefix("Value error, "))
                for e in exc.errors(include_url=False, include_input=False)
            ]
            raise KeyConfigError(f"{origin}: invalid key configuration:\n  " + "\n  ".join(problems)) from None

    @classmethod
    def load(cls, path: str | Path) -> KeySourceConfig:
        """Read the `keys:` section of a YAML file (a job or deployment config; never the policy)."""
        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeError):
            raise KeyConfigError(f"cannot read key configuration {p}") from None
        except yaml.YAMLError:
            # PyYAML's message quotes the offending line, which might be a pasted secret.
            raise KeyConfigError(f"key configuration {p} is not valid YAML") from None
        if not isinstance(data, dict) or "keys" not in data:
            raise KeyConfigError(f"key configuration {p} has no 'keys:' section")
        return cls.from_dict(data["keys"], origin=str(p))

    @classmethod
    def parse(cls, spec: str) -> KeySourceConfig:
        """A compact source spec, for the command line:

        `env`; `file:PATH`; `vault:MOUNT/PATH` (server from $VAULT_ADDR, token from $VAULT_TOKEN);
        `azure:https://NAME.vault.azure.net` (default secret names, DefaultAzureCredential).
        """
        kind, _, rest = spec.partition(":")
        kind = kind.strip().lower()
        if kind == "env" and not rest:
            return cls(source="env")
        if kind == "file" and rest:
            return cls(source="file", file=Path(rest))
        if kind == "vault" and "/" in rest.strip("/"):
            mount, _, path = rest.strip("/").partition("/")
            return cls(source="vault", vault=VaultSettings(mount=mount, path=path))
        if kind == "azure" and rest.startswith("https://"):
            return cls(source="azure", azure=AzureSettings(vault_url=rest))
        raise KeyConfigError(
            f"key source '{kind or spec}' not understood: expected env, file:PATH, vault:MOUNT/PATH or "
            "azure:https://NAME.vault.azure.net"
        )

    def build(self) -> KeySource:
        """The key source this configuration describes (Vault and Azure clients are imported lazily)."""
        if self.source == "file":
            from anonymizer.secrets.keyfile import KeyFileKeySource

            assert self.file is not None
            return KeyFileKeySource(self.file)
        if self.source == "vault":
            from anonymizer.secrets.vault import VaultKeySource

            assert self.vault is not None
            return VaultKeySource(self.vault)
        if self.source == "azure":
            from anonymizer.secrets.azure import AzureKeyVaultKeySource

            assert self.azure is not None
            return AzureKeyVaultKeySource(self.azure)
        from anonymizer.secrets.env import EnvironmentKeySource

        return EnvironmentKeySource()


__all__ = ["ROLE_ENCRYPTION", "ROLE_HASH", "ROLE_MASTER", "AzureSettings", "KeySourceConfig", "VaultSettings"]
