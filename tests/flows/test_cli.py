"""The `khabar` console command: help everywhere, one-line failures, the Kirby answer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

KHABAR = [sys.executable, "-m", "flows.cli"]


@pytest.mark.parametrize("command", [[], ["run"], ["cites"], ["serve"], ["export"], ["eval"], ["train-ner"], ["train-bilstm"], ["train-clusters"]])
def test_every_command_has_help(command):
    result = subprocess.run([*KHABAR, *command, "--help"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: khabar")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--input", "/nonexistent/input", "--warehouse", "{tmp}/wh"], "khabar: FileNotFoundError: input /nonexistent/input does not exist"),
        (["cites", "Kirby", "--warehouse", "{tmp}/none"], "khabar: no warehouse at {tmp}/none/khabar.duckdb; run `khabar run` first"),
    ],
)
def test_failures_exit_non_zero_with_one_line(tmp_path, args, message):
    env_args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = subprocess.run([*KHABAR, *env_args], capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={**__import__("os").environ, "PREFECT_HOME": str(tmp_path / "ph")})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [message.replace("{tmp}", str(tmp_path))]


def test_cites_prints_the_four_kirby_articles(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    result = subprocess.run([*KHABAR, "cites", "كيربي", "--warehouse", str(warehouse)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Outlets citing كيربي: 4 article(s)"
    assert [line.split()[0] for line in lines[1:]] == [
        "000_06681168642b651a.txt", "002_dc98b6a0fe5fe638.txt", "003_67609f2c1547a75f.txt", "004_cb5a9da40aca3282.txt"]


def test_run_on_a_fresh_warehouse_prints_only_its_summary(tmp_path):
    """The transform workers start and stop inside the run; nothing they import may print
    on the way out (DuckDB's bindings report 'leaked' objects when a process exits with
    them loaded — workers never import DuckDB)."""
    warehouse = tmp_path / "wh"
    result = subprocess.run([*KHABAR, "run", "--warehouse", str(warehouse)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr[-2000:]
    assert "5 new" in result.stdout
