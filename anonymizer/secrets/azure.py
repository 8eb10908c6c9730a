"""Key source: Azure Key Vault secrets (`pip install 'chat-anonymizer[azure]'`).

One secret per key role, named `anonymizer-hash-key`, `anonymizer-encryption-keys` (comma-separated Fernet
keys, newest first) and `anonymizer-master-key` unless configured otherwise. A secret that does not exist
counts as "not set" (so a vault may hold only the master key); reaching none of them is an error.
Credentials come from `DefaultAzureCredential` (managed identity, workload identity, environment, Azure
CLI login): no credential is ever read from a config file.
"""

from __future__ import annotations

from typing import Any

from anonymizer.errors import KeyConfigError
from anonymizer.secrets.base import ROLE_TO_NAME, KeySource
from anonymizer.secrets.config import AzureSettings


class AzureKeyVaultKeySource(KeySource):
    """Reads the keys with `azure.keyvault.secrets.SecretClient`.

    `credential` and `client_options` exist for tests and unusual deployments (a sovereign cloud, a
    private CA); by default a `DefaultAzureCredential` is built.
    """

    kind = "azure"

    def __init__(
        self,
        settings: AzureSettings,
        *,
        credential: Any | None = None,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        self._credential = credential
        self._client_options = dict(client_options or {})

    def describe(self) -> str:
        return f"azure key vault {self.settings.vault_url}"

    def _client(self) -> Any:
        try:
            from azure.keyvault.secrets import SecretClient
        except ImportError:
            raise KeyConfigError(
                "the Azure key source needs azure-identity and azure-keyvault-secrets: "
                "pip install 'chat-anonymizer[azure]'"
            ) from None
        credential = self._credential
        if credential is None:
            from azure.identity import DefaultAzureCredential

            credential = DefaultAzureCredential(
                managed_identity_client_id=self.settings.managed_identity_client_id
            )
        return SecretClient(vault_url=self.settings.vault_url, credential=credential, **self._client_options)

    def fetch(self) -> dict[str, str]:
        from azure.core.exceptions import AzureError, ResourceNotFoundError

        client = self._client()
        out: dict[str, str] = {}
        try:
            for role, name in ROLE_TO_NAME.items():
                secret_name = self.settings.secret_for(role)
                version = self.settings.versions.get(role)
                try:
                    secret = client.get_secret(secret_name, version)
                except ResourceNotFoundError:
                    if version is not None:  # a pinned version must exist: a typo must not go unnoticed
                        raise KeyConfigError(
                            f"{self.describe()}: secret '{secret_name}' version {version} not found"
                        ) from None
                    continue
                except AzureError as exc:
                    raise KeyConfigError(
                        f"{self.describe()}: cannot read secret '{secret_name}' ({type(exc).__name__}"
                        f"{_status(exc)})"
                    ) from None
                if secret.value is not None:
                    out[name] = secret.value
        finally:
            client.close()
        if not out:
            names = ", ".join(self.settings.secret_for(role) for role in ROLE_TO_NAME)
            raise KeyConfigError(f"{self.describe()} holds none of the key secrets ({names})")
        return out


def _status(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    return f", HTTP {status}" if status else ""
