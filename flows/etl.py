"""The khabar ETL flow: extract → transform → Parquet snapshot → DuckDB.

Tasks are thin typed wrappers over ``transforms`` and ``flows.warehouse``; the flow only wires
them. Work is batched (hundreds of articles per task), never one task per sentence.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque

from flows import extract
from flows.artifacts import publish_run_artifacts
from flows.parallel import default_processes, release_workers, run_batch
from flows.warehouse import DUCKDB_NAME, SnapshotWriter, current_snapshot, read_table, snapshot_counts, warehouse_lock
from transforms import schema
from transforms.entities.mentions import Entity
from transforms.pipeline import entities_from_table, entities_table, merge_entities
from transforms.sources import Article, Reject
from transforms.version import pipeline_version

DEFAULT_BATCH_SIZE = 500  # per task: large enough that Prefect's per-task cost is noise
# Set by an interactive caller (the CLI) to follow a run batch by batch; not a flow parameter,
# since a callable is not something a deployment can schedule.
PROGRESS: Callable[[RunSummary, int], None] | None = None


class StrictModeError(RuntimeError):
    """--strict: an input was rejected, so the run fails instead of going on."""


@dataclass
class RunSummary:
    run_id: str
    input: str
    warehouse: str
    status: str = "completed"
    n_inputs: int = 0
    n_articles_new: int = 0
    n_articles_changed: int = 0
    n_articles_unchanged: int = 0
    n_articles_removed: int = 0
    n_articles_reprocessed: int = 0  # same text, rows made by another pipeline version
    n_duplicates: int = 0
    n_rejects: int = 0
    n_warnings: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    rejects: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    words: int = 0  # words in the articles processed (for throughput figures)


@dataclass
class Plan:
    """What the previous snapshot says about the inputs: decides what to (re)process."""

    source_to_article: dict[str, tuple[str, str]]  # source → (article_id, text_sha256)
    article_ids: set[str]
    sources: pa.Table  # the previous article_sources rows
    stale_ids: set[str] = field(default_factory=set)  # articles whose rows another pipeline version made


# ----------------------------------------------------------------------------- tasks

def transient_io_error(task, task_run, state) -> bool:
    """Retry I/O hiccups, never deterministic errors (a missing file stays missing)."""
    try:
        state.result()
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError):
        return False
    except OSError:
        return True
    except Exception:  # noqa: BLE001 - anything else is deterministic
        return False
    return False


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=transient_io_error)
def discover_inputs(input_path: str) -> extract.Inventory:
    """List input files (I/O: retried on transient errors)."""
    return extract.discover(input_path)


@task(cache_policy=NO_CACHE)
def load_plan(warehouse: str) -> Plan:
    snapshot = current_snapshot(Path(warehouse))
    table = read_table(snapshot, "article_sources")
    mapping = {s: (a, h) for s, a, h in zip(*(table.column(c).to_pylist() for c in ("source", "article_id", "text_sha256")))}
    articles = read_table(snapshot, "articles", ["article_id", "pipeline_version"])
    ids = articles.column("article_id")
    stale = ids.filter(pc.invert(pc.fill_null(pc.equal(articles.column("pipeline_version"), pipeline_version()), False)))
    return Plan(mapping, set(ids.to_pylist()), table, set(stale.to_pylist()))


@task(cache_policy=NO_CACHE)
def transform_batch(articles: list[Article], writer: SnapshotWriter, part: str, run_id: str, ingested_at: datetime, processes: int = 1) -> tuple[dict[str, int], pa.Table]:
    """Sentences, mentions, entities and claims for one batch, written as Parquet parts of the
    snapshot under construction (in the process pool when ``processes`` > 1). Returns row
    counts and the batch's entities."""
    return run_batch(articles, writer, part, run_id, ingested_at, processes)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=transient_io_error)
def carry_over(writer: SnapshotWriter, removed: set[str]) -> None:
    writer.carry_over(removed)


