"""Crashes and concurrency against real processes: SIGKILL mid-load, two runs at once,
readers holding the DuckDB file or the Parquet files during a run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.conftest import ROOT, SEEDS

KHABAR = [sys.executable, "-m", "flows.cli"]


def _env(tmp_path: Path) -> dict[str, str]:
    """A process of its own: its own ephemeral Prefect API and home (two servers must not
    share one SQLite database)."""
    env = dict(os.environ)
    home = tmp_path / "prefect-home"
    home.mkdir(parents=True, exist_ok=True)
    env["PREFECT_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT)
    return env


def count(warehouse: Path, table: str) -> int:
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def make_feed(path: Path, n: int, offset: int = 0) -> Path:
    """n distinct small Arabic articles as a JSON Lines feed."""
    seed = (SEEDS / "000_06681168642b651a.txt").read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as handle:
        for i in range(offset, offset + n):
            handle.write(json.dumps({"outlet": f"outlet-{i % 7}", "date": f"2015-0{1 + i % 9}-15", "text": f"العدد {i}.\n" + seed}, ensure_ascii=False) + "\n")
    return path


def wait_for(predicate, timeout: float, process: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("kill_when", ["parquet", "duckdb"])
def test_sigkill_during_the_load_leaves_the_last_good_warehouse(prefect_harness, tmp_path, kill_when):
    from flows.etl import etl

    warehouse = tmp_path / "wh"
    etl(input=str(SEEDS), warehouse=str(warehouse))
    before = {t: count(warehouse, t) for t in ("articles", "sentences", "claims")}

    feed = make_feed(tmp_path / "feed.jsonl", 300)
    # its own session, so the kill takes the run's ephemeral Prefect server down with it
    process = subprocess.Popen([*KHABAR, "run", "--input", str(feed), "--warehouse", str(warehouse), "--batch-size", "50"],
                               env=_env(tmp_path), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    if kill_when == "parquet":
        seen = wait_for(lambda: any((warehouse / ".snapshots").glob("*.partial/articles/*/*.parquet")), 240, process)
    else:
        seen = wait_for(lambda: any(warehouse.glob(".khabar.duckdb.*.tmp")), 240, process)
    try:
        assert seen, process.communicate()[1].decode()[-2000:]
        os.kill(process.pid, signal.SIGKILL)  # the run itself, mid-load
        process.wait()
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # and whatever it started
        except ProcessLookupError:
            pass

    # the last good warehouse: same rows, every view works, parquet and duckdb agree
    assert {t: count(warehouse, t) for t in before} == before
    assert ds.dataset(warehouse / "parquet" / "articles", format="parquet", partitioning="hive").count_rows() == before["articles"]

    summary = etl(input=str(feed), warehouse=str(warehouse))
    assert summary.n_articles_new == 300
    assert count(warehouse, "articles") == before["articles"] + 300
    assert not list(warehouse.glob(".khabar.duckdb.*.tmp"))
    assert [p.name for p in (warehouse / ".snapshots").iterdir()] == [summary.run_id]


def test_a_run_finding_the_warehouse_locked_exits_with_a_clear_message(tmp_path):
    from flows.warehouse import warehouse_lock

    warehouse = tmp_path / "wh"
    with warehouse_lock(warehouse):  # another writer holds the warehouse
        second = subprocess.run([*KHABAR, "run", "--input", str(SEEDS), "--warehouse", str(warehouse)],
                                env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"khabar: WarehouseBusy: another khabar run (pid {os.getpid()}) is writing to {warehouse}; "
        "try again when it finishes or pass --wait SECONDS"
    ]
    assert not (warehouse / "khabar.duckdb").exists()


def test_two_runs_started_at_once_never_interleave(prefect_harness, tmp_path):
    warehouse = tmp_path / "wh"
    feeds = [make_feed(tmp_path / "a.jsonl", 150), make_feed(tmp_path / "b.jsonl", 150, offset=1000)]
    runs = [
        subprocess.Popen([*KHABAR, "run", "--input", str(feed), "--warehouse", str(warehouse), "--wait", "600"],
                         env=_env(tmp_path / feed.stem), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for feed in feeds
    ]
    for run in runs:
        _, err = run.communicate(timeout=900)
        assert run.returncode == 0, err.decode()[-2000:]
    assert count(warehouse, "articles") == 300
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        ledger = con.execute("SELECT n_articles_new, n_articles FROM etl_runs ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert sorted(ledger) == [(150, 150), (150, 300)]


def test_readers_during_a_run_neither_fail_it_nor_see_half_a_table(prefect_harness, tmp_path):
    from flows.etl import etl

    warehouse = tmp_path / "wh"
    etl(input=str(SEEDS), warehouse=str(warehouse))
    reader = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    dataset_before = ds.dataset(warehouse / "parquet" / "sentences", format="parquet", partitioning="hive")
    n_sentences = reader.execute("SELECT count(*) FROM sentences").fetchone()[0]
    try:
        feed = make_feed(tmp_path / "feed.jsonl", 20)
        summary = etl(input=str(feed), warehouse=str(warehouse))
        assert summary.status == "completed"
        # the reader still sees the whole old table, not a mixture
        assert reader.execute("SELECT count(*) FROM sentences").fetchone()[0] == n_sentences
        assert dataset_before.count_rows() == n_sentences
    finally:
        reader.close()
    assert count(warehouse, "articles") == 25
