"""End to end: the real flow (ephemeral Prefect) on the seeds into a real warehouse."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.conftest import SEEDS

KIRBY_SOURCES = [
    "000_06681168642b651a.txt",
    "002_dc98b6a0fe5fe638.txt",
    "003_67609f2c1547a75f.txt",
    "004_cb5a9da40aca3282.txt",
]
VIEWS = ["claims_by_speaker", "speaker_outlets"]


def query(warehouse: Path, sql: str, params=None):
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("name", ["Kirby", "kirby", "John Kirby", "كيربي", "جون كيربي", "كيربى"])
def test_outlets_citing_kirby_returns_the_four_articles(seed_warehouse, name):
    warehouse, _, _ = seed_warehouse
    rows = query(warehouse, "SELECT source FROM outlets_citing(?) ORDER BY source", [name])
    assert [r[0] for r in rows] == KIRBY_SOURCES


def test_unknown_outlets_fall_back_to_the_source_file(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    rows = query(warehouse, "SELECT DISTINCT outlet FROM outlets_citing('Kirby') ORDER BY 1")
    assert [r[0] for r in rows] == KIRBY_SOURCES
    assert query(warehouse, "SELECT count(*) FROM articles WHERE outlet IS NOT NULL") == [(0,)]


def test_first_run_loads_every_seed(seed_warehouse):
    warehouse, first, _ = seed_warehouse
    assert first.n_articles_new == 5 and first.n_rejects == 0
    assert query(warehouse, "SELECT count(*) FROM articles") == [(5,)]
    for table in ("sentences", "mentions", "entities", "claims"):
        assert query(warehouse, f"SELECT count(*) FROM {table}")[0][0] > 0, table


def test_second_run_on_unchanged_input_writes_no_duplicates(seed_warehouse):
    warehouse, first, second = seed_warehouse
    assert (second.n_articles_new, second.n_articles_changed, second.n_articles_unchanged) == (0, 0, 5)
    assert second.rows == first.rows
    for table, key in [("articles", "article_id"), ("sentences", "sentence_id"), ("mentions", "mention_id"),
                       ("entities", "entity_id"), ("claims", "claim_id")]:
        total, distinct = query(warehouse, f"SELECT count(*), count(DISTINCT {key}) FROM {table}")[0]
        assert total == distinct == first.rows[table], table
    runs = query(warehouse, "SELECT status, n_articles FROM etl_runs ORDER BY started_at")
    assert runs == [("completed", 5), ("completed", 5)]


def test_sentence_and_mention_offsets_reproduce_the_article_text(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    bad = query(warehouse, """
        SELECT count(*) FROM sentences s JOIN articles a USING (article_id)
        WHERE substr(a.text, s.char_start + 1, s.char_end - s.char_start) <> s.text""")
    assert bad == [(0,)]
    bad = query(warehouse, """
        SELECT count(*) FROM mentions m JOIN articles a USING (article_id)
        WHERE substr(a.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface""")
    assert bad == [(0,)]
    bad = query(warehouse, """
        SELECT count(*) FROM claims c JOIN articles a USING (article_id)
        WHERE substr(a.text, c.char_start + 1, c.char_end - c.char_start) <> c.content""")
    assert bad == [(0,)]


def test_article_text_is_the_seed_exactly(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    for source, text in query(warehouse, "SELECT source, text FROM articles"):
        assert text == (SEEDS / source).read_text(encoding="utf-8")


def test_sql_name_key_agrees_with_python(seed_warehouse):
    from transforms.text import name_key

    warehouse, _, _ = seed_warehouse
    aliases = [r[0] for r in query(warehouse, "SELECT DISTINCT unnest(aliases) FROM entities")]
    sql_keys = dict(query(warehouse, "SELECT a, khabar_name_key(a) FROM (SELECT DISTINCT unnest(aliases) AS a FROM entities)"))
    assert aliases
    assert {a: name_key(a) for a in aliases} == sql_keys


def _duckdb_cli() -> str:
    candidate = Path(sys.executable).with_name("duckdb")
    return str(candidate) if candidate.exists() else (shutil.which("duckdb") or "")


def test_duckdb_cli_opens_the_file_read_only_in_another_process(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    cli = _duckdb_cli()
    assert cli, "the duckdb CLI (PyPI duckdb-cli) is a test dependency"
    sql = "; ".join(f"SELECT '{v}', count(*) FROM {v}" for v in VIEWS)
    sql += "; SELECT 'outlets_citing', count(*) FROM outlets_citing('Kirby');"
    result = subprocess.run([cli, "-readonly", "-csv", "-noheader", str(warehouse / "khabar.duckdb"), "-c", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    counts = dict(line.split(",") for line in result.stdout.split())
    assert set(counts) == {*VIEWS, "outlets_citing"}
    assert all(int(n) > 0 for n in counts.values()), counts
    assert counts["outlets_citing"] == "4"


def test_warehouse_still_works_after_moving_the_folder(seed_warehouse, tmp_path):
    warehouse, _, _ = seed_warehouse
    moved = tmp_path / "moved"
    shutil.copytree(warehouse, moved, symlinks=True)
    assert len(query(moved, "SELECT * FROM outlets_citing('Kirby')")) == 4
    assert ds.dataset(moved / "parquet" / "articles", format="parquet", partitioning="hive").count_rows() == 5


def test_parquet_is_hive_partitioned_zstd_with_explicit_schema(seed_warehouse):
    import pyarrow.parquet as pq

    from transforms import schema

    warehouse, _, _ = seed_warehouse
    files = sorted((warehouse / "parquet" / "sentences").rglob("*.parquet"))
    assert files and all(f.parent.name == "published_month=unknown" for f in files)
    meta = pq.ParquetFile(files[0]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert pq.read_schema(files[0]).names == [f.name for f in schema.SENTENCES if f.name != "published_month"]
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{warehouse}/parquet/sentences/**/*.parquet', hive_partitioning=true)").fetchone()[0]
    assert n == query(warehouse, "SELECT count(*) FROM sentences")[0][0]


def test_edited_article_replaces_its_old_rows(prefect_harness, tmp_path):
    from flows.etl import etl

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    etl(input=str(inputs), warehouse=str(warehouse))
    old_id = query(warehouse, "SELECT article_id FROM articles WHERE source = '002_dc98b6a0fe5fe638.txt'")[0][0]
    path = inputs / "002_dc98b6a0fe5fe638.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("أكسيوس", "بوليتيكو"), encoding="utf-8")
    summary = etl(input=str(inputs), warehouse=str(warehouse))
    assert (summary.n_articles_new, summary.n_articles_changed, summary.n_articles_unchanged) == (0, 1, 4)
    assert query(warehouse, "SELECT count(*) FROM articles") == [(5,)]
    for table in ("articles", "sentences", "mentions", "claims"):
        assert query(warehouse, f"SELECT count(*) FROM {table} WHERE article_id = ?", [old_id]) == [(0,)], table
    new_text = query(warehouse, "SELECT text FROM articles WHERE source = '002_dc98b6a0fe5fe638.txt'")[0][0]
    assert "بوليتيكو" in new_text


NEW_VERSION = "0123456789abcdef"


def _articles_versions(warehouse: Path) -> list[tuple[str, str | None]]:
    return query(warehouse, "SELECT source, pipeline_version FROM articles ORDER BY source")


def _table_counts(warehouse: Path) -> dict[str, int]:
    return {t: query(warehouse, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "sentences", "mentions", "claims")}


def test_a_new_pipeline_version_re_transforms_unchanged_articles(prefect_harness, tmp_path, monkeypatch):
    """After a model or rule change, unchanged articles are transformed again (their rows
    replaced, not duplicated); the next run with the same code has nothing to redo."""
    from flows import etl as flows_etl
    from transforms import version

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    flows_etl.etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    counts = _table_counts(warehouse)
    assert {v for _, v in _articles_versions(warehouse)} == {version.PIPELINE_VERSION}

    monkeypatch.setattr(version, "PIPELINE_VERSION", NEW_VERSION)
    summary = flows_etl.etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert (summary.n_articles_new, summary.n_articles_changed, summary.n_articles_unchanged,
            summary.n_articles_reprocessed) == (0, 0, 0, 5)
    assert _table_counts(warehouse) == counts
    assert {v for _, v in _articles_versions(warehouse)} == {NEW_VERSION}
    assert query(warehouse, "SELECT n_articles_reprocessed, pipeline_version FROM etl_runs ORDER BY started_at DESC LIMIT 1") == [(5, NEW_VERSION)]

    again = flows_etl.etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert (again.n_articles_unchanged, again.n_articles_reprocessed) == (5, 0)
    assert _table_counts(warehouse) == counts


def test_switching_the_ner_mode_re_transforms_and_still_finds_kirby(prefect_harness, tmp_path,
                                                                   monkeypatch):
    """KHABAR_NER=ensemble tags with the BiLSTM-CRF + CRF: a run in that mode re-transforms
    the articles the default mode made (their version says so), and the answers hold."""
    from flows import etl as flows_etl
    from transforms import version

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    flows_etl.etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    monkeypatch.setenv("KHABAR_NER", "ensemble")
    summary = flows_etl.etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert (summary.n_articles_unchanged, summary.n_articles_reprocessed) == (0, 5)
    assert {v for _, v in _articles_versions(warehouse)} == {version.PIPELINE_VERSION + "+ensemble"}
    rows = query(warehouse, "SELECT source FROM outlets_citing('Kirby') ORDER BY source")
    assert [r[0] for r in rows] == KIRBY_SOURCES


def test_a_warehouse_from_before_pipeline_versions_is_upgraded(prefect_harness, tmp_path):
    """Article files without the pipeline_version column (older khabar) still load — as NULL —
    and their articles are transformed again when they are next read."""
    import os

    import pyarrow.parquet as pq

    from flows.etl import etl

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    warehouse = tmp_path / "wh"
    etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    counts = _table_counts(warehouse)
    for path in (warehouse / "parquet" / "articles").rglob("*.parquet"):
        old = pq.read_table(path)
        old = old.drop_columns(["pipeline_version"])
        tmp = path.with_suffix(".tmp")
        pq.write_table(old, tmp)
        os.replace(tmp, path)  # a new inode: the other snapshots' hard links are untouched
    with duckdb.connect(str(warehouse / "khabar.duckdb")) as con:  # and its DuckDB file: no build key yet
        con.execute("CREATE OR REPLACE TABLE warehouse_info AS SELECT snapshot_id, built_at FROM warehouse_info")

    empty = tmp_path / "empty"
    empty.mkdir()
    summary = etl(input=str(empty), warehouse=str(warehouse), processes=1)  # every article carried over
    assert summary.n_articles_reprocessed == 0
    assert _articles_versions(warehouse) == [(source, None) for source, _ in _articles_versions(warehouse)]
    assert _table_counts(warehouse) == counts

    summary = etl(input=str(inputs), warehouse=str(warehouse), processes=1)
    assert (summary.n_articles_unchanged, summary.n_articles_reprocessed) == (0, 5)
    assert None not in {v for _, v in _articles_versions(warehouse)}
    assert _table_counts(warehouse) == counts
