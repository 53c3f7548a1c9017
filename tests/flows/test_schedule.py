"""Scheduled runs on a real Prefect server: `prefect server start`, `python -m flows.serve`,
runs triggered through the API, and `prefect deploy --all` with prefect.yaml.

Why real processes: serving is the part of Prefect an in-process harness cannot show — the
server's scheduler, a runner polling it, every flow run in its own subprocess, a second run
while the first one's processes are gone. One server and one serve process for the module
(the server alone takes 5–15 s to start). Everything listens on loopback; every process
started here is killed (its whole process group) in a finally.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import httpx
import pytest
import yaml

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

DEPLOYMENT = "khabar-etl/khabar-etl"
# Daily, twelve hours from now: the server's scheduler creates its runs (checked below) but
# none falls due while the test runs, so the only runs are the ones triggered here.
CRON = f"0 {(datetime.now(timezone.utc).hour + 12) % 24} * * *"
SERVER_START_TIMEOUT = 90
RUN_TIMEOUT = 120

NEW_ARTICLE = (
    "قال جون كيربي، المتحدث باسم مجلس الأمن القومي الأمريكي، يوم الخميس إن الولايات المتحدة تراقب "
    "عن كثب التعاون العسكري المتزايد بين روسيا وكوريا الشمالية.\n\n"
    'وأضاف كيربي أن "هذه العلاقة تشكل مصدر قلق للمنطقة بأسرها"، مشيرا إلى أن واشنطن ستواصل '
    "التنسيق مع حلفائها في سيول وطوكيو.\n"
)

# Triggered runs, in order: (label, file added to the input before the run,
#   (new, changed, unchanged) articles in the run's etl_runs row, articles stored, outlets_citing('Kirby') rows)
RUNS = [
    ("first run: the five seeds", None, (5, 0, 0), 5, 4),
    ("nothing changed", None, (0, 0, 5), 5, 4),
    ("one new article file", "005_kirby_added.txt", (1, 0, 5), 6, 5),
]


# ----------------------------------------------------------------------------- processes

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(home: Path, **extra: str) -> dict[str, str]:
    """The test session's environment without its Prefect settings (conftest points
    PREFECT_HOME at the in-process harness), plus a private home and no telemetry."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="INFO", **extra)
    return env


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen | None) -> None:
    """SIGTERM to the process group (the serve process pauses its schedule on the way out),
    SIGKILL what is left after 10 s."""
    if proc is None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait)
            try:  # children of the group (flow-run subprocesses) must not outlive it
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        except subprocess.TimeoutExpired:
            continue


