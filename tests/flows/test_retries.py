"""Prefect retries transient I/O failures and never deterministic ones — checked with real
task runs using the same retry condition the ETL tasks use."""

from __future__ import annotations

import pytest
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.etl import transient_io_error

ATTEMPTS: dict[str, int] = {}


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=0, retry_condition_fn=transient_io_error)
def flaky(name: str, error: type[BaseException]) -> str:
    ATTEMPTS[name] = ATTEMPTS.get(name, 0) + 1
    if ATTEMPTS[name] == 1:
        raise error(f"{name} failed")
    return "ok"


@flow
def run_flaky(name: str, error: type[BaseException]) -> str:
    return flaky(name, error)


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (OSError, True),  # e.g. a network filesystem hiccup
        (TimeoutError, True),
        (FileNotFoundError, False),  # a missing file stays missing
        (PermissionError, False),
        (ValueError, False),  # a bug or bad data: retrying gives the same answer
    ],
)
def test_retry_only_transient_io_errors(prefect_harness, error, retried):
    name = error.__name__
    if retried:
        assert run_flaky(name, error) == "ok"
        assert ATTEMPTS[name] == 2
    else:
        with pytest.raises(error):
            run_flaky(name, error)
        assert ATTEMPTS[name] == 1
