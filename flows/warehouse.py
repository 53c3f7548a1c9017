"""The warehouse on disk: Parquet snapshots published atomically, and a DuckDB file swapped in.

Layout (``<warehouse>/``)::

    parquet -> .snapshots/<run_id>          relative symlink, swapped atomically per run
    .snapshots/<run_id>/<table>/published_month=YYYY-MM/part-*.parquet   (article tables)
    .snapshots/<run_id>/<table>/part-*.parquet                           (entities, ledgers)
    khabar.duckdb                           tables + every view in sql/, updated or rebuilt, swapped
    .khabar.lock                            one writer at a time

Why snapshots: a run that dies half-way must leave the last good warehouse behind, and readers
(BI tools on the Parquet, the DuckDB CLI holding the file) must never see half a table. A new
snapshot starts as hard links to the unchanged files of the previous one, so an incremental run
writes only what changed. The DuckDB file is built beside the old one — a copy of it with the
run's changes applied, or rebuilt from the snapshot when the old one cannot be trusted — and
renamed over it, so a reader holding the old file keeps reading the old file. DuckDB tables are materialized
copies, so moving the warehouse folder breaks nothing.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms import schema

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
DUCKDB_NAME = "khabar.duckdb"
PARQUET_LINK = "parquet"
SNAPSHOTS = ".snapshots"
LOCK_NAME = ".khabar.lock"
# The DuckDB CLI a user can install here (PyPI duckdb-cli 1.5.x) reads this storage format.
DUCKDB_STORAGE_VERSION = "v1.5.0"
PARQUET_COMPRESSION = "zstd"
# Measured building the whole SaudiNewsNet warehouse: 512MB → 558 MB peak RSS in 4.5 s,
# 256MB → 380 MB in 5.1 s, 128MB → 259 MB in 6.1 s. Past the limit DuckDB spills to disk.
DUCKDB_MEMORY_LIMIT = "256MB"
log = logging.getLogger(__name__)
# An updated DuckDB file keeps the blocks its deleted rows held (measured: +4 MB a run on a
# 296 MB file with 1 % edited): rebuild it after this many updates, or when a run replaces
# more than this share of the articles (a rebuild is then about as quick, and compact).
MAX_DUCKDB_UPDATES = 20
MAX_UPDATE_SHARE = 0.2


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


@contextmanager
def warehouse_lock(warehouse: Path, wait_seconds: float = 0.0):
    """Exclusive lock for the duration of a run; waits up to ``wait_seconds`` for another run."""
    warehouse.mkdir(parents=True, exist_ok=True)
    handle = open(warehouse / LOCK_NAME, "a+")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"another khabar run ({holder}) is writing to {warehouse}; "
                        f"try again when it finishes or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def current_snapshot(warehouse: Path) -> Path | None:
    link = warehouse / PARQUET_LINK
    if not link.is_symlink():
        return None
    target = (warehouse / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def table_files(snapshot: Path | None, table: str) -> list[Path]:
    if snapshot is None or not (snapshot / table).is_dir():
        return []
    return sorted((snapshot / table).rglob("*.parquet"))


def read_table(snapshot: Path | None, table: str, columns: list[str] | None = None) -> pa.Table:
    """All rows of one table of a snapshot (partition column restored for article tables)."""
    target = schema.ALL_TABLES[table]
    files = table_files(snapshot, table)
    if not files:
        return target.empty_table() if columns is None else pa.schema([target.field(c) for c in columns]).empty_table()
    parts = []
    for path in files:
        wanted = None if columns is None else [c for c in columns if c != schema.PARTITION_KEY]
        if wanted is not None:  # a file written before a column existed lacks it
            present = set(pq.read_schema(path).names)
            wanted = [c for c in wanted if c in present]
        part = pq.read_table(path, columns=wanted)
        if table in schema.ARTICLE_TABLES and (columns is None or schema.PARTITION_KEY in columns):
            month = path.parent.name.split("=", 1)[1]
            part = part.append_column(schema.PARTITION_KEY, pa.array([month] * part.num_rows, pa.string()))
        parts.append(part)
    result = pa.concat_tables(parts, promote_options="permissive")
    names = [f.name for f in target] if columns is None else columns
    for name in names:
        if name not in result.column_names:  # older snapshot: the column is null
            result = result.append_column(target.field(name), pa.nulls(result.num_rows, target.field(name).type))
    return result.select(names).cast(pa.schema([target.field(n) for n in names]))


@dataclass
class SnapshotWriter:
    """Builds the next snapshot next to the current one; nothing is visible until ``publish``."""

    warehouse: Path
    run_id: str

    def __post_init__(self) -> None:
        self.base = current_snapshot(self.warehouse)
        self.root = self.warehouse / SNAPSHOTS / f"{self.run_id}.partial"
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        self.final = self.warehouse / SNAPSHOTS / self.run_id

    # -- carrying the previous snapshot over -------------------------------------------
    def carry_over(self, removed_article_ids: set[str]) -> None:
        """Hard-link every unchanged file of the previous snapshot; rewrite article-table files
        that hold rows of removed (edited) articles without those rows."""
        if self.base is None:
            return
        removed = pa.array(sorted(removed_article_ids), pa.string())

        def carry(table: str, path: Path) -> None:
            target = self.root / path.relative_to(self.base)
            target.parent.mkdir(parents=True, exist_ok=True)
            if table in schema.ARTICLE_TABLES and len(removed):
                ids = pq.read_table(path, columns=["article_id"]).column("article_id")
                hit = pc.is_in(ids, value_set=removed)
                if pc.any(hit).as_py():
                    kept = pq.read_table(path).filter(pc.invert(hit))
                    if kept.num_rows:
                        _write(kept, target)
                    return
            _link_or_copy(path, target)

        files = [(t, p) for t in (*schema.ARTICLE_TABLES, "etl_runs", "rejects") for p in table_files(self.base, t)]
        # Edits scattered over the corpus touch nearly every file; Arrow reads, filters and
        # compresses outside the GIL, so threads share the rewriting (measured on 30,000
        # articles with 1 % edited, 2 cores: 3.5–4.0 s in one thread, 2.25 s in two, 1.9 s in
        # four — some of it is waiting on the disk).
        with ThreadPoolExecutor(max_workers=min(16, 2 * (os.cpu_count() or 1))) as pool:
            list(pool.map(lambda item: carry(*item), files))

    # -- new rows ------------------------------------------------------------------------
    def write_article_tables(self, tables: dict[str, pa.Table], part: str) -> dict[str, int]:
        """Write one batch's article tables, one file per published month."""
        counts = {}
        for table, data in tables.items():
            if table not in schema.ARTICLE_TABLES:
                continue
            counts[table] = data.num_rows
            if not data.num_rows:
                continue
            months = data.column(schema.PARTITION_KEY)
            for month in sorted(set(months.to_pylist())):
                rows = data.filter(pc.equal(months, month)).drop_columns([schema.PARTITION_KEY])
                _write(rows, self.root / table / f"{schema.PARTITION_KEY}={month}" / f"part-{part}.parquet")
        return counts

    def write_table(self, table: str, data: pa.Table, name: str = "part-0") -> None:
        _write(data.cast(schema.ALL_TABLES[table]), self.root / table / f"{name}.parquet")

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """Read a table from the snapshot being built."""
        return read_table(self.root, table, columns)

    # -- publishing ------------------------------------------------------------------------
    def publish(self, removed_article_ids: set[str] | None = None) -> Path:
        """Make the new snapshot the current one (one atomic rename of the ``parquet`` link)
        after its DuckDB file has been built; then swap that file in and drop old snapshots.

        ``removed_article_ids`` (the ones ``carry_over`` dropped) lets the DuckDB file be
        updated from the previous one instead of rebuilt (``update_duckdb``); without it,
        or when the previous file cannot be trusted, it is built from the whole snapshot."""
        os.replace(self.root, self.final)
        duckdb_tmp = self.warehouse / f".{DUCKDB_NAME}.{self.run_id}.tmp"
        updated = removed_article_ids is not None and self.base is not None and update_duckdb(
            self.warehouse / DUCKDB_NAME, self.base.name, self.final, duckdb_tmp, self.run_id, removed_article_ids
        )
        if not updated:
            build_duckdb(self.final, duckdb_tmp, self.run_id)
        link_tmp = self.warehouse / f".{PARQUET_LINK}.{self.run_id}.tmp"
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        os.symlink(os.path.join(SNAPSHOTS, self.run_id), link_tmp)
        os.replace(link_tmp, self.warehouse / PARQUET_LINK)
        os.replace(duckdb_tmp, self.warehouse / DUCKDB_NAME)
        _fsync_dir(self.warehouse)
        self._drop_old_snapshots()
        return self.final

    def abandon(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _drop_old_snapshots(self) -> None:
        for path in (self.warehouse / SNAPSHOTS).iterdir():
            if path != self.final:
                shutil.rmtree(path, ignore_errors=True)
        for path in [*self.warehouse.glob(f".{DUCKDB_NAME}.*.tmp"), *self.warehouse.glob(f".{DUCKDB_NAME}.*.tmp.wal"),
                     *self.warehouse.glob(f".{PARQUET_LINK}.*.tmp")]:
            path.unlink(missing_ok=True)  # left behind by a run that was killed (a DuckDB file with its log)
        shutil.rmtree(self.warehouse / ".duckdb-tmp", ignore_errors=True)


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression=PARQUET_COMPRESSION)
    os.replace(tmp, path)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------ DuckDB