def _tail(log: Path, n: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def _wait_until(what: str, check: Callable[[], object], timeout: float, procs: dict[Path, subprocess.Popen], interval: float = 0.5):
    """Poll ``check`` until it returns something truthy; fail early, with the logs, if one of
    our processes died, and after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        for log, proc in procs.items():
            if proc.poll() is not None:
                pytest.fail(f"{what}: {log.stem} exited with {proc.returncode}\n{_tail(log)}")
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {log.name}\n{_tail(log)}" for log in procs)
            pytest.fail(f"{what}: not within {timeout:.0f} s\n{logs}")
        time.sleep(interval)


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory) -> Iterator[dict]:
    """A real `prefect server start` on a free loopback port, then `python -m flows.serve`
    pointed at it; yields the API URL, the serve process's input/warehouse and the logs."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    base = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    inputs, warehouse = base / "input", base / "warehouse"
    shutil.copytree(SEEDS, inputs)
    server_log, serve_log = base / "server.log", base / "serve.log"
    server = serve = None
    try:
        server = _start(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            _env(base / "server-home", PREFECT_SERVER_UI_ENABLED="false"),
            server_log,
        )

        def healthy() -> bool:
            try:
                return httpx.get(f"{api}/health", timeout=2, trust_env=False).status_code == 200  # loopback: no proxy
            except httpx.HTTPError:
                return False

        _wait_until("prefect server /api/health", healthy, SERVER_START_TIMEOUT, {server_log: server})
        serve = _start(
            [sys.executable, "-m", "flows.serve", "--input", str(inputs), "--warehouse", str(warehouse), "--cron", CRON],
            _env(base / "serve-home", PREFECT_API_URL=api, PREFECT_RUNNER_POLL_FREQUENCY="1"),
            serve_log,
        )
        procs = {server_log: server, serve_log: serve}
        with temporary_settings(updates={PREFECT_API_URL: api}), get_client(sync_client=True) as client:

            def registered():
                try:
                    return client.read_deployment_by_name(DEPLOYMENT)
                except Exception:  # noqa: BLE001 - not there yet
                    return None

            _wait_until(f"deployment {DEPLOYMENT} registered", registered, 60, procs)
        yield {"api": api, "input": inputs, "warehouse": warehouse, "procs": procs, "base": base}
    finally:
        _stop(serve)
        _stop(server)


@pytest.fixture(scope="module")
def client(prefect_server):
    """A client of the test's server (not of the session's in-process harness)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: prefect_server["api"]}):
        c = get_client(sync_client=True)
        c.__enter__()
    try:  # settings restored before yielding: the client keeps its URL, other tests keep theirs
        yield c
    finally:
        c.__exit__(None, None, None)


def _query(warehouse: Path, sql: str, params=None):
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def triggered_runs(prefect_server, client) -> dict[str, dict]:
    """The RUNS, each triggered through the API and executed by the serve process; records
    the flow run's final state and what the warehouse says afterwards."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    inputs, warehouse = prefect_server["input"], prefect_server["warehouse"]
    results = {}
    with temporary_settings(updates={PREFECT_API_URL: prefect_server["api"]}):
        for label, added_file, *_ in RUNS:
            if added_file:
                (inputs / added_file).write_text(NEW_ARTICLE, encoding="utf-8")
            started = time.monotonic()
            flow_run = run_deployment(DEPLOYMENT, timeout=RUN_TIMEOUT, poll_interval=1)
            if not flow_run.state.is_final():
                logs = "\n".join(f"--- {log.name}\n{_tail(log)}" for log in prefect_server["procs"])
                pytest.fail(f"{label}: flow run {flow_run.id} still {flow_run.state.type} after {RUN_TIMEOUT} s\n{logs}")
            ledger = _query(warehouse, """
                SELECT n_articles_new, n_articles_changed, n_articles_unchanged, n_articles
                FROM etl_runs WHERE flow_run_id = ?""", [str(flow_run.id)])
            results[label] = {
                "flow_run_id": flow_run.id,
                "state": flow_run.state,
                "seconds": time.monotonic() - started,
                "ledger": ledger,
                "kirby": _query(warehouse, "SELECT source FROM outlets_citing('Kirby') ORDER BY source"),
            }
    return results


# ----------------------------------------------------------------------------- tests

@pytest.mark.parametrize("label, added_file, counts, n_articles, n_kirby", RUNS, ids=[r[0] for r in RUNS])
def test_each_triggered_run_processes_only_new_or_changed_articles(triggered_runs, label, added_file, counts, n_articles, n_kirby):
    """The flow run completes in the serve process; its ledger row (etl_runs.flow_run_id is the
    Prefect flow run id) shows that unchanged articles were skipped, not redone."""
    run = triggered_runs[label]
    assert run["state"].is_completed(), run["state"]
    assert len(run["ledger"]) == 1, f"no etl_runs row for this flow run: {run['ledger']}"
    new, changed, unchanged, stored = run["ledger"][0]
    assert (new, changed, unchanged) == counts
    assert stored == n_articles
    assert len(run["kirby"]) == n_kirby


def test_the_served_warehouse_answers_who_cites_kirby(triggered_runs, prefect_server):
    warehouse = prefect_server["warehouse"]
    assert (warehouse / "khabar.duckdb").is_file() and (warehouse / "parquet").is_symlink()
    sources = [r[0] for r in triggered_runs[RUNS[-1][0]]["kirby"]]
    assert sources == ["000_06681168642b651a.txt", "002_dc98b6a0fe5fe638.txt", "003_67609f2c1547a75f.txt",
                       "004_cb5a9da40aca3282.txt", "005_kirby_added.txt"]
    assert _query(warehouse, "SELECT count(*), count(DISTINCT flow_run_id) FROM etl_runs") == [(len(RUNS), len(RUNS))]


def test_served_runs_publish_their_artifacts(client, triggered_runs):
    """The Prefect UI of the real server shows what each scheduled run did."""
    import json

    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.artifacts import SPEAKERS_KEY, SUMMARY_KEY

    for label, _, (new, changed, unchanged), _, _ in RUNS:
        run_id = triggered_runs[label]["flow_run_id"]
        artifacts = {a.key: a for a in client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))}
        assert set(artifacts) == {SUMMARY_KEY, SPEAKERS_KEY}, label
        summary = {row["metric"]: row["value"] for row in json.loads(artifacts[SUMMARY_KEY].data)}
        assert (summary["articles new"], summary["articles changed"], summary["articles unchanged"]) == (new, changed, unchanged)


