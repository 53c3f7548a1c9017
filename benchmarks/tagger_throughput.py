"""Throughput of the NER tagger: tokenize + features + CRF tagging, in words per second.

    python benchmarks/tagger_throughput.py --limit 2000

Reads the first ``--limit`` articles of ``saudinewsnet.jsonl.gz`` (JSON Lines, field
``text``), splits each article into sentences (line breaks and sentence-final punctuation
tokens), tokenizes with ``transforms.tokens.tokenize`` and tags every sentence with the
bundled model on one core. The headline figure (``words_per_second``) is end to end,
article by article through the public API (tokenize + ``Tagger.spans``) with a cold feature
cache, as in a fresh pipeline process; a per-stage breakdown follows (all sentences held in
memory at once, so garbage collection makes the stage sum slower than the streaming run).
Prints a table and a JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transforms.entities.features import _word_info, sentence_features  # noqa: E402
from transforms.entities.tagger import Tagger, gazetteer_labels  # noqa: E402
from transforms.tokens import tokenize  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet.jsonl.gz"
_SENTENCE_END = frozenset({".", "؟", "?", "!", "؛"})


def read_articles(path: Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
    return texts


def sentences_of(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        for token in tokenize(paragraph):
            current.append(token.text)
            if token.text in _SENTENCE_END:
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=2000, help="number of articles")
    parser.add_argument("--model", default=None, help="model file (default: bundled)")
    args = parser.parse_args(argv)

    texts = read_articles(args.corpus, args.limit)
    tagger = Tagger.load(args.model)
    crf = tagger._crf  # noqa: SLF001 - timing the stages separately

    # End to end, as the pipeline runs it: article by article, tokenize + Tagger.spans, with
    # a cold feature cache.
    t_start = time.perf_counter()
    entities = 0
    for text in texts:
        for words in sentences_of(text):
            entities += len(tagger.spans(words))
    end_to_end = time.perf_counter() - t_start

    # The same work by stage (all sentences held in memory at once; warm caches).
    _word_info.cache_clear()
    t0 = time.perf_counter()
    sentences = [s for text in texts for s in sentences_of(text)]
    t1 = time.perf_counter()
    gaz = [gazetteer_labels(s) if tagger.use_gazetteer else None for s in sentences]
    t2 = time.perf_counter()
    feats = [sentence_features(s, g) for s, g in zip(sentences, gaz, strict=True)]
    t3 = time.perf_counter()
    labels = [crf.tag(f) for f in feats]
    t4 = time.perf_counter()
    del feats

    words = sum(map(len, sentences))
    stages = {
        "tokenize": t1 - t0,
        "gazetteer": t2 - t1,
        "features": t3 - t2,
        "crf_tag": t4 - t3,
    }
    total = sum(stages.values())
    result = {
        "articles": len(texts),
        "sentences": len(sentences),
        "words": words,
        "entities": entities,
        "labels_checked": sum(map(len, labels)) == words,
        "seconds": {k: round(v, 3) for k, v in stages.items()},
        "words_per_second": round(words / end_to_end),
        "end_to_end_seconds": round(end_to_end, 3),
        "words_per_second_by_stage_sum": round(words / total) if total else None,
        "stage_words_per_second": {
            k: (round(words / v) if v else None) for k, v in stages.items()
        },
        "model": str(tagger.path),
        "model_bytes": os.path.getsize(tagger.path),
        "gazetteer": tagger.use_gazetteer,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
    }
    print(f"{len(texts)} articles, {len(sentences)} sentences, {words} words, one core")
    print(f"{'stage':<12}{'seconds':>10}{'words/s':>12}")
    for name, secs in stages.items():
        rate = f"{words / secs:>12,.0f}" if secs else f"{'-':>12}"
        print(f"{name:<12}{secs:>10.2f}{rate}")
    print(f"{'stage sum':<12}{total:>10.2f}{words / total:>12,.0f}")
    print(
        f"{'end to end':<12}{end_to_end:>10.2f}{words / end_to_end:>12,.0f}"
        f"  (tokenize + Tagger.spans per article, cold cache; {entities} entities)"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
