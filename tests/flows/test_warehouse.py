"""The DuckDB file of a re-run: updated from the previous one when that can be trusted, rebuilt
from the Parquet snapshot otherwise — and the same rows either way.

These run ``etl_direct`` (the flow's own wiring without Prefect): what is tested is the
warehouse, not the orchestration, which tests/flows/test_etl.py covers with real flow runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows import warehouse as wh
from flows.etl import etl_direct
from tests.conftest import SEEDS
from tests.flows._duckdb_cli import run_sql
from transforms import schema

EDITED = "002_dc98b6a0fe5fe638.txt"


def _info(warehouse: Path) -> tuple[str, int]:
    with duckdb.connect(str(warehouse / wh.DUCKDB_NAME), read_only=True) as con:
        return con.execute("SELECT snapshot_id, updates_since_rebuild FROM warehouse_info").fetchone()


def _differences(a: Path, b: Path) -> dict[str, int]:
    """Rows of each table that one file has and the other lacks (multiset difference)."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    diff = {}
    for table in schema.ALL_TABLES:
        n = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM a.{table} EXCEPT ALL SELECT * FROM b.{table}) "
            f"UNION ALL SELECT count(*) FROM (SELECT * FROM b.{table} EXCEPT ALL SELECT * FROM a.{table})"
        ).fetchall()
        diff[table] = n[0][0] + n[1][0]
    con.close()
    return diff


def _edit(inputs: Path, old: str = "أكسيوس", new: str = "بوليتيكو") -> None:
    path = inputs / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    target = tmp_path / "in"
    shutil.copytree(SEEDS, target)
    return target


def test_an_edited_re_run_updates_the_file_to_what_a_rebuild_gives(inputs, tmp_path):
    warehouse = tmp_path / "wh"
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert _info(warehouse)[1] == 0  # the first run builds
    _edit(inputs)
    summary = etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert (summary.n_articles_changed, summary.n_articles_removed) == (1, 1)
    assert _info(warehouse) == (summary.run_id, 1)  # updated, not rebuilt
    rebuilt = tmp_path / "rebuilt.duckdb"
    wh.build_duckdb(wh.current_snapshot(warehouse), rebuilt, summary.run_id)
    assert _differences(warehouse / wh.DUCKDB_NAME, rebuilt) == {t: 0 for t in schema.ALL_TABLES}
    # The updated file is still one the DuckDB 1.5 CLI opens, with every answer in place.
    rows = run_sql(warehouse / wh.DUCKDB_NAME, "SELECT count(*) AS n FROM outlets_citing('Kirby')")
    assert rows == [{"n": 4}]


def _delete_a_claim(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM claims WHERE claim_id = (SELECT min(claim_id) FROM claims)")


def _drop_build_key(path: Path) -> None:  # a file written by khabar before updates existed
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE OR REPLACE TABLE warehouse_info AS SELECT snapshot_id, built_at FROM warehouse_info")


def _overwrite_with_garbage(path: Path) -> None:
    path.write_bytes(b"not a duckdb file" * 100)


def _remove(path: Path) -> None:
    path.unlink()


def _change_an_sql_file(path: Path, monkeypatch) -> None:
    monkeypatch.setattr(wh, "_build_key", lambda: "another-sql")


@pytest.mark.parametrize(
    "tamper",
    [_delete_a_claim, _drop_build_key, _overwrite_with_garbage, _remove, _change_an_sql_file],
    ids=["rows changed behind khabar's back", "file from before build keys", "not a DuckDB file",
         "file deleted", "sql/ changed since the build"],
)
def test_a_file_that_cannot_be_trusted_is_rebuilt(inputs, tmp_path, monkeypatch, tamper):
    warehouse = tmp_path / "wh"
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    counts = wh.table_counts(warehouse / wh.DUCKDB_NAME, schema.ALL_TABLES)
    if tamper is _change_an_sql_file:
        tamper(warehouse / wh.DUCKDB_NAME, monkeypatch)
    else:
        tamper(warehouse / wh.DUCKDB_NAME)
    summary = etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert _info(warehouse) == (summary.run_id, 0)  # rebuilt
    after = wh.table_counts(warehouse / wh.DUCKDB_NAME, schema.ALL_TABLES)
    assert {t: n for t, n in after.items() if t != "etl_runs"} == {t: n for t, n in counts.items() if t != "etl_runs"}
    assert after["etl_runs"] == counts["etl_runs"] + 1
    assert not list(warehouse.glob(f".{wh.DUCKDB_NAME}.*.tmp"))  # the failed copy is gone


def test_the_file_is_rebuilt_after_max_updates(inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(wh, "MAX_DUCKDB_UPDATES", 2)
    warehouse = tmp_path / "wh"
    updates = []
    for _ in range(4):
        etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
        updates.append(_info(warehouse)[1])
    assert updates == [0, 1, 2, 0]


def test_a_run_replacing_more_than_a_fifth_of_the_articles_rebuilds(inputs, tmp_path):
    warehouse = tmp_path / "wh"
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    _edit(inputs)  # 1 of 5 articles: 20 %, the most an update takes
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert _info(warehouse)[1] == 1
    for path in sorted(inputs.glob("00[01]_*.txt")):  # 2 of 5 more
        path.write_text("تحديث: " + path.read_text(encoding="utf-8"), encoding="utf-8")
    summary = etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert summary.n_articles_removed == 2
    assert _info(warehouse)[1] == 0


def test_a_killed_run_s_half_made_duckdb_file_and_its_log_are_cleaned_up(inputs, tmp_path):
    warehouse = tmp_path / "wh"
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    leftovers = [warehouse / f".{wh.DUCKDB_NAME}.20260101T000000-dead.tmp",
                 warehouse / f".{wh.DUCKDB_NAME}.20260101T000000-dead.tmp.wal"]
    for path in leftovers:
        path.write_bytes(b"half written")
    etl_direct(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert [p for p in leftovers if p.exists()] == []
    assert _info(warehouse)[1] == 1