@task(cache_policy=NO_CACHE)
def finalize_snapshot(writer: SnapshotWriter, new_entities: pa.Table, sources: pa.Table, rejects: pa.Table, summary: RunSummary, started_at: datetime, flow_run_id: str | None, removed: set[str] | None = None) -> RunSummary:
    """Entities (this run's merged with the previous snapshot's, unreferenced ones dropped),
    the source map, the rejects and the ledger row; then publish Parquet and DuckDB atomically
    (``removed``: the articles ``carry_over`` dropped, so that DuckDB can be updated in place)."""
    base = read_table(writer.base, "entities")
    # Entities this run did not see keep their rows as they are (no Python round trip: a re-run
    # with nothing new costs no merging); the ones it saw are merged with their previous row.
    touched = pc.is_in(base.column("entity_id"), value_set=new_entities.column("entity_id"))
    entities = entities_from_table(base.filter(touched))
    merge_entities(entities, entities_from_table(new_entities).values())
    entity_rows = pa.concat_tables([base.filter(pc.invert(touched)), entities_table(entities.values())])
    # Only entities some mention or claim still refers to (distinct ids, computed in Arrow).
    referenced = pa.concat_arrays([
        pc.unique(writer.read("mentions", ["entity_id"]).column("entity_id").combine_chunks()),
        pc.unique(writer.read("claims", ["speaker_entity_id"]).column("speaker_entity_id").combine_chunks()).drop_null(),
    ])
    entity_rows = entity_rows.filter(pc.is_in(entity_rows.column("entity_id"), value_set=referenced)).sort_by("entity_id")
    writer.write_table("entities", entity_rows)
    writer.write_table("article_sources", sources)
    if rejects.num_rows:
        writer.write_table("rejects", rejects, f"run-{summary.run_id}")
    counts = snapshot_counts(writer.root)  # from the Parquet footers, as the DuckDB update checks them
    summary.rows = {t: counts[t] for t in ("articles", "sentences", "mentions", "entities", "claims")}
    writer.write_table("etl_runs", _ledger_row(summary, started_at, flow_run_id), f"run-{summary.run_id}")
    writer.publish(removed)
    return summary


# ----------------------------------------------------------------------------- helpers

def _ledger_row(summary: RunSummary, started_at: datetime, flow_run_id: str | None, message: str | None = None) -> pa.Table:
    row = {
        "run_id": summary.run_id,
        "flow_run_id": flow_run_id,
        "input": summary.input,
        "started_at": started_at,
        "finished_at": datetime.now(timezone.utc),
        "status": summary.status,
        "n_inputs": summary.n_inputs,
        "n_articles_new": summary.n_articles_new,
        "n_articles_changed": summary.n_articles_changed,
        "n_articles_unchanged": summary.n_articles_unchanged,
        "n_articles_removed": summary.n_articles_removed,
        "n_articles_reprocessed": summary.n_articles_reprocessed,
        "pipeline_version": pipeline_version(),
        "n_rejects": summary.n_rejects,
        "n_articles": summary.rows.get("articles"),
        "n_sentences": summary.rows.get("sentences"),
        "n_mentions": summary.rows.get("mentions"),
        "n_entities": summary.rows.get("entities"),
        "n_claims": summary.rows.get("claims"),
        "message": message,
    }
    return pa.Table.from_pylist([row], schema.ETL_RUNS)


def _new_run_id(started_at: datetime) -> str:
    return started_at.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


