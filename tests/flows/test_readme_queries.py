"""The SQL users are told to type gives the answers they are told to expect.

Every ```sql block of README.md's "## Querying" section and of docs/querying.md is split into
statements, and each statement runs through the DuckDB CLI (``-readonly``, another process,
exactly as the docs say) against the seeds' warehouse. Every statement must succeed and return
rows; statements that answer a known question are checked against the answer (table below).
Also here: the new views in sql/020_analytics_views.sql, checked through the same CLI.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.flows._duckdb_cli import CLI, run_sql, scalar

pytestmark = pytest.mark.slow

DOC_FILES = [ROOT / "README.md", ROOT / "docs" / "querying.md"]
KIRBY_SOURCES = ["000_06681168642b651a.txt", "002_dc98b6a0fe5fe638.txt", "003_67609f2c1547a75f.txt", "004_cb5a9da40aca3282.txt"]
SEEDS = ["000_06681168642b651a.txt", "001_9125c008b78f9be8.txt", *KIRBY_SOURCES[1:]]
SHARED = ("001_9125c008b78f9be8.txt", "003_67609f2c1547a75f.txt")  # carry the same AP paragraphs


# ----------------------------------------------------------------------------- extraction

def sql_blocks(path: Path) -> list[str]:
    """```sql blocks; for README.md only those under "## Querying" (up to the next ## heading)."""
    text = path.read_text(encoding="utf-8")
    if path.name == "README.md":
        match = re.search(r"^## Querying\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
        text = match.group(1) if match else ""
    return re.findall(r"^```sql[ \t]*\n(.*?)^```", text, re.M | re.S)


def statements(block: str) -> list[str]:
    """Split on semicolons outside quotes; drop -- comments (a comment naming another query
    must not be taken for it)."""
    out, current, i, quote = [], [], 0, None
    while i < len(block):
        ch = block[i]
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            current.append(ch)
        elif block.startswith("--", i):
            while i < len(block) and block[i] != "\n":
                i += 1
            continue
        elif ch == ";":
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    out.append("".join(current))
    return [" ".join(s.split()) for s in out if s.strip()]


def documented_statements() -> list[tuple[str, str]]:
    found = []
    for path in DOC_FILES:
        if not path.exists():
            continue
        for b, block in enumerate(sql_blocks(path)):
            for s, statement in enumerate(statements(block)):
                found.append((f"{path.relative_to(ROOT)}#{b + 1}.{s + 1}", statement))
    return found


STATEMENTS = documented_statements()


# ----------------------------------------------------------------------------- answers

def _values(rows: list[dict]) -> list[str]:
    """Every value of every row as text (list values one by one)."""
    out = []
    for row in rows:
        for value in row.values():
            out.extend(str(v) for v in value) if isinstance(value, list) else out.append(str(value))
    return out


def kirby(rows, _):
    column = "source" if "source" in rows[0] else "outlet" if "outlet" in rows[0] else None
    if column:  # the seeds have no outlet, so the outlet is the file name
        assert sorted(r[column] for r in rows) == KIRBY_SOURCES
    assert len(rows) == 4


def top_speaker_per_outlet(rows, _):
    assert sorted(r["outlet"] for r in rows) == SEEDS  # one row per outlet
    assert "Vladimir Putin" in {r.get("speaker_en") for r in rows}


def putin_said(rows, _):
    assert len(rows) >= 5
    if "speaker_en" in rows[0]:
        assert {r["speaker_en"] for r in rows} == {"Vladimir Putin"}
    if "outlet" in rows[0]:
        assert {r["outlet"] for r in rows} <= set(SEEDS)


def said_about_north_korea(rows, warehouse):
    # every claim whose content mentions North Korea, each once
    total = scalar(warehouse / "khabar.duckdb", """
        SELECT count(DISTINCT c.claim_id) FROM claims c JOIN mentions m USING (article_id)
        JOIN entities e USING (entity_id)
        WHERE e.name_en = 'North Korea' AND m.char_start >= c.char_start AND m.char_end <= c.char_end""")
    if "n_claims" in rows[0]:  # counted per speaker
        speakers = {r["speaker_en"] for r in rows}
        assert {"Vladimir Putin", "John Kirby"} <= speakers, speakers  # both talk about it in the seeds
        assert sum(r["n_claims"] for r in rows) == total
    else:
        assert len(rows) == total


def north_korea_neighbours(rows, _):
    values = set(_values(rows))
    assert {"Pyongyang", "Moscow"} <= values, sorted(values)
    assert "North Korea" not in values


def shared_by_001_and_003(rows, _):
    assert any(set(SHARED) <= set(_values([row])) for row in rows), rows


def outlet_per_row(rows, warehouse):
    assert sorted(r["outlet"] for r in rows) == SEEDS
    if "n_claims" in rows[0]:
        assert sum(r["n_claims"] for r in rows) == scalar(warehouse / "khabar.duckdb", "SELECT count(*) FROM claims")


def parquet_claims(rows, warehouse):
    assert sum(r["n_claims"] for r in rows) == scalar(warehouse / "khabar.duckdb", "SELECT count(*) FROM claims")


def run_ledger(rows, _):
    assert {r["status"] for r in rows} == {"completed"}


# (pattern in a statement, question it answers, check(rows, warehouse)). Patterns marked
# required must match a statement of docs/querying.md: the questions the docs promise to answer.
ANSWERS: list[tuple[str, str, Callable, bool]] = [
    (r"outlets_citing\('(Kirby|John Kirby|كيربي|جون كيربي)'\)", "which outlets cite Kirby", kirby, True),
    (r"FROM speaker_outlets .*PARTITION BY outlet", "who is quoted most per outlet", top_speaker_per_outlet, True),
    (r"claims_by_speaker .*Putin", "everything a speaker said", putin_said, True),
    (r"claims_about\('North Korea'\)", "what was said about North Korea, and by whom", said_about_north_korea, True),
    (r"cooccurring_with\('North Korea'\)|entity_cooccurrence .*North Korea", "entities co-occurring with North Korea", north_korea_neighbours, True),
    (r"FROM syndicated_sentences", "sentences carried by more than one outlet", shared_by_001_and_003, True),
    (r"FROM similar_sentences", "edited copies of a sentence", shared_by_001_and_003, False),
    (r"FROM outlet_summary", "one line per outlet", outlet_per_row, False),
    (r"read_parquet\('[^']*parquet/claims/", "claims read from Parquet", parquet_claims, False),
    (r"FROM etl_runs", "what the last runs did", run_ledger, False),
]


def _in_shell(statement: str, warehouse: Path) -> tuple[Path | None, str]:
    """Where the statement runs: Parquet queries in a plain shell, their relative
    'warehouse/…' paths pointed at the test's warehouse; everything else in khabar.duckdb."""
    if "read_parquet(" in statement:
        return None, statement.replace("'warehouse/", f"'{warehouse}/")
    return warehouse / "khabar.duckdb", statement


@pytest.mark.parametrize("where, statement", STATEMENTS, ids=[w for w, _ in STATEMENTS])
def test_documented_statement_gives_the_documented_answer(seed_warehouse, where, statement):
    warehouse, _, _ = seed_warehouse
    database, sql = _in_shell(statement, warehouse)
    rows = run_sql(database, sql)
    assert rows, f"{where} returns no rows on the seeds: {statement}"
    for pattern, question, check, _required in ANSWERS:
        if re.search(pattern, statement):
            check(rows, warehouse)


@pytest.mark.parametrize("pattern, question", [(p, q) for p, q, _, required in ANSWERS if required], ids=[q for _, q, _, r in ANSWERS if r])
def test_docs_answer_the_promised_questions(pattern, question):
    docs = [s for where, s in STATEMENTS if where.startswith("docs/")]
    assert any(re.search(pattern, s) for s in docs), f"docs/querying.md has no query for: {question}"


def test_the_cli_is_the_version_the_docs_name():
    if not CLI:
        pytest.skip("no DuckDB CLI here: queries ran through the duckdb Python package")
    version = subprocess.run([CLI, "--version"], capture_output=True, text=True, timeout=30).stdout
    assert version.startswith("v1.5.6"), version
    assert "duckdb-cli==1.5.6" in (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- the views

# (what, query returning one value, expected value) — run through the CLI on the seeds.
VIEW_FACTS = [
    ("each unordered pair of entities appears once",
     "SELECT count(*) FROM entity_cooccurrence WHERE entity_a_id >= entity_b_id", 0),
    ("no pair appears twice in either order",
     "SELECT count(*) FROM (SELECT least(entity_a_id, entity_b_id) a, greatest(entity_a_id, entity_b_id) b FROM entity_cooccurrence GROUP BY ALL HAVING count(*) > 1)", 0),
    ("n_sentences of a pair = sentences mentioning both (Moscow, Pyongyang)",
     """SELECT (SELECT n_sentences FROM entity_cooccurrence WHERE 'Moscow' IN (entity_a_en, entity_b_en) AND 'Pyongyang' IN (entity_a_en, entity_b_en))
             = (SELECT count(*) FROM (SELECT sentence_id FROM mentions JOIN entities USING (entity_id) WHERE name_en IN ('Moscow', 'Pyongyang')
                                      GROUP BY sentence_id HAVING count(DISTINCT name_en) = 2))""", True),
    ("cooccurring_with agrees with the pair view (Pyongyang next to Moscow)",
     """SELECT (SELECT n_sentences FROM cooccurring_with('Moscow') WHERE entity_en = 'Pyongyang')
             = (SELECT n_sentences FROM entity_cooccurrence WHERE 'Moscow' IN (entity_a_en, entity_b_en) AND 'Pyongyang' IN (entity_a_en, entity_b_en))""", True),
    ("the three AP sentences 001 and 003 share word for word", "SELECT count(*) FROM syndicated_sentences", 3),
    ("syndicated means more than one outlet", "SELECT min(n_outlets) FROM syndicated_sentences", 2),
    ("the key ignores punctuation, spacing and hamza/alef spelling",
     """SELECT sentence_key('قال المسؤولون الأميركيون، إن "التعاون" مستمر.') = sentence_key('قال  المسئولون الامريكيون , ان التعاون مستمر')""", True),
    ("the key keeps words apart that differ", "SELECT sentence_key('قال إن التعاون مستمر') = sentence_key('قال إن التعاون متوقف')", False),
    ("edited copies (words added or changed) are paired by similar_sentences",
     f"SELECT count(*) >= 3 FROM similar_sentences WHERE similarity < 1 AND [least(source_a, source_b), greatest(source_a, source_b)] = {list(SHARED)}", True),
    ("outlet_summary adds up to the articles table", "SELECT sum(n_articles) = (SELECT count(*) FROM articles) FROM outlet_summary", True),
    ("outlet_summary adds up to the sentences table", "SELECT sum(n_sentences) = (SELECT count(*) FROM sentences) FROM outlet_summary", True),
    ("outlet_summary adds up to the claims table", "SELECT sum(n_claims) = (SELECT count(*) FROM claims) FROM outlet_summary", True),
    ("distinct named speakers of an outlet",
     """SELECT (SELECT n_speakers FROM outlet_summary WHERE outlet = '004_cb5a9da40aca3282.txt')
             = (SELECT count(DISTINCT speaker_entity_id) FROM claims JOIN articles USING (article_id) WHERE source = '004_cb5a9da40aca3282.txt')""", True),
    ("seeds without an outlet are labelled by file", "SELECT count(*) FROM outlet_summary WHERE NOT outlet_known", 5),
]


@pytest.mark.parametrize("what, sql, expected", VIEW_FACTS, ids=[f[0] for f in VIEW_FACTS])
def test_analytics_views(seed_warehouse, what, sql, expected):
    warehouse, _, _ = seed_warehouse
    assert scalar(warehouse / "khabar.duckdb", " ".join(sql.split())) == expected
