"""The `anonymizer` command: thin wrappers over the library and the runner; each docstring is its --help."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from anonymizer import Anonymizer, AnonymizerError, KeyRing, Policy, generate_keys, install_log_scrubbing
from pipelines.read import FORMATS, ReadError, parse_mapping
from pipelines.runner import ReadOptions

EXIT_OK = 0
EXIT_INPUT_FAILED = 1  # some input files could not be read; the others completed
EXIT_CONFIG = 2  # nothing could run: bad policy, missing key, model not installed, bad arguments

app = typer.Typer(
    name="anonymizer",
    help="Turn chat-transcript exports into analytics-safe Parquet.\n\n"
    "Example: anonymizer run data/samples/transcripts.jsonl --out out/ --policy data/samples/policy.yaml",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

PolicyOpt = Annotated[
    Path | None, typer.Option("--policy", "-p", help="Policy YAML (default: built-in, needs no keys).")
]
KeyFileOpt = Annotated[
    Path | None,
    typer.Option("--key-file", help="File of NAME=value key lines (mode 600); default: the environment."),
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", "-f", help=f"Input format, one of {', '.join(FORMATS)} (default: detect).")
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option("--map", "-m", help="Field mapping CANONICAL=SOURCE, e.g. --map text=body (repeatable)."),
]
KeyConfigOpt = Annotated[
    Path | None,
    typer.Option("--key-config", help="YAML file whose 'keys:' section names the key source (never the keys)."),
]
KeySourceOpt = Annotated[
    str | None,
    typer.Option(
        "--key-source",
        help="Key source: env, file:PATH, vault:MOUNT/PATH ($VAULT_ADDR, $VAULT_TOKEN) or azure:https://NAME.vault.azure.net.",
    ),
]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Records per detection batch.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", "-w", min=1,
        help="Worker processes (default: all cores for inputs over 4 MB, else 1; 1 = in this process).",
    ),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log progress at INFO level.")]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    install_log_scrubbing()  # on the handlers just configured: PII patterns and loaded keys never reach stderr


def _fail(message: str, code: int = EXIT_CONFIG) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int], None] | None]:
    """A live row counter on an interactive terminal; nothing in CI or when output is redirected."""
    if not _show_progress():
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description} {task.completed} rows"), TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def _load_keys(key_file: Path | None, key_config: Path | None = None, key_source: str | None = None) -> KeyRing:
    """The run's keys from at most one of --key-file, --key-config, --key-source (default: environment)."""
    from anonymizer.secrets import KeySourceConfig

    given = [name for name, value in
             (("--key-file", key_file), ("--key-config", key_config), ("--key-source", key_source)) if value]
    if len(given) > 1:
        raise ValueError(f"give only one of {', '.join(given)}")
    if key_config is not None:
        return KeyRing.from_source(KeySourceConfig.load(key_config).build())
    if key_source is not None:
        return KeyRing.from_source(KeySourceConfig.parse(key_source).build())
    return KeyRing.load(key_file)


def _build(
    policy_path: Path | None, key_file: Path | None, require_keys: bool = True, *,
    key_config: Path | None = None, key_source: str | None = None, load_model: bool = True,
) -> Anonymizer:
    policy = Policy.load(policy_path) if policy_path else Policy.default()
    keys = _load_keys(key_file, key_config, key_source)
    return Anonymizer(policy, keys, require_keys=require_keys, load_model=load_model)


def _read_options(policy: Policy, fmt: str | None, mapping: list[str] | None, batch_size: int) -> ReadOptions:
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown --format '{fmt}' (expected one of: {', '.join(FORMATS)})")
    merged = {**policy.input.mapping, **parse_mapping(mapping or [])}
    return ReadOptions(fmt=fmt, mapping=merged or None, batch_size=batch_size)


