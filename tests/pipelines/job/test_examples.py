"""The deployment examples in examples/ are valid: crontab syntax, systemd units, the CronJob, the Airflow DAG."""

from __future__ import annotations

import ast
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ANONYMIZER = Path(sys.executable).with_name("anonymizer")

# One crontab field: *, a number or range with an optional step, or a comma list of those; or a month/day name.
_FIELD = r"(?:\*|\d+(?:-\d+)?|[a-z]{3})(?:/\d+)?(?:,(?:\d+(?:-\d+)?|[a-z]{3})(?:/\d+)?)*"
_CRON_LINE = re.compile(rf"^(?:@(?:daily|hourly|weekly|monthly|reboot)|{_FIELD}(?: {_FIELD}){{4}}) (?P<command>\S.*)$")
_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def check_cron_schedule(fields: list[str]) -> None:
    for field, (low, high) in zip(fields, _RANGES, strict=True):
        for number in re.findall(r"\d+", re.sub(r"/\d+", "", field)):
            assert low <= int(number) <= high, f"{field} out of range {low}-{high}"


def test_the_crontab_line_is_valid_cron_syntax_running_the_job() -> None:
    lines = [
        line for line in (EXAMPLES / "crontab").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) == 1
    match = _CRON_LINE.match(lines[0])
    assert match, lines[0]
    check_cron_schedule(lines[0].split()[:5])
    assert " job --config " in match.group("command")
    assert "%" not in match.group("command")  # cron turns % into a newline


def test_the_systemd_service_and_timer_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian: apt-get install -y systemd)")
    # verify checks that ExecStart's binary exists: point it at the installed CLI instead of /opt/....
    service = (EXAMPLES / "chat-anonymizer-job.service").read_text()
    assert "/opt/chat-anonymizer/.venv/bin/anonymizer job " in service
    (tmp_path / "chat-anonymizer-job.service").write_text(
        service.replace("/opt/chat-anonymizer/.venv/bin/anonymizer", str(ANONYMIZER))
    )
    shutil.copy(EXAMPLES / "chat-anonymizer-job.timer", tmp_path)
    result = subprocess.run(
        [analyze, "verify", "chat-anonymizer-job.service", "chat-anonymizer-job.timer"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Unknown keys and unparsable values are only warnings ("ignoring") with exit code 0: none allowed.
    relevant = [line for line in result.stderr.splitlines() if "chat-anonymizer-job" in line]
    assert relevant == [], result.stderr
    calendar = subprocess.run([analyze, "calendar", "*-*-* 02:15:00"], capture_output=True, text=True, timeout=30)
    assert calendar.returncode == 0


def test_the_kubernetes_cronjob_is_a_complete_batch_v1_cronjob() -> None:
    manifest = yaml.safe_load((EXAMPLES / "kubernetes-cronjob.yaml").read_text())
    assert manifest["apiVersion"] == "batch/v1" and manifest["kind"] == "CronJob"
    assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", manifest["metadata"]["name"])
    spec = manifest["spec"]
    check_cron_schedule(spec["schedule"].split())
    assert spec["concurrencyPolicy"] == "Forbid"
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["restartPolicy"] in ("Never", "OnFailure")
    (container,) = pod["containers"]
    assert container["command"] == ["anonymizer", "job"]
    args = dict(arg.removeprefix("--").split("=", 1) for arg in container["args"])
    assert {"input", "out", "state"} <= set(args)
    volumes = {v["name"] for v in pod["volumes"]}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert set(mounts) <= volumes
    for option in ("input", "out", "state"):
        assert any(args[option].startswith(path) for path in mounts.values()), option
    assert not any("KEY" in str(e.get("name", "")) for e in container.get("env", []))  # keys come from a Secret


def test_the_airflow_dag_compiles_and_runs_the_job_with_exit_3_as_skip(tmp_path: Path) -> None:
    source = EXAMPLES / "airflow_dag.py"
    py_compile.compile(str(source), cfile=str(tmp_path / "dag.pyc"), doraise=True)
    tree = ast.parse(source.read_text())
    calls = {
        node.func.id: node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"DAG", "BashOperator"} <= set(calls)
    dag = {kw.arg: kw.value for kw in calls["DAG"].keywords}
    assert isinstance(dag["schedule"], ast.Constant)
    check_cron_schedule(str(dag["schedule"].value).split())
    assert isinstance(dag["max_active_runs"], ast.Constant) and dag["max_active_runs"].value == 1
    task = {kw.arg: kw.value for kw in calls["BashOperator"].keywords}
    assert isinstance(task["skip_on_exit_code"], ast.Constant) and task["skip_on_exit_code"].value == 3
    command = ast.unparse(task["bash_command"])
    assert "job --config" in command
    imports = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert {"airflow", "airflow.operators.bash"} <= imports
