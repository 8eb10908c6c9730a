"""Tests for scripts/faker_probe.py: its command line, carriers, coverage rule and scoring (no model loaded)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "faker_probe.py"


@pytest.fixture(scope="module")
def probe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("faker_probe", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_help_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert proc.returncode == 0
    assert "--per-locale" in proc.stdout and "--show-misses" in proc.stdout


def test_render_places_the_value_and_reports_where(probe: ModuleType) -> None:
    text, value, start = probe.render("ship it to {}\nthanks", "ship", "12 High St\nLeeds LS1 1AA")
    assert text[start : start + len(value)] == value == "12 High St\nLeeds LS1 1AA"
    text, value, start = probe.render("I live at {}.", "one-line", "12 High St\n Leeds LS1 1AA")
    assert value == "12 High St, Leeds LS1 1AA" and text == "I live at 12 High St, Leeds LS1 1AA."
    _, value, _ = probe.render("send it to {} pls", "lower", "Via Roma 1")
    assert value == "via roma 1"


def test_covered_needs_every_non_space_character(probe: ModuleType) -> None:
    case = probe.Case("address", "xx", "alone", "12 High St\nLeeds", "12 High St\nLeeds", 0)
    assert probe.covered(case, [(0, 10), (11, 16)])  # the line break need not be covered
    assert not probe.covered(case, [(0, 10)])
    assert probe.covered(case, [(0, 16)])


def test_generate_is_repeatable_and_covers_every_kind(probe: ModuleType) -> None:
    first = probe.generate(["phone", "address", "postcode"], ["en_GB", "de_DE"], 3, seed=1)
    again = probe.generate(["phone", "address", "postcode"], ["en_GB", "de_DE"], 3, seed=1)
    assert [c.text for c in first] == [c.text for c in again]
    assert {(c.kind, c.locale) for c in first} == {(k, loc) for k in probe.KINDS for loc in ("en_GB", "de_DE")}
    for case in first:
        assert case.text[case.start : case.end] == case.value


def test_score_and_false_positives(probe: ModuleType) -> None:
    cases = [
        probe.Case("phone", "en_GB", "alone", "0151 496 0000", "0151 496 0000", 0),
        probe.Case("phone", "en_GB", "tel", "0151 496 0001", "Tel: 0151 496 0001", 5),
    ]
    tallies = probe.score(cases, [[(0, 13, "PHONE_NUMBER")], []])
    assert tallies["phone"]["ALL"].recall == 0.5
    assert tallies["phone"]["carrier:tel"].misses == [cases[1]]
    found = [[] for _ in probe.NOT_PII]
    found[0] = [(0, 2, "PERSON")]
    assert probe.false_positives(found) == [(probe.NOT_PII[0], probe.NOT_PII[0][:2], "PERSON")]
    text = probe.report(tallies, [], show_misses=1)
    assert "no-leak recall 0.500" in text and "0151 496 0001" in text
