"""CI's fast run of `khabar eval`: the figures must not fall below the floors we measured
(evaluation/floors.json). Reads ../shared/data/ner, which CI has beside the checkout."""

from __future__ import annotations

import json

import pytest

from evaluation import report


@pytest.fixture(scope="module")
def figures():
    if not report.DEFAULT_DATA.is_dir():
        pytest.fail(f"the NER corpora are expected at {report.DEFAULT_DATA} (../shared beside the checkout)")
    return report.headline(report.evaluate_all())


def test_no_figure_falls_below_its_floor(figures):
    floors = json.loads(report.FLOORS.read_text(encoding="utf-8"))
    assert set(floors) <= set(figures)
    assert report.check(figures, floors) == []


@pytest.mark.parametrize(
    ("figures_", "floors", "failures"),
    [
        ({"a_f1": 0.81}, {"a_f1": 0.80}, []),
        ({"a_f1": 0.79}, {"a_f1": 0.80}, ["a_f1 = 0.790 < floor 0.800"]),
        ({"seed_entity_wrong_merges": 0.0}, {"seed_entity_wrong_merges": 0}, []),
        ({"seed_entity_wrong_merges": 1.0}, {"seed_entity_wrong_merges": 0}, ["seed_entity_wrong_merges = 1 > 0"]),
    ],
)
def test_check(figures_, floors, failures):
    assert report.check(figures_, floors) == failures
