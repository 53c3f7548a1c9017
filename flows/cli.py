"""The ``khabar`` console command.

    khabar run [--input PATH] [--warehouse DIR] [--strict] [--wait SECONDS] [--ner MODE]
    khabar cites NAME [--warehouse DIR]      which outlets quote NAME (Arabic or English)
    khabar serve --input DIR --cron "..."    scheduled runs as a Prefect deployment
    khabar export URI [--warehouse DIR]      copy the Parquet snapshot to object storage
    khabar eval [...]                        accuracy of the NER tagger and claim attribution
    khabar train-ner [...]                   retrain the bundled CRF NER model
    khabar train-bilstm [...]                retrain the bundled BiLSTM-CRF NER model
    khabar train-clusters [...]              rebuild the NER word clusters (then retrain)

Failures exit non-zero with a one-line reason.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from transforms.entities.tagger import DEFAULT_NER_MODE, NER_MODES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = str(PROJECT_ROOT / "seeds") if (PROJECT_ROOT / "seeds").is_dir() else "seeds"
DEFAULT_WAREHOUSE = "warehouse"


def _prefect_defaults(verbose: bool = False) -> None:
    """Embedded defaults: an ephemeral Prefect API (no server to run), no telemetry, and a
    quiet console — failures are reported once, as one line, by ``main``."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ["PREFECT_LOGGING_LEVEL"] = "INFO" if verbose else os.environ.get("KHABAR_PREFECT_LOGGING_LEVEL", "CRITICAL")
    if not verbose:  # Prefect's background services log under their class names
        for name in ("EventsWorker", "APILogWorker"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _cmd_run(args: argparse.Namespace) -> int:
    if args.ner:
        os.environ["KHABAR_NER"] = args.ner  # read by the transform workers too
    _prefect_defaults(args.verbose)
    import flows.etl as flows_etl
    from flows.etl import etl

    options = {"batch_size": args.batch_size} if args.batch_size else {}
    with _progress_display() as progress:
        flows_etl.PROGRESS = progress
        try:
            summary = etl(input=args.input, warehouse=args.warehouse, strict=args.strict, wait_seconds=args.wait, **options)
        finally:
            flows_etl.PROGRESS = None
    print(f"khabar run {summary.run_id}: {summary.input} → {summary.warehouse}")
    print(
        f"  articles: {summary.n_articles_new} new, {summary.n_articles_changed} changed, "
        f"{summary.n_articles_unchanged} unchanged, "
        + (f"{summary.n_articles_reprocessed} re-transformed (newer pipeline), " if summary.n_articles_reprocessed else "")
        + f"{summary.n_duplicates} duplicates; "
        f"{summary.n_rejects} rejected, {summary.n_warnings} warnings"
    )
    print("  rows: " + ", ".join(f"{table} {count:,}" for table, count in summary.rows.items()))
    for reject in summary.rejects[:10]:
        print(f"  {reject['severity']}: {reject['detail']}")
    if len(summary.rejects) > 10:
        print(f"  … {len(summary.rejects) - 10} more in the rejects table")
    print(f"  {summary.seconds:.1f} s")
    return 0


@contextmanager
def _progress_display():
    """A live line on stderr while a long run goes on (rich, which Prefect already brings):
    articles transformed so far, their rate, elapsed time. Silent when stderr is not a terminal."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("reading inputs …", total=None)
        done = 0
        started = time.monotonic()

        def update(summary, n: int) -> None:
            nonlocal done
            done += n
            rate = done / max(time.monotonic() - started, 1e-6)
            bar.update(task, description=f"{done:,} articles transformed ({rate:,.0f}/s), {summary.n_articles_unchanged:,} unchanged")

        yield update


def _cmd_cites(args: argparse.Namespace) -> int:
    import duckdb

    path = Path(args.warehouse) / "khabar.duckdb"
    if not path.exists():
        raise SystemExit(f"khabar: no warehouse at {path}; run `khabar run` first")
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT outlet, n_claims, speakers, first_claim FROM outlets_citing(?)", [args.name]
        ).fetchall()
    finally:
        con.close()
    print(f"Outlets citing {args.name}: {len(rows)} article(s)")
    for outlet, n_claims, speakers, first_claim in rows:
        snippet = first_claim if len(first_claim) <= 90 else first_claim[:90] + "…"
        print(f"  {outlet}  ({n_claims} claim{'s' if n_claims != 1 else ''}; {', '.join(speakers)})  {snippet}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    _prefect_defaults(verbose=True)
    from flows.serve import main as serve_main

    return serve_main(args.rest) or 0


def _delegate(module: str):
    """A command that hands the rest of the command line to ``module.main`` (imported only
    when the command runs: ``khabar run`` never loads the evaluation code)."""

    def command(args: argparse.Namespace) -> int:
        return importlib.import_module(module).main(args.rest) or 0

    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar", description="Arabic news → sentences, entities and claims (who said what) in Parquet and DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract, transform and load articles into the warehouse")
    run.add_argument("--input", default=DEFAULT_INPUT, help="a directory of .txt articles (+ manifest.csv/.jsonl) or a JSON Lines feed (.jsonl, .jsonl.gz); default: seeds/")
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help="warehouse directory (Parquet + khabar.duckdb); default: ./warehouse")
    run.add_argument("--strict", action="store_true", help="fail the run on the first rejected input instead of recording it and going on")
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS", help="wait this long for another run holding the warehouse lock (default: exit at once)")
    run.add_argument("--batch-size", type=int, default=None, help="articles per transform task (default 500)")
    run.add_argument("--ner", choices=tuple(NER_MODES), default=None, help=f"NER tagger (default {DEFAULT_NER_MODE}): crf (the fastest), bilstm (BiLSTM-CRF) or ensemble (both: the most accurate, the slowest); sets KHABAR_NER")
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's flow and task logs")
    run.set_defaults(func=_cmd_run)

    cites = sub.add_parser("cites", help="which outlets quote a speaker (Arabic or English name)")
    cites.add_argument("name", help="e.g. Kirby, 'John Kirby', كيربي")
    cites.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    cites.set_defaults(func=_cmd_cites)

    # Commands whose own argument parsers take the rest of the command line.
    for name, func, help_text in (
        ("serve", _cmd_serve, "serve the flow as a Prefect deployment with a cron schedule (see `khabar serve --help`)"),
        ("export", _delegate("flows.export"), "copy the current Parquet snapshot to s3://, gs://, file:// … (see `khabar export --help`)"),
        ("eval", _delegate("evaluation.report"), "measure NER and claim attribution accuracy (see `khabar eval --help`)"),
        ("train-ner", _delegate("evaluation.train_ner"), "retrain the bundled CRF NER model (--ner crf / ensemble) from NewsFANE/WikiFANE"),
        ("train-bilstm", _delegate("evaluation.train_bilstm"), "retrain the bundled BiLSTM-CRF NER model (--ner bilstm / ensemble) from NewsFANE/WikiFANE"),
        ("train-clusters", _delegate("evaluation.word_clusters"), "rebuild the NER word clusters from unlabelled news (needs the [train] extra)"),
    ):
        command = sub.add_parser(name, help=help_text, add_help=False)
        command.add_argument("rest", nargs=argparse.REMAINDER)
        command.set_defaults(func=func, pass_through=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "pass_through", False):
        args.rest = [*extra, *args.rest]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the CLI's contract: one line, non-zero
        print(f"khabar: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