def _guarded(body: Callable[[], int]) -> None:
    try:
        code = body()
    except (AnonymizerError, ReadError, ValueError) as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Input files, folders or globs.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    policy: PolicyOpt = None,
    key_file: KeyFileOpt = None,
    key_config: KeyConfigOpt = None,
    key_source: KeySourceOpt = None,
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    batch_size: BatchOpt = 256,
    workers: WorkersOpt = None,
    verbose: VerboseOpt = False,
    engine: Annotated[str, typer.Option("--engine", help="local (processes on this machine) or spark.")] = "local",
    spark_master: Annotated[
        str | None,
        typer.Option("--spark-master", help="Spark master for --engine spark (default: running session or local[*])."),
    ] = None,
) -> None:
    """Anonymize transcript exports into Parquet.

    Writes OUT/<input name>.parquet (one row per message, input field names kept, plus pii_count and
    pii_types), rejected records to OUT/_quarantine/, and OUT/run_summary.json. With --engine spark
    (pip install 'chat-anonymizer[spark]') the same rows go to the date-partitioned dataset
    OUT/date=YYYY-MM-DD/part-*.parquet instead.

    Example:

        export ANONYMIZER_HASH_KEY=... ANONYMIZER_ENCRYPTION_KEYS=...   # from `anonymizer keygen`
        anonymizer run data/samples/transcripts.jsonl --out out/ --policy data/samples/policy.yaml
        anonymizer run exports/ --out out/ --engine spark --spark-master 'local[4]'

    Exit codes: 0 success; 1 some inputs could not be read (the others completed); 2 nothing could run
    (bad policy or arguments, missing key, model not installed; with Spark, a failed job: nothing published).
    """
    from pipelines import runner

    _setup_logging(verbose)

    def body() -> int:
        if engine not in ("local", "spark"):
            raise ValueError(f"unknown --engine '{engine}' (expected local or spark)")
        if engine == "spark":
            from pipelines.spark.run import key_reference, run_cli

            if workers is not None:
                raise ValueError("--workers is for --engine local; Spark uses its executors' cores")
            loaded = Policy.load(policy) if policy else Policy.default()
            keys = key_reference(key_file, key_config, key_source)
            report = run_cli(inputs, out, loaded, keys, _read_options(loaded, fmt, mapping, batch_size), spark_master)
        elif spark_master is not None:
            raise ValueError("--spark-master needs --engine spark")
        else:
            anonymizer = _build(policy, key_file, key_config=key_config, key_source=key_source, load_model=False)
            options = _read_options(anonymizer.policy, fmt, mapping, batch_size)
            with _progress("anonymizing") as progress:
                report = runner.run(
                    inputs, out, anonymizer, options=options, progress=progress, workers=workers
                )
        for line in report.summary_lines():
            typer.echo(line)
        typer.echo(f"summary: {out / runner.SUMMARY_NAME}")
        return EXIT_OK if report.ok else EXIT_INPUT_FAILED

    _guarded(body)