class _Clock:
    """Seconds spent per stage of a run (reported in the summary and by the benchmark)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def iterate(self, stage: str, items):
        iterator = iter(items)
        while True:
            with self(stage):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)
    except Exception:  # noqa: BLE001 - outside a flow run there is no id to record
        return None


# ----------------------------------------------------------------------------- intake

class Intake:
    """Decides, for every article read, whether it is new, changed, unchanged or a duplicate
    of one already stored, against the previous snapshot's source map (content hashes)."""

    def __init__(self, plan: Plan, summary: RunSummary, strict: bool) -> None:
        self.plan, self.summary, self.strict = plan, summary, strict
        self.rejects: list[Reject] = []
        self.seen_sources: dict[str, tuple[str, str]] = {}
        self.run_articles: set[str] = set()
        self._replaced: set[str] = set()
        self._refreshed: set[str] = set()  # stale articles transformed again in this run

    def reject(self, problems: list[Reject]) -> None:
        self.rejects.extend(problems)
        errors = [p for p in problems if p.severity == "error"]
        if self.strict and errors:
            raise StrictModeError(f"--strict: {errors[0].detail}")

    def articles(self, items: Iterator[tuple[Article | None, list[Reject]]]) -> Iterator[Article]:
        """The articles that need transforming, in input order."""
        plan, summary = self.plan, self.summary
        for article, problems in items:
            self.reject(problems)
            if article is None:
                continue
            sha = article.text_sha256
            previous = plan.source_to_article.get(article.source)
            unchanged = previous is not None and previous[1] == sha and previous[0] in plan.article_ids
            if unchanged and previous[0] not in plan.stale_ids:
                self.seen_sources[article.source] = previous
                summary.n_articles_unchanged += 1  # content hash unchanged: nothing to redo
                continue
            aid = article.article_id
            self.seen_sources[article.source] = (aid, sha)
            if aid in self.run_articles:
                summary.n_duplicates += 1  # same article under another name: stored once
                continue
            if previous is not None and previous[0] != aid:
                summary.n_articles_changed += 1
                self._replaced.add(previous[0])
            elif aid in plan.stale_ids:
                summary.n_articles_reprocessed += 1
            if aid in plan.stale_ids:  # stored, but by older transforms: do it again, replace its rows
                self._replaced.add(aid)
                self._refreshed.add(aid)
            if aid in plan.article_ids and aid not in self._replaced:
                summary.n_duplicates += 1
                continue
            if previous is None and aid not in self._refreshed:
                summary.n_articles_new += 1
            self.run_articles.add(aid)
            summary.words += len(article.text.split())
            yield article

    def removed(self) -> set[str]:
        """Old versions of edited articles, unless another source still carries the old text."""
        still_carried = {aid for src, (aid, _) in self.plan.source_to_article.items() if src not in self.seen_sources}
        # A re-transformed article keeps its id: its old rows go, its new rows are this run's.
        return (self._replaced - still_carried - self.run_articles) | self._refreshed

    def reject_table(self, run_id: str, at: datetime) -> pa.Table:
        return pa.Table.from_pylist([{"run_id": run_id, **asdict(r), "rejected_at": at} for r in self.rejects], schema.REJECTS)


# ----------------------------------------------------------------------------- wiring

@dataclass(frozen=True)
class Steps:
    """The run's steps: Prefect tasks in the flow, the same functions called directly in
    ``etl_direct`` (used to measure Prefect's overhead)."""

    discover: Callable[..., extract.Inventory]
    plan: Callable[..., Plan]
    submit_transform: Callable[..., Any]  # returns a future with .result()
    carry_over: Callable[..., None]
    finalize: Callable[..., RunSummary]


def _collect(item: tuple[int, Any], entities: dict[str, Entity], summary: RunSummary,
             progress: Callable[[RunSummary, int], None] | None) -> None:
    """Wait for one batch and merge its entities into the run's: memory grows with the
    distinct entities, not with every batch's copy of them."""
    size, future = item
    merge_entities(entities, entities_from_table(future.result()[1]).values())
    if progress is not None:
        progress(summary, size)


def run_pipeline(input: str, warehouse: str, batch_size: int, strict: bool, wait_seconds: float, processes: int | None, steps: Steps,
                 progress: Callable[[RunSummary, int], None] | None = None) -> RunSummary:
    """``progress(summary, n)`` is called as each batch of ``n`` articles is done (the CLI's
    progress display)."""
    processes = default_processes() if processes is None else processes
    clock = _Clock()
    started_at = datetime.now(timezone.utc)
    run_id = _new_run_id(started_at)
    warehouse_path = Path(warehouse)
    summary = RunSummary(run_id=run_id, input=str(input), warehouse=str(warehouse_path))
    with warehouse_lock(warehouse_path, wait_seconds):
        with clock("discover"):
            inventory = steps.discover(input)
            plan = steps.plan(str(warehouse_path))
            writer = SnapshotWriter(warehouse_path, run_id)
        try:
            intake = Intake(plan, summary, strict)
            intake.reject(inventory.rejects)
            summary.n_inputs = len(inventory.files)
            new_entities: dict[str, Entity] = {}
            pending: deque = deque()
            in_flight = max(2, 2 * processes)
            with clock("transform"):  # wall time of extract + transform, which overlap
                articles = intake.articles(clock.iterate("extract", extract.iter_inputs(inventory)))
                for number, batch in enumerate(_batches(articles, batch_size)):
                    pending.append((len(batch), steps.submit_transform(batch, writer, f"{run_id}-{number:05d}", run_id, started_at, processes)))
                    while len(pending) >= in_flight:  # bounded memory: stream, don't hoard
                        _collect(pending.popleft(), new_entities, summary, progress)
                while pending:
                    _collect(pending.popleft(), new_entities, summary, progress)
            release_workers()
            removed = intake.removed()
            summary.n_articles_removed = len(removed)
            with clock("carry_over"):
                steps.carry_over(writer, removed)
            sources = _merge_sources(plan.sources, intake.seen_sources, run_id, started_at)
            summary.n_rejects = sum(1 for r in intake.rejects if r.severity == "error")
            summary.n_warnings = len(intake.rejects) - summary.n_rejects
            summary.rejects = [asdict(r) for r in intake.rejects]
            with clock("load"):  # entities, ledgers, DuckDB build, atomic publish
                steps.finalize(writer, entities_table(new_entities.values()), sources, intake.reject_table(run_id, started_at), summary, started_at, _flow_run_id(), removed)
        except BaseException:
            writer.abandon()
            raise
        finally:
            release_workers()
    summary.seconds = (datetime.now(timezone.utc) - started_at).total_seconds()
    summary.timings = clock.seconds
    return summary


