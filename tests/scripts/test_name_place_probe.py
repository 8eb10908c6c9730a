"""scripts/name_place_probe.py runs end to end on a few values and prints a no-leak figure per kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "name_place_probe.py"


def test_help_runs() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "--kinds" in proc.stdout and "--show-misses" in proc.stdout


def test_a_small_run_reports_every_kind_asked_for() -> None:
    env = {**os.environ, "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--kinds", "country", "first", "--per-locale", "1", "--show-misses", "2"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = {line.split()[0] for line in proc.stdout.splitlines() if line and not line.startswith(("(", " "))}
    assert {"country", "first"} <= lines