if TYPE_CHECKING:
    import duckdb


def sql_files() -> list[Path]:
    return sorted(SQL_DIR.glob("*.sql"))


def build_duckdb(snapshot: Path, target: Path, run_id: str) -> None:
    """A fresh DuckDB file from a snapshot: tables from sql/, rows from Parquet, views from sql/."""
    target.unlink(missing_ok=True)
    con = _connect(target)
    try:
        con.execute(f"ATTACH '{_sql_str(target)}' AS khabar (STORAGE_VERSION '{DUCKDB_STORAGE_VERSION}')")
        con.execute("USE khabar")
        con.execute("BEGIN TRANSACTION")
        for path in sql_files():
            con.execute(path.read_text(encoding="utf-8"))
            if path.name.startswith("001_"):
                _load_tables(con, snapshot, schema.ALL_TABLES)
        _write_info(con, run_id, updates=0, build_key=_build_key())
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def update_duckdb(current: Path, base_run_id: str, snapshot: Path, target: Path, run_id: str, removed_article_ids: set[str]) -> bool:
    """The next DuckDB file as a copy of the current one with this run's changes applied:
    rows of removed (edited) articles deleted, this run's new article files inserted, the small
    whole-run tables (entities, sources, ledgers) replaced. A re-run with 1 % of the articles
    edited costs ~1 s here instead of ~5 s for a rebuild of 30,000 articles.

    Returns False, having written nothing that stays, when the copy cannot be trusted — it was
    not built from ``base_run_id`` by the same sql/ and DuckDB, it has been updated
    ``MAX_DUCKDB_UPDATES`` times since its last rebuild (deleted rows leave free blocks), the
    run replaces more than ``MAX_UPDATE_SHARE`` of the articles — or when its row counts do not
    equal the snapshot's after the update: the caller then rebuilds it from the snapshot."""
    if not current.is_file():
        return False
    import duckdb

    target.unlink(missing_ok=True)
    shutil.copyfile(current, target)
    con = _connect(target)
    ok = False
    try:
        con.execute(f"ATTACH '{_sql_str(target)}' AS khabar")
        con.execute("USE khabar")
        info = _read_info(con)
        expected = snapshot_counts(snapshot)
        build_key = _build_key()
        ok = (
            info is not None
            and info["snapshot_id"] == base_run_id
            and info["build_key"] == build_key
            and info["updates"] < MAX_DUCKDB_UPDATES
            and len(removed_article_ids) <= MAX_UPDATE_SHARE * expected["articles"]
        )
        if ok:
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "CREATE TEMP TABLE removed_articles AS SELECT unnest(?::VARCHAR[]) AS article_id",
                [sorted(removed_article_ids)],
            )
            for table in schema.ARTICLE_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM removed_articles)")
            for table in schema.ALL_TABLES:
                if table not in schema.ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table}")
            _load_tables(con, snapshot, schema.ALL_TABLES, new_in_run=run_id)
            _write_info(con, run_id, updates=info["updates"] + 1, build_key=build_key)
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.ALL_TABLES}
            ok = counts == expected
            con.execute("COMMIT" if ok else "ROLLBACK")
            if ok:
                con.execute("CHECKPOINT")
            else:
                log.warning("DuckDB update gave %s rows where the snapshot has %s: rebuilding", counts, expected)
    except duckdb.Error as exc:  # an unreadable or foreign file: the rebuild is the way out
        log.warning("DuckDB file %s not updated (%s): rebuilding", current, exc)
        ok = False
    finally:
        con.close()
    if not ok:
        target.unlink(missing_ok=True)
    return ok


