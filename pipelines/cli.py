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

from anonymizer import Anonymizer, AnonymizerError, KeyRing, Policy, generate_keys
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
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Records per detection batch.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log progress at INFO level.")]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


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


def _build(policy_path: Path | None, key_file: Path | None, require_keys: bool = True) -> Anonymizer:
    policy = Policy.load(policy_path) if policy_path else Policy.default()
    keys = KeyRing.load(key_file)
    return Anonymizer(policy, keys, require_keys=require_keys)


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
    fmt: FormatOpt = None,
    mapping: MapOpt = None,
    batch_size: BatchOpt = 256,
    verbose: VerboseOpt = False,
) -> None:
    """Anonymize transcript exports into Parquet.

    Writes OUT/<input name>.parquet (one row per message, input field names kept, plus pii_count and
    pii_types), rejected records to OUT/_quarantine/, and OUT/run_summary.json.

    Example:

        export ANONYMIZER_HASH_KEY=... ANONYMIZER_ENCRYPTION_KEYS=...   # from `anonymizer keygen`
        anonymizer run data/samples/transcripts.jsonl --out out/ --policy data/samples/policy.yaml

    Exit codes: 0 success; 1 some inputs could not be read (the others completed); 2 nothing could run
    (bad policy or arguments, missing key, model not installed).
    """
    from pipelines import runner

    _setup_logging(verbose)

    def body() -> int:
        anonymizer = _build(policy, key_file)
        options = _read_options(anonymizer.policy, fmt, mapping, batch_size)
        with _progress("anonymizing") as progress:
            report = runner.run(inputs, out, anonymizer, options=options, progress=progress)
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
        anonymizer = _build(policy, None, require_keys=False)
        options = _read_options(anonymizer.policy, fmt, mapping, batch_size)
        with _progress("scanning") as progress:
            report = runner.scan(inputs, out, anonymizer, options=options, progress=progress)
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


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return app(args=argv, prog_name="anonymizer")


if __name__ == "__main__":
    main()
