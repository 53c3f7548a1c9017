"""Past one machine: the same flow on a real Dask LocalCluster (2 worker processes) through
prefect-dask produces tables identical to the default run."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import SEEDS

# Columns that name the run rather than the data.
RUN_COLUMNS = {"run_id", "ingested_at", "seen_at"}
TABLES = {
    "articles": "article_id",
    "sentences": "sentence_id",
    "mentions": "mention_id",
    "entities": "entity_id",
    "claims": "claim_id",
    "article_sources": "source",
}


def snapshot(warehouse) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        out = {}
        for table, key in TABLES.items():
            columns = [c for (c,) in con.execute(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall() if c not in RUN_COLUMNS]
            out[table] = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {key}").fetchall()
        return out
    finally:
        con.close()


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_tables(prefect_harness, tmp_path):
    from prefect_dask import DaskTaskRunner

    from flows.etl import etl

    default = etl(input=str(SEEDS), warehouse=str(tmp_path / "default"), batch_size=2)
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None})
    distributed = etl.with_options(task_runner=runner)(
        input=str(SEEDS), warehouse=str(tmp_path / "dask"), batch_size=2, processes=1
    )
    assert distributed.status == default.status == "completed"
    assert distributed.rows == default.rows
    expected, actual = snapshot(tmp_path / "default"), snapshot(tmp_path / "dask")
    for table in TABLES:
        assert actual[table] == expected[table], table