def snapshot_counts(snapshot: Path) -> dict[str, int]:
    """Rows per table of a snapshot, from the Parquet footers (no data read)."""
    return {t: sum(pq.ParquetFile(p).metadata.num_rows for p in table_files(snapshot, t)) for t in schema.ALL_TABLES}


def _connect(target: Path) -> duckdb.DuckDBPyConnection:
    import duckdb  # here, not at the top: transform workers import this module and need no DuckDB

    # Bounded memory whatever the corpus size: DuckDB spills to disk past the limit.
    return duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": str(target.parent / ".duckdb-tmp")})


def _build_key() -> str:
    """What a DuckDB file's tables and views depend on besides the data: every sql/ file and
    the DuckDB library that wrote it. A file built under another key is rebuilt, not updated."""
    import duckdb

    digest = hashlib.sha256(duckdb.__version__.encode())
    for path in sql_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _write_info(con: duckdb.DuckDBPyConnection, run_id: str, updates: int, build_key: str) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE warehouse_info AS SELECT ? AS snapshot_id, now() AS built_at, "
        "? AS build_key, ?::INTEGER AS updates_since_rebuild",
        [run_id, build_key, updates],
    )


def _read_info(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The current file's warehouse_info row; None for a file from before it had these columns."""
    import duckdb

    try:
        row = con.execute("SELECT snapshot_id, build_key, updates_since_rebuild FROM warehouse_info").fetchall()
    except duckdb.Error:  # a file from before these columns (Binder/Catalog error)
        return None
    if len(row) != 1:
        return None
    return {"snapshot_id": row[0][0], "build_key": row[0][1], "updates": row[0][2]}


def _load_tables(con: duckdb.DuckDBPyConnection, snapshot: Path, tables: Iterable[str], new_in_run: str | None = None) -> None:
    """Insert the snapshot's rows of ``tables``; with ``new_in_run``, of the article tables only
    the files that run wrote (``part-<run_id>-*``), since the others' rows are already there."""
    for table in tables:
        table_schema = schema.ALL_TABLES[table]
        files = table_files(snapshot, table)
        if new_in_run is not None and table in schema.ARTICLE_TABLES:
            files = [p for p in files if p.name.startswith(f"part-{new_in_run}-")]
        if not files:
            continue
        columns = ", ".join(f'"{f.name}"' for f in table_schema)
        # Files from an older snapshot may lack a newer column: it loads as NULL.
        present = {name for p in files for name in pq.read_schema(p).names} | {schema.PARTITION_KEY}
        values = ", ".join(f'"{f.name}"' if f.name in present else f'NULL AS "{f.name}"' for f in table_schema)
        file_list = ", ".join(f"'{_sql_str(p)}'" for p in files)
        hive = (
            f"hive_partitioning=true, hive_types={{'{schema.PARTITION_KEY}': VARCHAR}}"
            if table in schema.ARTICLE_TABLES
            else "hive_partitioning=false"
        )
        con.execute(
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM read_parquet([{file_list}], {hive}, union_by_name=true)"
        )


def _sql_str(path: Path | str) -> str:
    return str(path).replace("'", "''")


def table_counts(duckdb_path: Path, tables: Iterable[str]) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()
