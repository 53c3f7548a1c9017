"""Shared fixtures: one Prefect test harness per session (the ephemeral server costs 5–13 s),
a throw-away PREFECT_HOME, and the seeds' warehouse built once by the real flow."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before Prefect is imported anywhere: a throw-away home, no telemetry, a patient startup.
_PREFECT_HOME = tempfile.mkdtemp(prefix="khabar-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def seed_sentences() -> list[list[str]]:
    """The word tokens of every sentence of the seeds, in order (empty sentences included):
    real text for the tests of the NER decoders."""
    from transforms.sentences import split_sentences
    from transforms.tokens import tokenize

    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for span in split_sentences(text):
            sentences.append([t.text for t in tokenize(text, span.char_start, span.char_end)])
    return sentences


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def seed_warehouse(prefect_harness, tmp_path_factory):
    """The seeds run through the real flow into a real warehouse, twice (idempotency)."""
    from flows.etl import etl

    warehouse = tmp_path_factory.mktemp("seed-warehouse")
    first = etl(input=str(SEEDS), warehouse=str(warehouse))
    second = etl(input=str(SEEDS), warehouse=str(warehouse))
    return warehouse, first, second
