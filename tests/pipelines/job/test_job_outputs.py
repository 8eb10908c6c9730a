"""What a job run leaves for people and machines: retention, the Prometheus file, JSON logs, the CLI contract."""

from __future__ import annotations

import io
import json
import logging
import math
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from job_helpers import CANARY_EMAIL, CANARY_PHONE, messages, read_dataset, report_json, run, write_export
from typer.testing import CliRunner

from anonymizer import Anonymizer
from pipelines.cli import app
from pipelines.job import Manifest, configure_logging
from pipelines.job.report import prometheus_text
from pipelines.job.state import MANIFEST_NAME
from pipelines.write.dataset import NULL_PARTITION

# ---- Prometheus text exposition format (0.0.4), checked strictly ---------------------------------------------
_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_LABEL_VALUE = r'"(?:[^"\\\n]|\\[\\"n])*"'
_SAMPLE = re.compile(
    rf"^(?P<name>{_NAME})(?:\{{(?P<labels>[a-zA-Z_][a-zA-Z0-9_]*={_LABEL_VALUE}(?:,[a-zA-Z_][a-zA-Z0-9_]*={_LABEL_VALUE})*)?\}})?"
    r" (?P<value>[^ ]+)(?: -?\d+)?$"
)
_TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def parse_exposition(text: str) -> dict[str, list[tuple[str, float]]]:
    """Samples by metric name; fails on anything a Prometheus textfile collector would reject."""
    assert text.endswith("\n")
    helps: set[str] = set()
    types: dict[str, str] = {}
    samples: dict[str, list[tuple[str, float]]] = {}
    finished: set[str] = set()
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# HELP "):
            name = line.split(" ", 3)[2]
            assert re.fullmatch(_NAME, name) and name not in helps, f"line {number}: {line}"
            helps.add(name)
        elif line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            assert kind in _TYPES and name not in types and name not in samples, f"line {number}: {line}"
            types[name] = kind
        elif line.startswith("#") or not line.strip():
            continue
        else:
            match = _SAMPLE.match(line)
            assert match, f"line {number} is not a sample: {line!r}"
            name = match.group("name")
            assert name in types, f"line {number}: sample before its TYPE"
            assert name not in finished, f"line {number}: samples of {name} are not grouped"
            if current is not None and current != name:
                finished.add(current)
            current = name
            value = float(match.group("value"))  # NaN, +Inf and -Inf parse too
            assert not math.isnan(value) or match.group("value") == "NaN"
            series = match.group("labels") or ""
            assert series not in [s for s, _ in samples.get(name, [])], f"line {number}: duplicate series"
            samples.setdefault(name, []).append((series, value))
    assert set(types) <= helps | set(types)
    return samples


def test_the_prom_file_is_valid_exposition_format_with_the_report_counters(
    dirs: dict[str, Path], anon: Anonymizer
) -> None:
    write_export(dirs["exports"] / "a.jsonl", [*messages("a", 6), "{broken", {"conversation_id": "c"}])
    result = run(dirs, anon, metrics_file=dirs["state"].parent / "textfile" / "chat_anonymizer.prom")
    text = (result.report_dir / "metrics.prom").read_text()

    samples = parse_exposition(text)

    data = report_json(result)
    assert samples["chat_anonymizer_job_rows_read"] == [("", 8.0)]
    assert samples["chat_anonymizer_job_rows_written"] == [("", float(data["totals"]["rows_written"]))]
    assert dict(samples["chat_anonymizer_job_rows_quarantined_by_reason"]) == {
        'reason="malformed_json"': 1.0, 'reason="missing_field:message_id"': 1.0,
    }
    assert dict(samples["chat_anonymizer_job_findings"])['entity_type="EMAIL_ADDRESS"'] == 2.0
    assert dict(samples["chat_anonymizer_job_inputs"])['action="processed"'] == 1.0
    assert samples["chat_anonymizer_job_last_run_exit_code"] == [("", 0.0)]
    assert (dirs["state"].parent / "textfile" / "chat_anonymizer.prom").read_text() == text
    if shutil.which("promtool"):  # the real checker, where installed
        check = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_prom_label_values_are_escaped() -> None:
    data = {
        "totals": {"rows_read": 0, "rows_written": 0, "rows_quarantined": 0, "rows_unanalysed": 0,
                   "quarantined_by_reason": {}},
        "finished_at": "2026-03-01T00:00:00+00:00", "seconds": 0.5, "exit_code": 0, "run_id": "r",
        "inputs": {"seen": 0, "processed": 0}, "findings_by_entity": {},
        "findings_by_speaker": {'odd "speaker"\\with\nnewline': 2}, "retention": {"deleted": []},
    }
    samples = parse_exposition(prometheus_text(data))
    assert samples["chat_anonymizer_job_findings_by_speaker"] == [(r'speaker="odd \"speaker\"\\with\nnewline"', 2.0)]
    assert samples["chat_anonymizer_job_last_run_duration_seconds"] == [("", 0.5)]