def test_served_deployment_has_the_cron_schedule_and_parameters(client, prefect_server):
    deployment = client.read_deployment_by_name(DEPLOYMENT)
    assert [(s.schedule.cron, s.active) for s in deployment.schedules] == [(CRON, True)]
    assert deployment.parameters == {"input": str(prefect_server["input"]), "warehouse": str(prefect_server["warehouse"])}
    assert deployment.entrypoint == "flows.etl.etl"  # a module path: independent of the working directory


def test_the_server_schedules_runs_from_the_cron(client, prefect_server, triggered_runs):
    """The scheduler service turns the cron into Scheduled flow runs (at the cron's hour, on
    the hour); none falls due during the test."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId, FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType

    deployment = client.read_deployment_by_name(DEPLOYMENT)
    hour = int(CRON.split()[1])

    def scheduled():
        return client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))),
        )

    runs = _wait_until("scheduled runs from the cron", scheduled, 45, prefect_server["procs"], interval=1)
    for run in runs:
        start = run.expected_start_time.astimezone(timezone.utc)
        assert (start.hour, start.minute, start.second) == (hour, 0, 0), start
        assert run.expected_start_time > datetime.now(timezone.utc)


# Fields of prefect.yaml's deployment and how the server must have recorded them.
PREFECT_YAML_FIELDS = [
    ("entrypoint", lambda d: d.entrypoint, lambda y: y["entrypoint"]),
    ("parameters", lambda d: d.parameters, lambda y: y["parameters"]),
    ("cron schedule", lambda d: [(s.schedule.cron, s.schedule.timezone, s.active) for s in d.schedules],
     lambda y: [(s["cron"], s["timezone"], s["active"]) for s in y["schedules"]]),
    ("work pool", lambda d: d.work_pool_name, lambda y: y["work_pool"]["name"]),
    ("concurrency limit", lambda d: d.global_concurrency_limit.limit if d.global_concurrency_limit else d.concurrency_limit,
     lambda y: y["concurrency_limit"]),
]


def test_prefect_yaml_is_accepted_by_prefect_deploy(client, prefect_server, triggered_runs):
    """`prefect deploy --all` from the repository root, against the running server, after
    creating the process work pool prefect.yaml names (as its header tells users to)."""
    from prefect.client.schemas.actions import WorkPoolCreate

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment_spec] = spec["deployments"]
    assert deployment_spec["entrypoint"] == "flows/etl.py:etl"
    assert set(deployment_spec["parameters"]) == {"input", "warehouse"}
    client.create_work_pool(WorkPoolCreate(name=deployment_spec["work_pool"]["name"], type="process"))
    log = prefect_server["base"] / "deploy.log"
    with open(log, "wb") as out:
        result = subprocess.run(
            [sys.executable, "-m", "prefect", "deploy", "--all"],
            cwd=ROOT, env=_env(prefect_server["base"] / "deploy-home", PREFECT_API_URL=prefect_server["api"]),
            stdout=out, stderr=subprocess.STDOUT, timeout=120,
        )
    assert result.returncode == 0, _tail(log)
    deployment = client.read_deployment_by_name(f"khabar-etl/{deployment_spec['name']}")
    for field, recorded, declared in PREFECT_YAML_FIELDS:
        assert recorded(deployment) == declared(deployment_spec), field
    # The served deployment is a different one and was left alone.
    assert client.read_deployment_by_name(DEPLOYMENT).entrypoint == "flows.etl.etl"


# (arguments, whether a Prefect API is configured, exit code, what stderr must say) — refusals
# that need no server, checked in-process.
REFUSALS = [
    (["--cron", "every five minutes"], True, 2, "invalid cron expression"),
    (["--cron", "*/5 * * * *"], False, 2, "prefect server start"),
    (["--cron", "*/5 * * * *", "--input", "/nonexistent/input"], True, 2, "does not exist"),
    (["--cron", "*/5 * * * *", "--timezone", "Mars/Olympus_Mons"], True, 2, "unknown time zone"),
]


@pytest.mark.parametrize("extra, api_configured, code, message", REFUSALS, ids=[r[3] for r in REFUSALS])
def test_serve_refuses_what_cannot_work(tmp_path, capsys, extra, api_configured, code, message):
    """Without a server Prefect would serve against a private ephemeral API whose scheduler
    never runs: `khabar serve` says so instead of waiting forever."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.serve import main

    argv = ["--input", str(SEEDS), "--warehouse", str(tmp_path / "wh"), *extra]
    settings = {"updates": {PREFECT_API_URL: "http://127.0.0.1:9/api"}} if api_configured else {"restore_defaults": {PREFECT_API_URL}}
    with temporary_settings(**settings):
        try:
            result = main(argv)
        except SystemExit as exit_:  # argparse
            result = exit_.code
    assert result == code
    assert message in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()
