"""The job as real processes: SIGKILL at each commit stage then a rerun, and runs started at the same time.

Each `anonymizer job` process loads the spaCy model (about 3 s), so these tests start as few as they can; the
reruns that check the result run in process, on the session detector.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from job_helpers import CANARY_EMAIL, CANARY_PHONE, messages, read_dataset, run, write_export

from anonymizer import Anonymizer
from pipelines.job import EXIT_LOCKED, EXIT_OK, Manifest
from pipelines.job.run import TEST_PAUSE_ENV
from pipelines.job.state import MANIFEST_NAME

pytestmark = pytest.mark.slow


def job_command(dirs: dict[str, Path], *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "pipelines.cli", "job",
        "--input", str(dirs["exports"]), "--out", str(dirs["out"]), "--state", str(dirs["state"]), *extra,
    ]


def start_job(
    dirs: dict[str, Path], tmp_path: Path, pause: str | None, *extra: str, pause_seconds: float = 600
) -> tuple[subprocess.Popen[str], Path]:
    """Start `anonymizer job`; with `pause`, it stops at that hook point and creates the returned marker."""
    marker = tmp_path / f"paused-{time.monotonic_ns()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(TEST_PAUSE_ENV)}
    if pause:
        env.update({
            TEST_PAUSE_ENV: pause, f"{TEST_PAUSE_ENV}_FILE": str(marker),
            f"{TEST_PAUSE_ENV}_SECONDS": str(pause_seconds),
        })
    process = subprocess.Popen(
        job_command(dirs, *extra), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return process, marker


def wait_for(marker: Path, process: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"job exited with {process.returncode} before its pause point:\n{err}")
        assert time.monotonic() < deadline, "job never reached its pause point"
        time.sleep(0.05)


def expected_ids(exports: Path) -> list[str]:
    ids = []
    for file in sorted(exports.glob("*.jsonl")):
        for line in file.read_text().splitlines():
            ids.append(json.loads(line)["message_id"])
    return sorted(ids)


@pytest.mark.parametrize(
    ("pause", "then"),
    [
        # killed mid-input: staged files half written, the input recorded as pending
        ("batch_written:3", "rerun"),
        # killed after input 2's files were renamed into place, before its manifest entry was saved; the
        # export is then re-exported with other content, so the published files are orphans, not overwritten
        ("after_publish:2", "change input 2, rerun"),
        # killed after a re-exported input's new entry was saved, before its old files were deleted
        ("after_commit:1", "rerun"),
    ],
)
def test_a_run_killed_at_any_stage_then_rerun_leaves_every_row_exactly_once(
    dirs: dict[str, Path], anon: Anonymizer, tmp_path: Path, pause: str, then: str
) -> None:
    exports = dirs["exports"]
    write_export(exports / "1.jsonl", messages("one", 8, days=["2026-03-01", "2026-03-02"]))
    write_export(exports / "2.jsonl", messages("two", 8, days=["2026-03-02", "2026-03-03"], undated=1))
    write_export(exports / "3.jsonl", messages("three", 5, days=["2026-03-04"]))
    if pause.startswith("after_commit"):
        run(dirs, anon)  # a first, complete run; then input 1 is re-exported with new content
        write_export(exports / "1.jsonl", messages("one-v2", 6, days=["2026-03-01"]))
    config = tmp_path / "job.yaml"
    config.write_text("batch_size: 2\n")  # several batches per input, so "mid-input" exists

    process, marker = start_job(dirs, tmp_path, pause, "--config", str(config))
    wait_for(marker, process)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    if then.startswith("change input 2"):
        write_export(exports / "2.jsonl", messages("two-v2", 3, days=["2026-03-05"]))
    result = run(dirs, anon, batch_size=2)

    assert result.exit_code == EXIT_OK
    table = read_dataset(dirs["out"])
    assert sorted(table["message_id"].to_list()) == expected_ids(exports)  # none missing, none twice
    manifest = Manifest.load(dirs["state"] / MANIFEST_NAME, "x")
    assert manifest.pending == [] and manifest.trash == []
    owned = sorted(name for entry in manifest.entries.values() for name in entry.outputs)
    on_disk = sorted(p.relative_to(dirs["out"]).as_posix() for p in dirs["out"].glob("date=*/*.parquet"))
    assert owned == on_disk  # no orphan file, no dangling entry
    assert not list(dirs["out"].rglob(".*")) and not list(dirs["state"].glob(".*"))
    assert run(dirs, anon).nothing_new


def test_two_runs_started_together_one_runs_and_the_other_exits_3_or_waits(
    dirs: dict[str, Path], tmp_path: Path
) -> None:
    write_export(dirs["exports"] / "a.jsonl", messages("a", 6))
    # Both hold at the point after taking the lock, so whichever wins keeps it for a while.
    first, _ = start_job(dirs, tmp_path, "pending_saved", "--log-format", "json", pause_seconds=3)
    second, _ = start_job(dirs, tmp_path, "pending_saved", "--log-format", "json", pause_seconds=3)
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    codes = [first.returncode, second.returncode]
    assert sorted(codes) == [EXIT_OK, EXIT_LOCKED], outputs
    loser_err = outputs[codes.index(EXIT_LOCKED)][1]
    assert "another job run holds" in loser_err
    winner_lines = [json.loads(line) for line in outputs[codes.index(EXIT_OK)][1].splitlines()]
    assert winner_lines and all({"ts", "level", "logger", "message", "run_id"} <= set(e) for e in winner_lines)
    assert all(CANARY_EMAIL not in o[1] and CANARY_PHONE not in o[1] for o in outputs)

    # A run that may wait gets the lock when the holder is done, and finds nothing new.
    write_export(dirs["exports"] / "b.jsonl", messages("b", 4))
    holder, marker = start_job(dirs, tmp_path, "pending_saved", pause_seconds=2)
    wait_for(marker, holder)
    waiter, _ = start_job(dirs, tmp_path, None, "--wait", "120")
    holder_out = holder.communicate(timeout=120)
    waiter_out = waiter.communicate(timeout=120)
    assert holder.returncode == EXIT_OK, holder_out
    assert waiter.returncode == EXIT_OK, waiter_out
    assert "nothing new" in waiter_out[1] and "did not finish" not in waiter_out[1]
    assert read_dataset(dirs["out"]).height == 10


def test_the_cli_exit_code_is_1_when_an_input_failed(dirs: dict[str, Path], tmp_path: Path) -> None:
    write_export(dirs["exports"] / "good.jsonl", messages("g", 3))
    (dirs["exports"] / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    process, _ = start_job(dirs, tmp_path, None)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "bad.jsonl.gz" in err
    latest = sorted((dirs["out"] / "_reports").iterdir())[-1]
    assert json.loads((latest / "report.json").read_text())["exit_code"] == 1
