"""Key source: the process environment (ANONYMIZER_HASH_KEY, ANONYMIZER_ENCRYPTION_KEYS, ANONYMIZER_MASTER_KEY)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from anonymizer.secrets.base import KEY_NAMES, KeySource


class EnvironmentKeySource(KeySource):
    """Reads the three key variables from the environment (or from a given mapping, for tests)."""

    kind = "env"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ

    def fetch(self) -> dict[str, str]:
        env = os.environ if self._environ is None else self._environ
        return {name: env[name] for name in KEY_NAMES if name in env}

    def describe(self) -> str:
        return "environment"
