"""`anonymizer eval` end to end, and quality floors on the committed samples measured by the same code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from anonymizer import Policy
from anonymizer.detect.engine import Detector
from anonymizer.evaluation import OURS, evaluation_anonymizer
from pipelines.cli import EXIT_CONFIG, EXIT_OK, app
from pipelines.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
runner = CliRunner()

RECORDS = [
    {"conversation_id": "c1", "message_id": "c1-0", "speaker": "agent", "text": "What's your zip code?"},
    {"conversation_id": "c1", "message_id": "c1-1", "speaker": "customer", "text": "94107"},
    {"conversation_id": "c1", "message_id": "c1-2", "speaker": "customer", "text": "and mail me at jane.doe@example.com"},
    {"conversation_id": "c2", "message_id": "c2-0", "speaker": "customer", "text": "see you on Thursday"},
]
GOLD = [
    {"message_id": "c1-1", "start": 0, "end": 5, "entity_type": "ZIP_CODE"},
    {"message_id": "c1-2", "start": 15, "end": 35, "entity_type": "EMAIL_ADDRESS", "value": "jane.doe@example.com"},
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_help_shows_an_example() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "anonymizer eval" in result.output


@pytest.mark.slow
def test_eval_scores_ours_and_vanilla_presidio_side_by_side_and_writes_json(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "chats.jsonl", RECORDS)
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    out = tmp_path / "report.json"
    result = runner.invoke(
        app,
        ["eval", str(inputs), "--gold", str(gold), "--out", str(out), "--baseline", "presidio", "--show-errors", "3"],
        catch_exceptions=False,
    )
    assert result.exit_code == EXIT_OK, result.output
    assert "== chat-anonymizer" in result.output and "== presidio" in result.output
    assert "no-leak recall" in result.output and "worst misses" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    ours, vanilla = report["systems"][OURS], report["systems"]["presidio"]
    assert report["messages"] == 4 and report["gold_spans"] == 2
    # The zip code is only findable from the agent's question: ours finds it, vanilla Presidio does not.
    assert ours["per_type"]["ZIP_CODE"]["exact"]["recall"] == 1.0
    assert vanilla["per_type"]["ZIP_CODE"]["exact"]["recall"] == 0.0
    assert ours["overall"]["no_leak"]["no_leak_recall"] == 1.0
    assert "errors" in report


def test_eval_without_show_errors_quotes_no_text(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "chats.jsonl", RECORDS)
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", str(inputs), "--gold", str(gold), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    for secret in ("94107", "jane.doe", "Thursday"):
        assert secret not in result.output and secret not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--baseline", "spacy"], "unknown --baseline"), (["--gold", "missing.jsonl"], "gold file not found")],
)
def test_eval_refuses_bad_arguments_with_exit_2(tmp_path: Path, extra: list[str], message: str) -> None:
    inputs = write_jsonl(tmp_path / "chats.jsonl", RECORDS)
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    result = runner.invoke(app, ["eval", str(inputs), "--gold", str(gold), *extra])
    assert result.exit_code == EXIT_CONFIG
    assert message in result.output


# Floors set from measurements (2026-11-29) minus 0.02: a change that makes detection on the samples
# clearly worse fails here. Raise them when detection improves; never lower them to make a change pass.
SAMPLE_FLOORS = {"no_leak_recall": 0.974 - 0.02, "overlap_f2": 0.932 - 0.02, "overlap_precision": 0.861 - 0.02}


def test_detection_on_the_samples_does_not_regress_below_the_measured_floors(detector: Detector) -> None:
    report = evaluate(
        [SAMPLES / "transcripts.jsonl"], SAMPLES / "transcripts.gold.jsonl", evaluation_anonymizer(Policy.default(), detector=detector)
    )
    scores = report.system(OURS).scores
    measured = {
        "no_leak_recall": scores.no_leak_total().recall,
        "overlap_f2": scores.total("overlap").f2,
        "overlap_precision": scores.total("overlap").precision,
    }
    for name, floor in SAMPLE_FLOORS.items():
        value = measured[name]
        assert value is not None and value >= floor, f"{name} {value} < floor {floor:.3f}"
