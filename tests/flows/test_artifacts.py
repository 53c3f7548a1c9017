"""Run artifacts: created inside a flow run, attached to it, readable back through the API.

Why through the API: the artifacts exist for people looking at the Prefect UI, which shows
exactly what the server stores — so the test reads them back with the Prefect client instead
of trusting the ids ``publish_run_artifacts`` returns.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from prefect import flow

from flows.artifacts import REJECTS_KEY, SPEAKERS_KEY, SUMMARY_KEY, TOP_SPEAKERS_SQL, publish_run_artifacts
from flows.etl import RunSummary

pytestmark = pytest.mark.slow


@flow(name="khabar-test-artifacts")
def publish(summary: RunSummary, duckdb_path: str) -> list[str]:
    """What the etl flow does at its end, without the rest of the run."""
    return publish_run_artifacts(summary, duckdb_path)


def _published(summary: RunSummary, duckdb_path: Path | str):
    """Publish from a flow run; return (flow run id, returned ids, {key: artifact} read back)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    state = publish(summary, str(duckdb_path), return_state=True)
    assert state.is_completed(), state
    flow_run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return flow_run_id, state.result(), {a.key: a for a in artifacts}


@pytest.fixture(scope="module")
def second_run(seed_warehouse):
    """Artifacts of the seed warehouse's second run (0 new, 5 unchanged)."""
    warehouse, _, second = seed_warehouse
    return (warehouse, second, *_published(second, warehouse / "khabar.duckdb"))


def test_summary_and_top_speakers_are_attached_to_the_flow_run(second_run):
    _, _, _, ids, artifacts = second_run
    assert set(artifacts) == {SUMMARY_KEY, SPEAKERS_KEY}  # no rejects, no rejects table
    assert ids == [str(artifacts[SUMMARY_KEY].id), str(artifacts[SPEAKERS_KEY].id)]
    assert all(a.type == "table" for a in artifacts.values())


@pytest.mark.parametrize("key", [SUMMARY_KEY, SPEAKERS_KEY, REJECTS_KEY])
def test_keys_are_stable_and_valid(key):
    """Prefect accepts lowercase letters, digits and dashes; a fixed key makes each run a new
    version of the same artifact."""
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)


# (metric in the summary table, value expected for the seeds' second run)
SUMMARY_EXPECTED = [
    ("articles new", 0),
    ("articles changed", 0),
    ("articles unchanged", 5),
    ("inputs rejected", 0),
    ("rows in articles", 5),
    ("status", "completed"),
]


@pytest.mark.parametrize("metric, expected", SUMMARY_EXPECTED)
def test_summary_table(second_run, metric, expected):
    _, summary, _, _, artifacts = second_run
    table = {row["metric"]: row["value"] for row in json.loads(artifacts[SUMMARY_KEY].data)}
    assert table[metric] == expected
    assert table["run id"] == summary.run_id
    assert table["duration (s)"] == round(summary.seconds, 2)
    assert {f"rows in {t}" for t in ("articles", "sentences", "mentions", "entities", "claims")} <= set(table)


def test_top_speakers_table_is_the_warehouse_answer(second_run):
    warehouse, _, _, _, artifacts = second_run
    table = json.loads(artifacts[SPEAKERS_KEY].data)
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        expected = con.execute(TOP_SPEAKERS_SQL, [15]).fetchall()
    finally:
        con.close()
    assert [tuple(row.values()) for row in table] == expected
    assert list(table[0]) == ["speaker", "speaker_en", "speaker_kind", "n_claims", "n_outlets", "n_articles"]
    assert [r["n_claims"] for r in table] == sorted((r["n_claims"] for r in table), reverse=True)
    assert "Vladimir Putin" in {r["speaker_en"] for r in table[:3]}


def test_rejected_inputs_get_their_own_table_and_keys_version_across_runs(seed_warehouse):
    """A run with rejects adds the rejects table; publishing again under the same keys makes
    the newest run's artifacts the latest version of each key."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactCollectionFilter, ArtifactCollectionFilterKey

    warehouse, first, _ = seed_warehouse
    reject = {"severity": "error", "source": "empty.txt", "reason": "empty", "detail": "empty.txt is empty"}
    with_rejects = replace(first, n_rejects=1, rejects=[reject])
    _, ids, artifacts = _published(with_rejects, warehouse / "khabar.duckdb")
    assert set(artifacts) == {SUMMARY_KEY, SPEAKERS_KEY, REJECTS_KEY} and len(ids) == 3
    assert json.loads(artifacts[REJECTS_KEY].data) == [{k: reject[k] for k in ("severity", "source", "reason", "detail")}]
    with get_client(sync_client=True) as client:
        latest = client.read_latest_artifacts(
            artifact_filter=ArtifactCollectionFilter(key=ArtifactCollectionFilterKey(any_=[SUMMARY_KEY, SPEAKERS_KEY, REJECTS_KEY]))
        )
    assert {a.key: str(a.latest_id) for a in latest} == {key: str(artifacts[key].id) for key in artifacts}


def test_a_missing_warehouse_file_costs_only_the_speakers_table(seed_warehouse, tmp_path):
    """Best effort: the warehouse is already committed when artifacts are published, so an
    artifact that cannot be built is skipped (and logged), never a failed run."""
    _, first, _ = seed_warehouse
    _, ids, artifacts = _published(first, tmp_path / "no-such.duckdb")
    assert set(artifacts) == {SUMMARY_KEY} and ids == [str(artifacts[SUMMARY_KEY].id)]


def test_the_etl_flow_publishes_its_artifacts(seed_warehouse):
    """Every run of the real flow carries its summary and top speakers."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    warehouse, _, second = seed_warehouse
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        [(flow_run_id,)] = con.execute("SELECT flow_run_id FROM etl_runs WHERE run_id = ?", [second.run_id]).fetchall()
    finally:
        con.close()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    by_key = {a.key: a for a in artifacts}
    assert set(by_key) == {SUMMARY_KEY, SPEAKERS_KEY}
    summary = {row["metric"]: row["value"] for row in json.loads(by_key[SUMMARY_KEY].data)}
    assert (summary["run id"], summary["articles new"], summary["articles unchanged"]) == (second.run_id, 0, 5)