def test_json_logs_are_one_object_per_line_with_the_run_id_and_no_pii(
    dirs: dict[str, Path], anon: Anonymizer
) -> None:
    write_export(dirs["exports"] / "a.jsonl", [*messages("a", 4), "{broken"])
    stream = io.StringIO()
    configure_logging("json", stream=stream)
    try:
        result = run(dirs, anon)
    finally:
        logging.getLogger("chat_anonymizer").handlers = []
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) >= 4
    assert all(set(e) >= {"ts", "level", "logger", "message", "run_id"} for e in entries)
    assert {e["run_id"] for e in entries} == {result.run_id}
    assert any(e.get("event") == "input_done" and e["rows_written"] == 4 for e in entries)
    assert CANARY_EMAIL not in stream.getvalue() and CANARY_PHONE not in stream.getvalue()


def test_retention_deletes_old_partitions_quarantine_and_reports_and_names_them(
    dirs: dict[str, Path], anon: Anonymizer, caplog: pytest.LogCaptureFixture
) -> None:
    days = [f"2026-03-{d:02d}" for d in range(1, 10)]
    write_export(dirs["exports"] / "a.jsonl", [*messages("a", 18, days=days, undated=1), "{broken"])
    first = run(dirs, anon, now=datetime(2026, 2, 1, tzinfo=UTC))
    old = datetime(2026, 2, 1, tzinfo=UTC).timestamp()
    quarantine = next((dirs["out"] / "_quarantine").glob("q-*.jsonl"))
    undated = next((dirs["out"] / f"date={NULL_PARTITION}").glob("*.parquet"))
    for path in (quarantine, undated):
        os.utime(path, (old, old))
    write_export(dirs["exports"] / "b.jsonl", messages("b", 2, days=["2026-03-09"]))

    result = run(dirs, anon, now=datetime(2026, 3, 10, 12, tzinfo=UTC), keep_days=3)

    deleted = report_json(result)["retention"]["deleted"]
    assert [d for d in deleted if d.startswith("date=2026")] == [
        f"date=2026-03-0{d}/ (1 file(s))" for d in range(1, 7)
    ]
    assert f"date={NULL_PARTITION}/{undated.name}" in deleted
    assert f"_quarantine/{quarantine.name}" in deleted
    assert f"_reports/{first.run_id}/" in deleted
    assert not (dirs["out"] / "_reports" / first.run_id).exists() and result.report_dir.exists()
    assert "retention: deleted date=2026-03-01/ (1 file(s))" in caplog.text
    table = read_dataset(dirs["out"])
    assert sorted({str(d) for d in table["date"]}) == ["2026-03-07", "2026-03-08", "2026-03-09"]
    assert Counter(str(d) for d in table["date"])["2026-03-09"] == 4
    manifest = Manifest.load(dirs["state"] / MANIFEST_NAME, "x")
    owned = sorted(n for e in manifest.entries.values() for n in e.owned())
    on_disk = sorted(p.relative_to(dirs["out"]).as_posix() for p in dirs["out"].glob("*/*.*") if p.parts[-2] != "_reports")
    assert owned == on_disk
    assert run(dirs, anon, now=datetime(2026, 3, 10, 13, tzinfo=UTC), keep_days=3).nothing_new


runner = CliRunner()


def test_job_help_shows_an_example_and_every_exit_code() -> None:
    result = runner.invoke(app, ["job", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "anonymizer job " in result.output
    for code in ("0 success", "1 some inputs failed", "2 nothing could run", "3 another run holds the lock"):
        assert code in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "job options: input: required"),
        (["--input", "x", "--out", "o", "--state", "s", "--keep-days", "0"], "keep_days: Input should be greater"),
        (["--input", "x", "--out", "o", "--state", "s", "--log-format", "xml"], "--log-format must be text or json"),
        (["--input", "x", "--out", "o", "--state", "o"], "state must not be the output folder"),
    ],
)
def test_job_refuses_bad_options_with_exit_code_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["job", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_job_exits_2_before_any_work_when_the_policy_needs_a_missing_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ANONYMIZER_HASH_KEY", "ANONYMIZER_ENCRYPTION_KEYS", "ANONYMIZER_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "in").mkdir()
    write_export(tmp_path / "in" / "a.jsonl", messages("a", 2))
    policy = Path(__file__).resolve().parents[3] / "data" / "samples" / "policy.yaml"
    result = runner.invoke(app, [
        "job", "-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-s", str(tmp_path / "state"),
        "--policy", str(policy),
    ])
    assert result.exit_code == 2
    assert "ANONYMIZER_HASH_KEY" in result.output
    assert not (tmp_path / "state").exists()  # refused before taking the lock or writing state
