"""CPU parallelism for the transform step: a process pool shared by a run's transform tasks.

Transforms are pure Python and hold the GIL, so threads cannot use the second core. Prefect's
tasks stay thin (they run in the flow's thread pool and only hand a batch to the pool), and
the pool's workers import only ``transforms`` — not Prefect — so they start fast and carry
no orchestration overhead. Workers come from a ``forkserver`` that has already imported the
transforms and loaded the NER model, so each fork is cheap and no Prefect threads are
forked. With ``processes <= 1`` (or under a distributed task runner such as Dask, which
brings its own workers) the batch runs inline.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

import pyarrow as pa

from flows.warehouse import SnapshotWriter
from transforms.pipeline import process_articles
from transforms.sources import Article

_POOLS: dict[int, ProcessPoolExecutor] = {}
_LOCK = threading.Lock()
# One transform at a time per process. The transforms hold the GIL, so two threads gain
# nothing from running them together, and the tagger's word caches are not thread-safe: when
# batches run inline (processes <= 1, or a Dask worker with several threads) the flow's
# threads would otherwise share them. In a pool worker the lock is never contended.
_TRANSFORM = threading.Lock()


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _warm_up() -> None:
    """Runs once in the forkserver: load the lexicons and the model before any fork."""
    from transforms.entities.features import load_clusters
    from transforms.entities.gazetteer import load_gazetteer
    from transforms.entities.tagger import default_tagger

    load_gazetteer()
    load_clusters()
    default_tagger()
    # A worker builds hundreds of thousands of small row objects per batch, none of them in
    # reference cycles, and the default gen-0 threshold (700) has the cyclic GC walk them
    # again and again: ~12 % of a worker's time. Collect far less often, and leave what the
    # warm-up loaded out of every collection.
    gc.set_threshold(50_000, 20, 100)
    gc.freeze()


def pool(processes: int) -> ProcessPoolExecutor:
    with _LOCK:
        executor = _POOLS.get(processes)
        if executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["flows._pool_preload"])
            executor = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_warm_up)
            _POOLS[processes] = executor
        return executor


def release_workers() -> None:
    """Stop the transform workers (the warm forkserver stays, so the next run's start in a
    moment). Called when a run's transforms are done: idle workers still hold their batch
    high-water mark (~400 MB each), memory the load stage's DuckDB build needs more; and a run
    inside a multiprocessing child (``etl.serve``) never exits while its pool is alive."""
    with _LOCK:
        for executor in _POOLS.values():
            executor.shutdown(wait=True, cancel_futures=True)
        _POOLS.clear()


def transform_and_write(articles: list[Article], writer: SnapshotWriter, part: str, run_id: str, ingested_at: datetime) -> tuple[dict[str, int], pa.Table]:
    """One batch: pure transforms, then its Parquet parts into the snapshot under construction.
    Returns row counts and the batch's entities (merged across batches by the flow)."""
    with _TRANSFORM:
        tables = process_articles(articles, run_id, ingested_at).tables()
    return writer.write_article_tables(tables, part), tables["entities"]


def run_batch(articles: list[Article], writer: SnapshotWriter, part: str, run_id: str, ingested_at: datetime, processes: int) -> tuple[dict[str, int], pa.Table]:
    if processes <= 1:
        return transform_and_write(articles, writer, part, run_id, ingested_at)
    return pool(processes).submit(transform_and_write, articles, writer, part, run_id, ingested_at).result()
