"""Build ``transforms/entities/word_clusters.tsv``, the word clusters the NER features use.

    khabar train-clusters --data-dir ../shared/data \\
        --out transforms/entities/word_clusters.tsv        (needs: pip install -e '.[train]')

Why: most names the tagger missed never occur in its labelled training data (only 25-30 % of
held-out person names do). Words used alike in ~12 M tokens of unlabelled news get the same
cluster, so an unseen name shares features with names the model has seen. Measured on the
NewsFANE DEV blocks with the full training recipe: micro F1 .697 → .725, PERSON .649 → .711
(with the character 3/4-grams dropped, which the clusters make redundant).

Corpus (read in place, never copied into the project): the titles and texts of SaudiNewsNet
(CC BY-NC-SA 4.0) and the ANT corpus (Apache-2.0), one paragraph of 3+ tokens per line, plus
the FANE sentences (CC BY-SA 3.0) except NewsFANE's DEV and held-out blocks — so the evaluation
never sees its own text in the clusters. Tokens are what the tagger sees: ``transforms.tokens``
words, normalized by ``transforms.text.normalize_word``.

Method: word2vec CBOW (gensim; 100 dimensions, window 5, min count 5, 5 epochs, sample 1e-4,
one worker, seed 1, a fixed string hash) trained twice — on word forms and on their
proclitic-stripped stems (``features.strip_proclitics``) — then k-means (scikit-learn
MiniBatchKMeans, random_state 0) of the unit-length vectors into 64, 256 and 1024 clusters.
Kept: keys seen 10+ times. Output lines: ``w|s <TAB> key <TAB> c64 <TAB> c256 <TAB> c1024``.
Deterministic for the same corpora and library versions. ~5 min on one core.

The NER model must be retrained after the clusters change (its features read them).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from evaluation import corpora
from transforms.entities.features import CLUSTERS_PATH, strip_proclitics, word_shape
from transforms.text import normalize_word
from transforms.tokens import tokenize

NEWS = ("news/saudinewsnet.jsonl.gz", "news/antcorpus.jsonl.gz")
LEVELS = (64, 256, 1024)
MIN_COUNT = 10
HEADER = (
    "# word clusters for transforms/entities/features.py, built by evaluation/word_clusters.py "
    "(khabar train-clusters): word2vec CBOW + k-means {levels} on SaudiNewsNet (CC BY-NC-SA 4.0), "
    "ANT corpus (Apache-2.0) and FANE (CC BY-SA 3.0) text\n"
)


@lru_cache(maxsize=500_000)
def _norm(word: str) -> str:
    return normalize_word(word) or word


@lru_cache(maxsize=500_000)
def _stem(norm: str) -> str:
    return strip_proclitics(norm)[1] if word_shape(norm) == "ar" else norm


def news_paragraphs(path: Path) -> Iterator[list[str]]:
    """Normalized tokens of every paragraph (3+ tokens) of a feed's titles and texts."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            for field in ("title", "text"):
                for paragraph in (article.get(field) or "").split("\n"):
                    tokens = [_norm(t.text) for t in tokenize(paragraph)]
                    if len(tokens) >= 3:
                        yield tokens


def fane_sentences(ner_dir: Path) -> Iterator[list[str]]:
    """Normalized tokens of NewsFANE's TRAIN blocks (not DEV, not held-out) and WikiFANE."""
    for sentence in corpora.newsfane(ner_dir, "train-dev") + corpora.wikifane(ner_dir):
        yield [_norm(word) for word, _ in sentence]


def read_corpus(data_dir: Path) -> list[list[str]]:
    sentences = list(fane_sentences(data_dir / "ner"))
    for name in NEWS:
        sentences.extend(news_paragraphs(data_dir / name))
    return sentences


def _stable_hash(text: str) -> int:
    """gensim seeds each word's vector with ``hashfxn(word + seed)``; Python's ``hash`` of a
    string changes between processes, this does not."""
    return zlib.crc32(text.encode("utf-8"))


def cluster(sentences: list[list[str]], levels=LEVELS, min_count: int = 5) -> dict[str, tuple[int, tuple[int, ...]]]:
    """``key → (corpus count, cluster id per level)`` for every key seen ``min_count`` times."""
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    model = Word2Vec(
        sentences, vector_size=100, window=5, min_count=min_count, workers=1, sg=0, epochs=5,
        seed=1, sample=1e-4, hashfxn=_stable_hash,
    )
    vectors = model.wv.vectors.astype(np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = []
    for k in levels:
        k = min(k, len(vectors))
        kmeans = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3, max_iter=100)
        labels.append(kmeans.fit_predict(vectors))
    return {
        key: (model.wv.get_vecattr(key, "count"), tuple(int(level[i]) for level in labels))
        for i, key in enumerate(model.wv.index_to_key)
    }


def write_tsv(out: Path, words: dict, stems: dict, min_count: int = MIN_COUNT, levels=LEVELS) -> dict[str, int]:
    kept = {"w": 0, "s": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(HEADER.format(levels="/".join(map(str, levels))))
        for kind, table in (("w", words), ("s", stems)):
            for key, (count, ids) in table.items():
                if count >= min_count and "\t" not in key and "\n" not in key:
                    handle.write("\t".join((kind, key, *map(str, ids))) + "\n")
                    kept[kind] += 1
    return kept


def build(data_dir: Path, out: Path, min_count: int = MIN_COUNT) -> dict[str, int | float]:
    started = time.perf_counter()
    sentences = read_corpus(data_dir)
    tokens = sum(map(len, sentences))
    words = cluster(sentences)
    stems = cluster([[_stem(t) for t in s] for s in sentences])
    kept = write_tsv(out, words, stems, min_count)
    return {"tokens": tokens, "words": kept["w"], "stems": kept["s"],
            "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar train-clusters", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="../shared/data", type=Path,
                        help="holds news/*.jsonl.gz and ner/fane/ (default ../shared/data)")
    parser.add_argument("--out", default=CLUSTERS_PATH, type=Path)
    parser.add_argument("--min-count", default=MIN_COUNT, type=int, help="keep keys seen this often")
    args = parser.parse_args(argv)
    try:
        import gensim  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as exc:
        parser.error(f"{exc.name} is missing: pip install -e '.[train]'")
    summary = build(args.data_dir, args.out, args.min_count)
    print(f"{summary['tokens']:,} tokens → {summary['words']:,} word forms and {summary['stems']:,} stems "
          f"in {args.out} ({summary['bytes'] / 1e6:.2f} MB, {summary['seconds']} s)")
    print("now retrain the NER models: khabar train-ner, khabar train-bilstm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