# ----------------------------------------------------------------------------- the flow

def _submit_transform(articles: list[Article], *rest: Any) -> Any:
    """``transform_batch.submit``. With the default thread-pool runner the batch is marked
    ``opaque``: Prefect would otherwise walk all the articles of every batch, field by field,
    looking for futures, several times per task. (prefect-dask 0.3.7 passes the annotation on
    to the task unresolved, so other runners get the plain list.)"""
    if isinstance(get_run_context().task_runner, ThreadPoolTaskRunner):
        return transform_batch.submit(opaque(articles), *rest)
    return transform_batch.submit(articles, *rest)


@flow(name="khabar-etl", log_prints=True)
def etl(
    input: str = "seeds",
    warehouse: str = "warehouse",
    batch_size: int = DEFAULT_BATCH_SIZE,
    strict: bool = False,
    wait_seconds: float = 0.0,
    processes: int | None = None,
) -> RunSummary:
    """Run the whole pipeline on ``input`` (a directory or a JSON Lines file) into ``warehouse``.

    ``processes``: transform worker processes (default: one per core, at most 8; 1 = inline,
    which is what a distributed task runner such as Dask should use)."""
    steps = Steps(discover_inputs, load_plan, _submit_transform, carry_over, finalize_snapshot)
    summary = run_pipeline(input, warehouse, batch_size, strict, wait_seconds, processes, steps, progress=PROGRESS)
    publish_run_artifacts(summary, Path(warehouse) / DUCKDB_NAME)  # what the run did, in the Prefect UI
    get_run_logger().info(
        "run %s: %d new, %d changed, %d unchanged articles; %d rejected, %d warnings; rows %s",
        summary.run_id, summary.n_articles_new, summary.n_articles_changed, summary.n_articles_unchanged,
        summary.n_rejects, summary.n_warnings, summary.rows,
    )
    return summary


_DIRECT_THREADS = ThreadPoolExecutor(max_workers=16, thread_name_prefix="khabar-direct")


def etl_direct(
    input: str = "seeds",
    warehouse: str = "warehouse",
    batch_size: int = DEFAULT_BATCH_SIZE,
    strict: bool = False,
    wait_seconds: float = 0.0,
    processes: int | None = None,
) -> RunSummary:
    """The same run without Prefect: the tasks' plain functions, wired by the same code.
    Exists to measure what orchestration costs (benchmarks/etl_benchmark.py)."""
    steps = Steps(
        discover_inputs.fn,
        load_plan.fn,
        lambda *args: _DIRECT_THREADS.submit(transform_batch.fn, *args),
        carry_over.fn,
        finalize_snapshot.fn,
    )
    return run_pipeline(input, warehouse, batch_size, strict, wait_seconds, processes, steps)


def _merge_sources(previous: pa.Table, seen: dict[str, tuple[str, str]], run_id: str, seen_at: datetime) -> pa.Table:
    """Sources not read in this run keep their rows; the ones read now get this run's."""
    kept = previous.filter(pc.invert(pc.is_in(previous.column("source"), value_set=pa.array(list(seen), pa.string()))))
    fresh = pa.Table.from_pylist(
        [{"source": src, "article_id": aid, "text_sha256": sha, "run_id": run_id, "seen_at": seen_at} for src, (aid, sha) in seen.items()],
        schema.ARTICLE_SOURCES,
    )
    return pa.concat_tables([kept, fresh]).sort_by("source")
