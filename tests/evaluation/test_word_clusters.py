"""The word-cluster builder: what it reads, that it is deterministic, and that the features
read back exactly what it wrote."""

import gzip
import json

import pytest

from evaluation import word_clusters
from transforms.entities import features


def _feed(path, articles):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")


@pytest.mark.parametrize(
    ("article", "paragraphs"),
    [
        ({"title": "قال كيربي إن", "text": "الأميركي جون كيربي قال\nقصير جدا"},
         [["قال", "كيربي", "ان"], ["الاميركي", "جون", "كيربي", "قال"]]),  # 2-token paragraph dropped
        ({"title": None, "text": "بيونغ يانغ، عاصمة"}, [["بيونغ", "يانغ", "،", "عاصمه"]]),
        ({"text": ""}, []),
    ],
)
def test_news_paragraphs(tmp_path, article, paragraphs):
    path = tmp_path / "feed.jsonl.gz"
    _feed(path, [article])
    assert list(word_clusters.news_paragraphs(path)) == paragraphs


CORPUS = [
    "قال الرئيس جون سميث في لندن امس".split(),
    "قال الوزير جون براون في باريس امس".split(),
    "اكد الرئيس توم سميث في برلين اليوم".split(),
    "اكد الوزير توم براون في روما اليوم".split(),
] * 40


def test_cluster_is_deterministic_and_round_trips(tmp_path, monkeypatch):
    first = word_clusters.cluster(CORPUS, levels=(2, 4), min_count=5)
    again = word_clusters.cluster(CORPUS, levels=(2, 4), min_count=5)
    assert first == again
    assert set(first) == {w for s in CORPUS for w in s}
    assert all(count == 40 or count == 80 or count == 160 for count, _ in first.values())
    assert all(len(ids) == 2 and 0 <= ids[0] < 2 and 0 <= ids[1] < 4 for _, ids in first.values())

    out = tmp_path / "word_clusters.tsv"
    kept = word_clusters.write_tsv(out, first, {"سميث": (99, (1, 3))}, min_count=50, levels=(2, 4))
    assert kept == {"w": sum(1 for c, _ in first.values() if c >= 50), "s": 1}
    monkeypatch.setattr(features, "CLUSTERS_PATH", out)
    features.load_clusters.cache_clear()
    try:
        words, stems = features.load_clusters()
    finally:
        features.load_clusters.cache_clear()
    assert words == {k: tuple(map(str, ids)) for k, (c, ids) in first.items() if c >= 50}
    assert stems == {"سميث": ("1", "3")}


def test_bundled_clusters_are_there():
    words, stems = features.load_clusters()
    assert len(words) > 50_000 and len(stems) > 30_000
    assert {len(ids) for ids in words.values()} == {3}
