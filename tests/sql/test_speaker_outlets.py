"""``speaker_outlets`` counts speakers, not spellings: a named speaker is its entity, so two
people who share a bare name (two articles' "محمد", kept apart by entity id) are two rows,
and an unnamed speaker keeps a null ``speaker_entity_id`` to filter on. The views of ``sql/``
run on an in-memory DuckDB with a few hand-made rows."""

from __future__ import annotations

import duckdb
import pytest

from flows.warehouse import sql_files

ARTICLE = "INSERT INTO articles VALUES (?, ?, 'Okaz', NULL, NULL, NULL, 'نص', 'x', 2, now(), 'r', NULL, NULL, [], 'v', '2015-07')"
SENTENCE = "INSERT INTO sentences VALUES (?, ?, 0, 0, 0, 2, 'نص', 'نص', false, '2015-07')"
ENTITY = "INSERT INTO entities VALUES (?, ?, 'PERSON', ?, [], ?, [])"
CLAIM = ("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, 'قال', 'قال', 'نص', 'indirect', 0, 2, NULL, NULL,"
         " NULL, NULL, 'explicit', '2015-07')")


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    for path in sql_files():
        con.execute(path.read_text(encoding="utf-8"))
    for article in ("a1", "a2", "a3"):
        con.execute(ARTICLE, [article, article + ".txt"])
        con.execute(SENTENCE, [article + ":0", article])
    con.execute(ENTITY, ["e_mohammed_1", "محمد", None, "محمد"])
    con.execute(ENTITY, ["e_mohammed_2", "محمد", None, "محمد"])
    con.execute(ENTITY, ["e_kirby", "جون كيربي", "John Kirby", "جون كيربي"])
    claims = [  # (article, speaker entity, speaker text, kind)
        ("a1", "e_mohammed_1", "محمد", "person"),
        ("a2", "e_mohammed_2", "محمد", "person"),
        ("a1", "e_kirby", "جون كيربي", "person"),
        ("a3", "e_kirby", "كيربي", "person"),
        ("a1", None, "التقرير", "document"),
        ("a2", None, "التقرير", "document"),
    ]
    for n, (article, entity, text, kind) in enumerate(claims):
        con.execute(CLAIM, [f"c{n}", article, article + ":0", entity, text, kind])
    yield con
    con.close()


@pytest.mark.parametrize(
    ("speaker_entity_id", "expected"),  # (speaker, n_claims, n_articles) of the one outlet
    [
        ("e_mohammed_1", [("محمد", 1, 1)]),
        ("e_mohammed_2", [("محمد", 1, 1)]),
        ("e_kirby", [("جون كيربي", 2, 2)]),  # both spellings: one speaker
        (None, [("التقرير", 2, 2)]),  # unnamed: grouped by description, null entity
    ],
)
def test_one_row_per_speaker(con, speaker_entity_id, expected):
    rows = con.execute(
        "SELECT speaker, n_claims, n_articles FROM speaker_outlets"
        " WHERE speaker_entity_id IS NOT DISTINCT FROM ? AND outlet = 'Okaz'", [speaker_entity_id]).fetchall()
    assert rows == expected


def test_every_claim_is_counted_once(con):
    assert con.execute("SELECT sum(n_claims) FROM speaker_outlets").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM speaker_outlets").fetchone()[0] == 4
