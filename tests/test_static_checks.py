"""The offline security and quality gates run with the test suite: ruff (with its bandit-derived `S` rules)
over all code, and mypy --strict over the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_including_security_rules_passes() -> None:
    proc = subprocess.run(
        [str(BIN / "ruff"), "check", "anonymizer", "pipelines", "tests", "scripts", "bench", "examples"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_mypy_strict_on_the_library_passes() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
