"""Export of the current snapshot through a pyarrow filesystem URI (the code path S3/GCS use),
read back by DuckDB with hive partitioning."""

from __future__ import annotations

import duckdb
import pyarrow.dataset as ds

from flows.export import export_snapshot


def test_export_to_a_filesystem_uri_reads_back_in_duckdb(seed_warehouse, tmp_path):
    warehouse, first, _ = seed_warehouse
    destination = f"file://{tmp_path / 'remote'}"
    counts = export_snapshot(warehouse, destination)
    assert {t: counts[t] for t in first.rows} == first.rows
    assert sorted(p.name for p in (tmp_path / "remote" / "sentences").iterdir()) == ["published_month=unknown"]
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*) FROM read_parquet('{tmp_path}/remote/claims/**/*.parquet', hive_partitioning = true) "
        "WHERE published_month = 'unknown'"
    ).fetchone()[0]
    assert n == first.rows["claims"]
    assert ds.dataset(tmp_path / "remote" / "articles", partitioning="hive").count_rows() == 5
    # exporting again replaces, never duplicates
    export_snapshot(warehouse, destination)
    assert ds.dataset(tmp_path / "remote" / "articles", partitioning="hive").count_rows() == 5
