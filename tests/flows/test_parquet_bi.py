"""BI-ready Parquet: every table of the seeds' warehouse reads back from its Parquet files
(pyarrow datasets and DuckDB's read_parquet, both with Hive partitioning) with the rows and
columns of the DuckDB tables; every list column has a flat view; and docs/data-dictionary.md
documents every table, view, column and macro with the types and nullability they really have.

Why: BI tools and dataframes read the Parquet files, not khabar.duckdb, and analysts read the
dictionary, not transforms/schema.py — both must stay true as the schema grows.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from tests.conftest import ROOT
from tests.flows._duckdb_cli import scalar
from transforms import schema

pytestmark = pytest.mark.slow

DICTIONARY = ROOT / "docs" / "data-dictionary.md"
TABLES = list(schema.ALL_TABLES)


# ----------------------------------------------------------------------------- helpers

def parse_dictionary(path: Path = DICTIONARY) -> dict[str, list[dict[str, str]]]:
    """{section name: rows of its first table}; sections are '### `name`' headings, rows are
    dicts keyed by the table's header cells, backticks stripped."""
    sections: dict[str, list[dict[str, str]]] = {}
    name = header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^###\s+`([^`]+)`", line)
        if heading:
            name, header = heading.group(1), None
            sections[name] = []
            continue
        if name is None or not line.startswith("|"):
            if header is not None and not line.startswith("|"):
                name = header = None  # the section's first table has ended
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            sections[name].append({h: c.replace("`", "") for h, c in zip(header, cells)})
    return sections


def macros_documented(path: Path = DICTIONARY) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("## Macros"):]


def _duck(warehouse: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)


def _columns(con, name: str) -> list[tuple[str, str, str]]:
    """(column, DuckDB type, nullable yes/no) of a table or view, in order."""
    return [(c, t, n.lower()) for c, t, n in con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [name]).fetchall()]


@pytest.fixture(scope="module")
def duck(seed_warehouse):
    warehouse, _, _ = seed_warehouse
    con = _duck(warehouse)
    yield con
    con.close()


# ----------------------------------------------------------------------------- Parquet

@pytest.mark.parametrize("table", TABLES)
def test_parquet_reads_back_like_the_duckdb_table(seed_warehouse, duck, table):
    warehouse, _, _ = seed_warehouse
    folder = warehouse / "parquet" / table
    n_rows = duck.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    columns = [c for c, _, _ in _columns(duck, table)]
    assert columns == schema.ALL_TABLES[table].names
    files = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    if not files:  # documented: an empty table has no files (rejects, after a clean run)
        assert n_rows == 0
        return

    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    assert dataset.count_rows() == n_rows
    assert dataset.schema.names == columns
    for field in dataset.schema:  # the contract's types, partition column included
        assert field.type == schema.ALL_TABLES[table].field(field.name).type, field.name

    con = duckdb.connect()
    try:
        glob = f"{folder}/**/*.parquet".replace("'", "''")
        cursor = con.execute(f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true) LIMIT 0")
        assert [d[0] for d in cursor.description] == columns
        assert con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()[0] == n_rows
    finally:
        con.close()


def test_partition_column_comes_from_the_folders_not_the_files(seed_warehouse):
    """BI tools must enable Hive partitioning to see published_month (the dictionary says so)."""
    import pyarrow.parquet as pq

    warehouse, _, _ = seed_warehouse
    for table in schema.ARTICLE_TABLES:
        files = sorted((warehouse / "parquet" / table).rglob("*.parquet"))
        assert all(re.fullmatch(r"published_month=(\d{4}-\d{2}|unknown)", f.parent.name) for f in files), table
        assert schema.PARTITION_KEY not in pq.read_schema(files[0]).names


# (table, list column, flat view, its value column, the id column they share)
FLAT_VIEWS = [
    ("articles", "flags", "article_flags", "flag", "article_id"),
    ("entities", "aliases", "entity_aliases", "alias", "entity_id"),
    ("entities", "alias_keys", "entity_alias_keys", "alias_key", "entity_id"),
]


def test_every_list_column_has_a_flat_view():
    lists = {(t, f.name) for t, s in schema.ALL_TABLES.items() for f in s if pa.types.is_list(f.type)}
    assert lists == {(t, c) for t, c, *_ in FLAT_VIEWS}


@pytest.mark.parametrize("table, column, view, value, key", FLAT_VIEWS, ids=[v[2] for v in FLAT_VIEWS])
def test_flat_view_has_one_row_per_list_element(seed_warehouse, table, column, view, value, key):
    """Same multiset of (id, element) both ways; run through the DuckDB CLI like a user would."""
    warehouse, _, _ = seed_warehouse
    db = warehouse / "khabar.duckdb"
    unnested = f"SELECT {key}, unnest({column}) AS v FROM {table}"
    flat = f"SELECT {key}, {value} FROM {view}"
    assert scalar(db, f"SELECT count(*) FROM ({unnested} EXCEPT ALL {flat})") == 0
    assert scalar(db, f"SELECT count(*) FROM ({flat} EXCEPT ALL {unnested})") == 0
    assert scalar(db, f"SELECT count(*) FROM {view}") == scalar(db, f"SELECT coalesce(sum(len({column})), 0)::BIGINT FROM {table}")


# ----------------------------------------------------------------------------- the dictionary

DOCUMENTED = parse_dictionary() if DICTIONARY.exists() else {}


@pytest.mark.parametrize("table", TABLES)
def test_dictionary_documents_every_column_of_the_contract(duck, table):
    rows = DOCUMENTED.get(table)
    assert rows, f"docs/data-dictionary.md has no section ### `{table}`"
    arrow = schema.ALL_TABLES[table]
    documented = [(r["column"], r["DuckDB type"], r["Parquet type"], r["nullable"]) for r in rows]
    actual = [(c, t, str(arrow.field(c).type), n) for c, t, n in _columns(duck, table)]
    assert documented == actual
    assert all(r["meaning"] and r["example"] for r in rows), "every column needs a meaning and an example"


def test_dictionary_documents_every_table_and_view_of_the_duckdb_file(duck):
    objects = [name for (name,) in duck.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name").fetchall()]
    assert set(TABLES) <= set(objects)
    missing = [name for name in objects if name not in DOCUMENTED]
    assert not missing, f"not in docs/data-dictionary.md: {missing}"


VIEWS = ["claims_by_speaker", "speaker_outlets", "entity_cooccurrence", "sentence_outlets", "syndicated_sentences",
         "similar_sentences", "outlet_summary", "article_flags", "entity_aliases", "entity_alias_keys", "warehouse_info"]


@pytest.mark.parametrize("view", VIEWS)
def test_dictionary_documents_every_view_column_with_its_type(duck, view):
    documented = [(r["column"], r["DuckDB type"]) for r in DOCUMENTED[view]]
    assert documented == [(c, t) for c, t, _ in _columns(duck, view)]
    assert all(r["meaning"] for r in DOCUMENTED[view])


def test_dictionary_documents_every_macro(duck):
    macros = [name for (name,) in duck.execute(
        "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') AND NOT internal ORDER BY 1").fetchall()]
    assert macros
    section = macros_documented()
    assert [m for m in macros if f"`{m}(" not in section] == []
