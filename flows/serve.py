"""Scheduled runs: serve the ``etl`` flow as a Prefect deployment with a cron schedule.

    python -m flows.serve --input DIR --warehouse DIR --cron "*/5 * * * *"   (``khabar serve``)

Serving needs a real Prefect server (``prefect server start``, then
``PREFECT_API_URL=http://127.0.0.1:4200/api``): the server's scheduler creates the runs and this
process executes them, each in its own subprocess. Without a server Prefect would fall back to
its ephemeral in-process API, which nothing else can reach — so ``main`` refuses to start.

Each scheduled run is incremental: ``flows.etl`` compares content hashes with the previous
snapshot and transforms only new or changed articles.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_NAME = "khabar-etl"
DEFAULT_CRON = "0 * * * *"


def deployment_parameters(input: str | os.PathLike, warehouse: str | os.PathLike) -> dict[str, str]:
    """Absolute paths: flow runs start in their own subprocess, whose working directory is not
    promised to be the one ``serve`` was started from."""
    return {"input": str(Path(input).expanduser().resolve()), "warehouse": str(Path(warehouse).expanduser().resolve())}


def serve(input: str | os.PathLike, warehouse: str | os.PathLike, cron: str, name: str = DEFAULT_NAME, *, timezone: str | None = None) -> None:
    """Register deployment ``khabar-etl/<name>`` (cron schedule, input/warehouse as default
    parameters) and execute its runs until interrupted; blocks.

    One run at a time (``limit=1``): the warehouse takes one writer, so a second concurrent run
    would only fail with WarehouseBusy; a run due while another is busy starts when it ends.
    The flow is referenced by module path (``flows.etl.etl``), importable wherever khabar is
    installed, rather than by a file path relative to the current directory. Stopping this
    process pauses the schedule (Prefect's default), so no runs pile up while nobody serves;
    serving again resumes it.

    ``etl.to_deployment`` + ``prefect.serve`` rather than ``etl.serve``: given the flow object,
    Prefect's runner executes each run in a ``multiprocessing`` spawn child, and a child that
    has used the transform process pool (flows/parallel.py) never exits — multiprocessing
    joins the idle pool workers before the pool is shut down — so the runner stays "at
    capacity" after the first run. Served as a deployment, each run is a fresh
    ``python -m prefect.engine`` process that exits normally."""
    import prefect
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.types.entrypoint import EntrypointType

    from flows.etl import etl

    deployment = etl.to_deployment(
        name=name,
        schedules=[CronSchedule(cron=cron, timezone=timezone)],
        parameters=deployment_parameters(input, warehouse),
        description=f"khabar ETL on a cron schedule ({cron}): only new or changed articles are processed.",
        tags=["khabar"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    prefect.serve(deployment, limit=1)


def _validate_cron(cron: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except Exception as exc:  # noqa: BLE001 - pydantic explains what is wrong with it
        raise argparse.ArgumentTypeError(f"invalid cron expression {cron!r}: {exc}") from None
    return cron


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khabar serve",
        description="Serve the khabar ETL as a Prefect deployment that runs on a cron schedule "
        "(needs a Prefect server: `prefect server start` and PREFECT_API_URL).",
    )
    parser.add_argument("--input", required=True, help="a directory of .txt articles or a JSON Lines feed, read on every run")
    parser.add_argument("--warehouse", default="warehouse", help="warehouse directory (Parquet + khabar.duckdb); default: ./warehouse")
    parser.add_argument("--cron", type=_validate_cron, default=DEFAULT_CRON, help=f'cron schedule, e.g. "*/5 * * * *" (default: "{DEFAULT_CRON}", hourly)')
    parser.add_argument("--timezone", default=None, help="IANA time zone of the cron schedule (default: UTC)")
    parser.add_argument("--name", default=DEFAULT_NAME, help=f"deployment name (default: {DEFAULT_NAME})")
    return parser


def _api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not _api_url():
        print(
            "khabar serve: no Prefect server configured. Start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (or `prefect config set PREFECT_API_URL=…`).",
            file=sys.stderr,
        )
        return 2
    if args.timezone:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=args.cron, timezone=args.timezone)
        except Exception:  # noqa: BLE001 - pydantic's message is long; the cause is the zone
            print(f"khabar serve: unknown time zone {args.timezone!r} (use an IANA name such as Asia/Riyadh)", file=sys.stderr)
            return 2
    if not Path(args.input).exists():
        print(f"khabar serve: input {args.input} does not exist", file=sys.stderr)
        return 2
    try:
        serve(args.input, args.warehouse, args.cron, args.name, timezone=args.timezone)
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
