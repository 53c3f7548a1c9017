"""Prefect artifacts for an ETL run: what the run did and who the warehouse quotes most.

Called at the end of the ``etl`` flow, after the warehouse is published, so that the Prefect UI
(Artifacts page, and the flow run's Artifacts tab) answers "what did last night's run do?"
without opening the warehouse. Keys are stable — the same key on every run — so Prefect keeps
each artifact's history as versions of one key.

Publishing is best effort: the warehouse is already committed when this runs, so an artifact
that cannot be created is logged as a warning instead of failing a run whose data is fine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from flows.etl import RunSummary

SUMMARY_KEY = "khabar-run-summary"
SPEAKERS_KEY = "khabar-top-speakers"
REJECTS_KEY = "khabar-run-rejects"
TOP_SPEAKERS = 15
MAX_REJECTS = 50

# Speakers across all outlets, from the speaker_outlets view (sql/010_views.sql).
TOP_SPEAKERS_SQL = """
SELECT
    speaker,
    speaker_en,
    speaker_kind,
    sum(n_claims)::BIGINT          AS n_claims,
    count(DISTINCT outlet)         AS n_outlets,
    sum(n_articles)::BIGINT        AS n_articles
FROM speaker_outlets
GROUP BY ALL
ORDER BY n_claims DESC, n_outlets DESC, speaker
LIMIT ?
"""


def summary_rows(summary: RunSummary) -> list[dict[str, Any]]:
    """The run summary as (metric, value) rows: a two-column table reads well in the UI."""
    rows: list[tuple[str, Any]] = [
        ("run id", summary.run_id),
        ("input", summary.input),
        ("status", summary.status),
        ("inputs read", summary.n_inputs),
        ("articles new", summary.n_articles_new),
        ("articles changed", summary.n_articles_changed),
        ("articles unchanged", summary.n_articles_unchanged),
        ("articles re-transformed (newer pipeline)", summary.n_articles_reprocessed),
        ("articles removed", summary.n_articles_removed),
        ("duplicates", summary.n_duplicates),
        ("inputs rejected", summary.n_rejects),
        ("warnings", summary.n_warnings),
    ]
    rows += [(f"rows in {table}", count) for table, count in summary.rows.items()]
    rows.append(("duration (s)", round(summary.seconds, 2)))
    return [{"metric": metric, "value": value} for metric, value in rows]


def top_speakers(duckdb_path: str | Path, limit: int = TOP_SPEAKERS) -> list[dict[str, Any]]:
    """The most-quoted speakers of the whole warehouse (read-only: a reader never blocks a run)."""
    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        cursor = con.execute(TOP_SPEAKERS_SQL, [limit])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.close()


def publish_run_artifacts(summary: RunSummary, duckdb_path: str | Path) -> list[str]:
    """Create the run's table artifacts and return their ids (as strings), in this order:
    ``khabar-run-summary`` (articles new/changed/unchanged/rejected, rows per table, duration),
    ``khabar-top-speakers`` (from ``speaker_outlets``), and ``khabar-run-rejects`` when the run
    rejected or repaired inputs. Inside a flow run the artifacts are attached to it."""
    from prefect.artifacts import create_table_artifact

    steps: list[tuple[str, Callable[[], Any], str]] = [
        (SUMMARY_KEY, lambda: summary_rows(summary), f"khabar run {summary.run_id}: {summary.input} → {summary.warehouse}"),
        (SPEAKERS_KEY, lambda: top_speakers(duckdb_path), f"Most-quoted speakers in {summary.warehouse} after run {summary.run_id} (all outlets)"),
    ]
    if summary.rejects:
        steps.append((
            REJECTS_KEY,
            lambda: [{k: r.get(k) for k in ("severity", "source", "reason", "detail")} for r in summary.rejects[:MAX_REJECTS]],
            f"Inputs rejected (error) or repaired (warning) by run {summary.run_id}"
            + (f"; first {MAX_REJECTS} of {len(summary.rejects)}, all in the rejects table" if len(summary.rejects) > MAX_REJECTS else ""),
        ))
    ids = []
    for key, table, description in steps:
        try:
            ids.append(str(create_table_artifact(table=table(), key=key, description=description)))
        except Exception as exc:  # noqa: BLE001 - best effort: the warehouse is already published
            _logger().warning("khabar: could not create artifact %s: %s: %s", key, type(exc).__name__, exc)
    return ids


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # noqa: BLE001 - outside a run: the module logger
        return logging.getLogger(__name__)
