"""Dirty input through the real flow: every bad input is a row in `rejects` (or repaired and
flagged), the run goes on and ends Completed; --strict fails it instead."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import duckdb
import pytest

from tests.conftest import SEEDS
from transforms.sources import MAX_ARTICLE_BYTES

ARABIC = "وقال المتحدث باسم الوزارة إن الزيارة مهمة للبلدين. وأضاف أن المحادثات ستستمر."
SEED = (SEEDS / "000_06681168642b651a.txt").read_bytes()
WORDS = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة", "الحادية"]


def arabic(n: int) -> str:
    """A distinct Arabic article per case (identical texts would be stored once)."""
    return ARABIC + f" وهذه المرة {WORDS[n]}."


def build_messy_input(root):
    """One file per case; returns {source: expected reason or flag}."""
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t \n")
    (root / "binary.txt").write_bytes(b"\x00\x01PNG\x00\x00binary")
    (root / "latin1.txt").write_bytes("café crème brûlée €".encode("latin-1", "replace") + b"\x81\x8d")
    (root / "cp1256.txt").write_bytes(arabic(0).encode("cp1256"))
    (root / "utf16.txt").write_bytes(arabic(1).encode("utf-16"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + arabic(2).encode())
    (root / "crlf.txt").write_bytes(arabic(3).replace(". ", ".\r\n").encode())
    (root / "page.txt").write_text(f"<html><body><p>{arabic(4)}</p><script>x()</script></body></html>", encoding="utf-8")
    (root / "wrapped.txt").write_text(f"[ad_1]\n{arabic(5)}\n[ad_2]\nالمصدر", encoding="utf-8")
    (root / "huge.txt").write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    (root / "english.txt").write_text("Only English words here, no Arabic at all.", encoding="utf-8")
    (root / "copy_a.txt").write_bytes(SEED)
    (root / "copy_b.txt").write_bytes(SEED)
    (root / "marks.txt").write_text("قال\u200b المتحدث\u200f إن\u202b الزيارة مهمة.", encoding="utf-8")
    (root / "dated.txt").write_text(arabic(6), encoding="utf-8")
    (root / "unreadable.txt").symlink_to(root / "does-not-exist.txt")
    (root / "escape.txt").symlink_to("/etc/passwd")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    lines = [
        json.dumps({"outlet": "Okaz", "date": "2015-07-21 02:51:32", "title": "t1", "text": arabic(7)}, ensure_ascii=False),
        '{"outlet": "Okaz", "text": "broken',
        json.dumps({"outlet": "Sabq", "date": "2015-08-01", "title": "t2", "text": arabic(8)}, ensure_ascii=False),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(root / "feed2.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"outlet": "Al-Riyadh", "date": "2015-07-30", "text": arabic(9)}, ensure_ascii=False) + "\n")
    (root / "manifest.csv").write_text(
        "file,outlet,url,published_at,title,sentiment\n"
        "dated.txt,Okaz,http://x/1,yesterday-ish,t,positive\n"
        "bom.txt,Sabq,http://x/2,2024-06-18,t,neutral\n"
        "missing.txt,Okaz,,,,\n"
        "../../etc/passwd,Okaz,,,,\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def messy_run(prefect_harness, tmp_path_factory):
    from flows.etl import etl

    base = tmp_path_factory.mktemp("messy")
    build_messy_input(base / "in")
    summary = etl(input=str(base / "in"), warehouse=str(base / "wh"))
    return base / "wh", summary


def rows(warehouse, sql, params=None):
    con = duckdb.connect(str(warehouse / "khabar.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("source", "reason", "severity"),
    [
        ("empty.txt", "empty", "error"),
        ("blank.txt", "blank", "error"),
        ("binary.txt", "binary", "error"),
        ("latin1.txt", "invalid_utf8", "error"),
        ("huge.txt", "too_large", "error"),
        ("english.txt", "no_arabic", "error"),
        ("unreadable.txt", "unreadable", "error"),
        ("escape.txt", "path_outside_input", "error"),
        ("notes.docx", "unsupported_file", "error"),
        ("feed.jsonl:2", "bad_json", "error"),
        ("manifest:missing.txt", "missing_file", "error"),
        ("manifest:../../etc/passwd", "path_outside_input", "error"),
        ("dated.txt", "bad_date", "warning"),
        ("manifest.csv", "unknown_columns", "warning"),
    ],
)
def test_each_bad_input_is_recorded_with_a_reason(messy_run, source, reason, severity):
    warehouse, _ = messy_run
    found = rows(warehouse, "SELECT reason, severity, detail FROM rejects WHERE source = ?", [source])
    assert [(r, s) for r, s, _ in found] == [(reason, severity)]
    detail = found[0][2]
    assert source.split(":")[-1].split("/")[-1] in detail


@pytest.mark.parametrize(
    ("source", "flag"),
    [
        ("cp1256.txt", "encoding:cp1256"),
        ("utf16.txt", "encoding:utf-16"),
        ("bom.txt", "bom:utf-8"),
        ("crlf.txt", "newlines:crlf"),
        ("page.txt", "html_stripped"),
        ("wrapped.txt", "scraper_wrapper"),
        ("marks.txt", "invisible_marks_removed"),
    ],
)
def test_repairable_inputs_are_kept_and_flagged(messy_run, source, flag):
    warehouse, _ = messy_run
    found = rows(warehouse, "SELECT flags, text FROM articles WHERE source = ?", [source])
    assert len(found) == 1
    flags, text = found[0]
    assert flag in flags
    assert "\r" not in text and "<" not in text and "\u200b" not in text


def test_the_run_completes_with_the_reject_count(messy_run):
    warehouse, summary = messy_run
    assert summary.status == "completed"
    assert summary.n_rejects == 12 and summary.n_warnings == 2
    assert rows(warehouse, "SELECT status, n_rejects FROM etl_runs") == [("completed", 12)]


def test_same_article_twice_is_stored_once_with_both_sources(messy_run):
    warehouse, summary = messy_run
    assert summary.n_duplicates == 1
    ids = rows(warehouse, "SELECT DISTINCT article_id FROM article_sources WHERE source IN ('copy_a.txt', 'copy_b.txt')")
    assert len(ids) == 1
    assert rows(warehouse, "SELECT count(*) FROM articles WHERE article_id = ?", [ids[0][0]]) == [(1,)]


def test_bad_date_keeps_the_article_with_a_null_date_and_manifest_metadata(messy_run):
    warehouse, _ = messy_run
    assert rows(warehouse, "SELECT outlet, url, published_at FROM articles WHERE source = 'dated.txt'") == [("Okaz", "http://x/1", None)]


def test_feeds_keep_their_good_lines(messy_run):
    warehouse, _ = messy_run
    found = rows(warehouse, "SELECT source, outlet, strftime(published_at, '%Y-%m') FROM articles WHERE source LIKE 'feed%' ORDER BY source")
    assert found == [("feed.jsonl:1", "Okaz", "2015-07"), ("feed.jsonl:3", "Sabq", "2015-08"), ("feed2.jsonl.gz:1", "Al-Riyadh", "2015-07")]


def test_secrets_outside_the_input_are_never_read(messy_run):
    warehouse, _ = messy_run
    assert rows(warehouse, "SELECT count(*) FROM articles WHERE text LIKE '%root:%'") == [(0,)]


def test_strict_fails_the_run_naming_the_file(prefect_harness, tmp_path):
    from flows.etl import StrictModeError, etl

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_06681168642b651a.txt", inputs)
    (inputs / "empty.txt").write_bytes(b"")
    with pytest.raises(StrictModeError, match="empty.txt"):
        etl(input=str(inputs), warehouse=str(tmp_path / "wh"), strict=True)
    assert not (tmp_path / "wh" / "khabar.duckdb").exists()


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv to drop privileges")
def test_permission_denied_is_a_reject_with_privileges_dropped(tmp_path):
    """Root reads every file, so the extraction runs in a subprocess that has lost the
    capabilities to bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "open.txt").write_text(arabic(0), encoding="utf-8")
    (inputs / "locked.txt").write_text(arabic(1), encoding="utf-8")
    (inputs / "locked.txt").chmod(0)
    code = (
        "from flows import extract\n"
        f"inv = extract.discover({str(inputs)!r})\n"
        "for article, problems in extract.iter_inputs(inv):\n"
        "    print(article.source if article else [(p.source, p.reason, p.detail) for p in problems])\n"
    )
    drop = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    result = subprocess.run([*drop, sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "[('locked.txt', 'unreadable', 'locked.txt: cannot be read (Permission denied)')]",
        "open.txt",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_is_a_reject(prefect_harness, tmp_path):
    from flows.etl import etl

    inputs = tmp_path / "in"
    inputs.mkdir()
    locked = inputs / "locked.txt"
    locked.write_text(ARABIC, encoding="utf-8")
    locked.chmod(0)
    summary = etl(input=str(inputs), warehouse=str(tmp_path / "wh"))
    assert [r["reason"] for r in summary.rejects] == ["unreadable"]
