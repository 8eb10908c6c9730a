"""Memory stays flat as input grows: run the pipeline on N and 10 x N messages and compare peak RSS.

    python bench/memory.py --messages 100000 1000000 [--policy P] [--workers 1]

Inputs are the generated chat corpus cycled with fresh conversation and message ids (texts repeat, as bot
lines do in real exports; the per-text cache is bounded, so repetition cannot hide growth). Peak RSS is
read with wait4 for the main process and from the run summary for each worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(path: Path, messages: int, seed_file: Path) -> None:
    base = [json.loads(line) for line in seed_file.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        written, cycle = 0, 0
        while written < messages:
            for record in base:
                if written >= messages:
                    break
                record = dict(record)
                record["conversation_id"] = f"{record['conversation_id']}-{cycle}"
                record["message_id"] = f"{record['message_id']}-{cycle}"
                out.write(json.dumps(record) + "\n")
                written += 1
            cycle += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--policy", type=Path, help="Policy (default: the built-in one).")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--command", choices=["run", "scan"], default="run")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("anonymizer"))
    with tempfile.TemporaryDirectory(prefix="chat-anon-mem-") as tmp_name:
        tmp = Path(tmp_name)
        seed = tmp / "seed.jsonl"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts/generate_chats.py"), "--seed", "21", "--conversations", "2000",
             "--out", str(seed), "--gold", str(tmp / "seed.gold.jsonl")],
            check=True, capture_output=True,
        )
        for n in args.messages:
            src = tmp / f"in-{n}.jsonl"
            corpus(src, n, seed)
            out = tmp / f"out-{n}" if args.command == "run" else tmp / f"out-{n}.jsonl"
            cmd = [exe, args.command, str(src), "--out", str(out), "--workers", str(args.workers)]
            if args.policy:
                cmd += ["--policy", str(args.policy)]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            if status != 0:
                err = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
                raise SystemExit(f"run on {n} messages failed: {err}")
            summary_path = (
                out / "run_summary.json" if args.command == "run" else out.with_name(out.name + ".summary.json")
            )
            summary = json.loads(summary_path.read_text())
            print(json.dumps({
                "messages": n, "input_mb": round(src.stat().st_size / 1e6, 1), "wall_seconds": round(wall, 1),
                "main_peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "summary_peak_rss_mb": summary["peak_rss_mb"],
                "rows_written": summary["totals"]["rows_written"],
            }), flush=True)
            src.unlink()


if __name__ == "__main__":
    main()