@app.command()
def scan(
    inputs: Annotated[list[str], typer.Argument(help="Input files, folders or globs.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Findings file: .jsonl or .parquet.")],
    policy: PolicyOpt = None,
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    batch_size: BatchOpt = 256,
    workers: WorkersOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Detect PII and write findings only: message_id, start, end, entity_type, score, recognizer.

    No text is written, and no keys are needed. Rows are one per finding (conversation_id and the text
    field name are included too); the summary goes to OUT.summary.json.

    Example:

        anonymizer scan data/samples/transcripts.jsonl --out findings.jsonl
    """
    from pipelines import runner

    _setup_logging(verbose)

    def body() -> int:
        anonymizer = _build(policy, None, require_keys=False, load_model=False)
        options = _read_options(anonymizer.policy, fmt, mapping, batch_size)
        with _progress("scanning") as progress:
            report = runner.scan(
                inputs, out, anonymizer, options=options, progress=progress, workers=workers
            )
        for line in report.summary_lines():
            typer.echo(line)
        return EXIT_OK if report.ok else EXIT_INPUT_FAILED

    _guarded(body)


@app.command("eval")
def eval_(
    inputs: Annotated[list[str], typer.Argument(help="Input files, folders or globs.", show_default=False)],
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold spans JSONL: message_id, start, end, entity_type.")],
    policy: PolicyOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the report as JSON.")] = None,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Score vanilla Presidio beside ours: 'presidio'.")
    ] = None,
    show_errors: Annotated[
        int, typer.Option("--show-errors", min=0, help="List the N worst misses and false positives, quoting text.")
    ] = 0,
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    batch_size: BatchOpt = 256,
    verbose: VerboseOpt = False,
) -> None:
    """Measure detection against gold spans (evaluation data only).

    Per entity type and overall: precision, recall and F2 for exact and for overlapping spans, and no-leak
    recall (the share of gold spans whose every non-space character is inside some finding). Detection is
    exactly what `run` does, conversation context included; keyed operators get throw-away keys.
    --show-errors quotes the texts: use it on test data only.

    Example:

        anonymizer eval data/samples/transcripts.jsonl --gold data/samples/transcripts.gold.jsonl --baseline presidio
    """
    from anonymizer.evaluation import PresidioBaseline, evaluation_anonymizer
    from pipelines.evaluate import evaluate

    _setup_logging(verbose)

    def body() -> int:
        if baseline not in (None, "presidio"):
            raise ValueError(f"unknown --baseline '{baseline}' (expected: presidio)")
        anonymizer = evaluation_anonymizer(Policy.load(policy) if policy else Policy.default())
        options = _read_options(anonymizer.policy, fmt, mapping, batch_size)
        detection = anonymizer.policy.detection
        baselines = [PresidioBaseline(detection.model, detection.language)] if baseline else []
        report = evaluate(inputs, gold, anonymizer, options=options, baselines=baselines)
        for line in report.lines(show_errors):
            typer.echo(line)
        if out is not None:
            report.write_json(out, show_errors)
        return EXIT_OK

    _guarded(body)


@app.command()
def keygen(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write a key file (mode 600) instead of printing.")
    ] = None,
) -> None:
    """Print fresh keys: an HMAC key for `hash` and a Fernet key for `encrypt`.

    Example:

        anonymizer keygen --out keys.env && anonymizer run in.jsonl --out out/ --key-file keys.env
    """
    keys = generate_keys()
    text = "".join(f"{name}={value}\n" for name, value in keys.items())
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise _fail(f"{out} exists; refusing to overwrite keys") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# chat-anonymizer keys: keep secret, back up safely; losing them loses joins and reveals\n")
        fh.write(text)
    typer.echo(f"wrote {out} (mode 600)")


@app.command()
def job(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Job config YAML (options override it).")
    ] = None,
    inputs: Annotated[
        list[str] | None, typer.Option("--input", "-i", help="Landing folder, file or glob (repeatable).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output dataset folder.")] = None,
    state: Annotated[Path | None, typer.Option("--state", "-s", help="State folder (manifest, lock).")] = None,
    policy: PolicyOpt = None,
    key_file: KeyFileOpt = None,
    keep_days: Annotated[
        int | None, typer.Option("--keep-days", help="Delete partitions, quarantine and reports older than N days.")
    ] = None,
    wait: Annotated[
        float | None, typer.Option("--wait", help="Seconds to wait for a running job (default 0: exit 3 at once).")
    ] = None,
    log_format: Annotated[str | None, typer.Option("--log-format", help="text (default) or json lines.")] = None,
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    metrics_file: Annotated[
        Path | None, typer.Option("--metrics-file", help="Also write the run's .prom file here (textfile collector).")
    ] = None,
    workers: WorkersOpt = None,
    verify: Annotated[
        bool | None,
        typer.Option("--verify/--no-verify", help="Re-scan this run's new files for residual PII (exit 1 if any)."),
    ] = None,
) -> None:
    """Process new and changed exports exactly once into a Parquet dataset partitioned by message date.

    Each run anonymizes only inputs not processed before (or changed since, or processed under another
    policy) into OUT/date=YYYY-MM-DD/part-*.parquet, quarantine into OUT/_quarantine/, and writes
    OUT/_reports/<run id>/ (report.json, metrics.prom, report.html). Safe to kill at any point and to start
    from cron while a run is going (one runs, the other waits --wait seconds, then exits 3).

    Example:

    \b
        anonymizer job -i /srv/exports -o /srv/anonymized -s /var/lib/chat-anonymizer --keep-days 90
        anonymizer job --config /etc/chat-anonymizer/job.yaml --log-format json

    Exit codes: 0 success (also when there was nothing new); 1 some inputs failed (named in the log and the
    report; the others were committed); 2 nothing could run (bad job config or policy, missing key or model,
    unusable state folder); 3 another run holds the lock.
    """
    from pipelines.job import (
        EXIT_LOCKED,
        JobConfigError,
        LockHeld,
        StateError,
        configure_logging,
        load_job_config,
        run_job,
    )
    from pipelines.job.logs import log as job_log

    if log_format not in (None, "text", "json"):
        raise _fail(f"--log-format must be text or json, not '{log_format}'")
    configure_logging("json" if log_format == "json" else "text")
    overrides: dict[str, Any] = {
        "input": inputs, "out": out, "state": state, "policy": policy, "key_file": key_file, "keep_days": keep_days,
        "wait": wait, "log_format": log_format, "format": fmt, "mapping": parse_mapping(mapping or []),
        "metrics_file": metrics_file, "workers": workers, "verify": verify,
    }
    try:
        settings = load_job_config(config, overrides)
        configure_logging(settings.log_format)
        code = run_job(settings).exit_code
    except LockHeld as exc:
        job_log.warning("%s; not running", exc)
        code = EXIT_LOCKED
    except (JobConfigError, StateError, AnonymizerError, ReadError, ValueError) as exc:
        for line in str(exc).splitlines():
            job_log.error("%s", line)
        code = EXIT_CONFIG
    except OSError as exc:
        job_log.error("cannot use %s: %s", exc.filename or "a job folder", exc.strerror or type(exc).__name__)
        code = EXIT_CONFIG
    raise typer.Exit(code)


EXIT_FOUND = 1  # verify: residual PII, a leaked key or an unreadable file was found


def _security_guarded(body: Callable[[], int]) -> None:
    """Like _guarded, plus OSError (an unwritable audit log or output folder) as "could not run"."""
    try:
        code = body()
    except (AnonymizerError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(str(exc) if not exc.filename else f"{exc.filename}: {exc.strerror}") from None
    raise typer.Exit(code)


@app.command("rotate-keys")
def rotate_keys(
    dataset: Annotated[Path, typer.Argument(help="Output folder (searched recursively) or one Parquet file.")],
    key_file: KeyFileOpt = None,
    key_config: KeyConfigOpt = None,
    key_source: KeySourceOpt = None,
    report: Annotated[Path | None, typer.Option("--report", help="Also write the report as JSON.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be rotated.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Re-encrypt every encrypted value of an output dataset under the newest encryption key.

    Whole-field `enc:v1:` values, `<TYPE:enc:v1:...>` tokens inside text, and quarantined raw records are
    moved from older keys to the first key of ANONYMIZER_ENCRYPTION_KEYS (list the new key first, then
    every old key in use). Each file is rewritten under a temporary name and renamed when complete, with
    its metadata kept and its key ids updated; files already on the newest key are skipped, and
    DATASET/_rotate_keys_state.json lets an interrupted rotation resume. Hash tokens are never rotated.

    Example:

        ANONYMIZER_ENCRYPTION_KEYS=$NEW,$OLD anonymizer rotate-keys out/ --report rotation.json

    Exit codes: 0 every file is on the newest key; 1 some files failed (named; the others are done);
    2 nothing could run (no encryption key, bad arguments).
    """
    from pipelines.security import rotate_dataset, write_report

    _setup_logging(verbose)

    def body() -> int:
        keys = _load_keys(key_file, key_config, key_source)
        result = rotate_dataset(dataset, keys, dry_run=dry_run)
        for line in result.summary_lines():
            typer.echo(line)
        if report is not None:
            write_report(result, report)
        return EXIT_OK if result.ok else EXIT_INPUT_FAILED

    _security_guarded(body)


@app.command()
def reveal(
    file: Annotated[Path, typer.Argument(help="One anonymized Parquet file.")],
    columns: Annotated[str, typer.Option("--columns", "-c", help="Comma-separated columns to decrypt.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The revealed copy (.parquet, written mode 600).")],
    key_file: KeyFileOpt = None,
    key_config: KeyConfigOpt = None,
    key_source: KeySourceOpt = None,
    audit_log: Annotated[
        Path | None,
        typer.Option("--audit-log", help="Audit log (default $ANONYMIZER_AUDIT_LOG or "
                     "~/.local/state/chat-anonymizer/audit.jsonl)."),
    ] = None,
    operator: Annotated[
        str | None, typer.Option("--operator", help="Who is revealing, for the audit record (default: OS user).")
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing OUT.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Decrypt chosen encrypted columns of one output file, for a user who holds the key; audited.

    Whole-field `enc:v1:` values become the original value; in text columns each `<TYPE:enc:v1:...>`
    token becomes the original text. Other columns are copied unchanged. Every attempt appends a record
    (who, when, file, columns, rows, key ids, outcome; never a value) to the append-only audit log before
    OUT appears; a wrong key or an unwritable audit log leaves no output.

    Example:

        anonymizer reveal out/transcripts.parquet --columns user_name,text --out revealed.parquet \\
            --key-file keys.env --operator "jdoe (ticket SEC-42)"

    Exit codes: 0 revealed; 2 nothing revealed (wrong or missing key, unknown column, OUT exists, audit
    log not writable).
    """
    from pipelines.security import reveal_file

    _setup_logging(verbose)

    def body() -> int:
        keys = _load_keys(key_file, key_config, key_source)
        result = reveal_file(
            file, columns.split(","), out, keys, audit_log=audit_log, operator=operator, overwrite=overwrite
        )
        for line in result.summary_lines():
            typer.echo(line)
        return EXIT_OK

    _security_guarded(body)


@app.command()
def verify(
    dataset: Annotated[Path, typer.Argument(help="Output folder (searched recursively) or one Parquet file.")],
    policy: PolicyOpt = None,
    key_file: KeyFileOpt = None,
    key_config: KeyConfigOpt = None,
    key_source: KeySourceOpt = None,
    report: Annotated[Path | None, typer.Option("--report", help="Also write the report as JSON.")] = None,
    no_keys: Annotated[
        bool, typer.Option("--no-keys", help="Skip the search for leaked keys (no key source needed).")
    ] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Re-scan an output dataset for residual PII and for leaked keys.

    Re-detects as the run did, with the same policy: text rows grouped by conversation_id, ordered by
    turn, with speakers, through the detector and the conversation step (so bot persona names and help
    links the run keeps are not reported), after blanking the operators' tokens and masks; only types the
    policy transforms count. Without a conversation_id column text is scanned cell by cell (the report
    says so). Searches values, file metadata, column statistics and the other files for the configured
    keys; checks that sensitive columns have no statistics. The report names file, column, row, entity
    type and recognizer, never a value.

    Example:

        anonymizer verify out/ --policy data/samples/policy.yaml --key-file keys.env --report verify.json

    Exit codes: 0 clean; 1 something was found (or a file could not be read); 2 nothing could run.
    """
    from pipelines.security import verify_dataset, write_report

    _setup_logging(verbose)

    def body() -> int:
        keys = KeyRing() if no_keys else _load_keys(key_file, key_config, key_source)
        anonymizer = Anonymizer(Policy.load(policy) if policy else Policy.default(), keys, require_keys=False)
        result = verify_dataset(dataset, anonymizer, None if no_keys else keys)
        for line in result.summary_lines():
            typer.echo(line)
        if report is not None:
            write_report(result, report)
        return EXIT_OK if result.ok else EXIT_FOUND

    _security_guarded(body)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return app(args=argv, prog_name="anonymizer")


if __name__ == "__main__":
    main()
