"""What a run (re)processes, decided from the previous snapshot: content hashes and the
pipeline version that made the stored rows (no Prefect needed)."""

from __future__ import annotations

import pytest

from flows.etl import Intake, Plan, RunSummary
from transforms import schema
from transforms.sources import build_article

TEXT_A = "قال المتحدث باسم مجلس الأمن القومي الأمريكي جون كيربي إن واشنطن قلقة."
TEXT_B = "أكد وزير الخارجية الروسي سيرغي لافروف أن موسكو ستواصل التعاون."


def _article(text: str, source: str):
    article, problems = build_article(text, source)
    assert article is not None, problems
    return article


A, B = _article(TEXT_A, "a.txt"), _article(TEXT_B, "b.txt")


def _plan(stored: dict[str, tuple[str, str]], stale: set[str]) -> Plan:
    ids = {aid for aid, _ in stored.values()}
    return Plan(stored, ids, schema.ARTICLE_SOURCES.empty_table(), stale)


@pytest.mark.parametrize(
    ("stored", "stale", "inputs", "processed", "counts", "removed"),
    [
        # (source → stored article), stale article ids, inputs (text, source),
        # articles transformed, (new, changed, unchanged, reprocessed, duplicates), removed ids
        ({"a.txt": "A"}, set(), [(TEXT_A, "a.txt")], [], (0, 0, 1, 0, 0), set()),
        ({"a.txt": "A"}, {"A"}, [(TEXT_A, "a.txt")], ["A"], (0, 0, 0, 1, 0), {"A"}),
        ({"a.txt": "A"}, {"A"}, [(TEXT_A, "a.txt"), (TEXT_A, "copy.txt")], ["A"], (0, 0, 0, 1, 1), {"A"}),
        ({"a.txt": "A"}, {"A"}, [(TEXT_A, "new.txt")], ["A"], (0, 0, 0, 1, 0), {"A"}),
        # a.txt now holds B's text, and B was made by older transforms: A goes, B is redone
        ({"a.txt": "A", "b.txt": "B"}, {"B"}, [(TEXT_B, "a.txt")], ["B"], (0, 1, 0, 0, 0), {"A", "B"}),
        ({}, set(), [(TEXT_A, "a.txt"), (TEXT_A, "copy.txt")], ["A"], (1, 0, 0, 0, 1), set()),
    ],
    ids=["unchanged", "stale", "stale-and-its-copy", "stale-under-a-new-name", "edited-into-a-stale-text", "new"],
)
def test_what_a_run_processes(stored, stale, inputs, processed, counts, removed):
    ids = {"A": A.article_id, "B": B.article_id}
    sha = {"A": A.text_sha256, "B": B.text_sha256}
    plan = _plan({src: (ids[name], sha[name]) for src, name in stored.items()}, {ids[n] for n in stale})
    summary = RunSummary(run_id="r", input="in", warehouse="wh")
    intake = Intake(plan, summary, strict=False)
    done = list(intake.articles((_article(text, src), []) for text, src in inputs))
    assert [a.article_id for a in done] == [ids[n] for n in processed]
    assert (summary.n_articles_new, summary.n_articles_changed, summary.n_articles_unchanged,
            summary.n_articles_reprocessed, summary.n_duplicates) == counts
    assert intake.removed() == {ids[n] for n in removed}
