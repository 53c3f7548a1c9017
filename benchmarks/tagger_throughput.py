"""Throughput of the NER tagger: gazetteer + features + decoding, in words per second.

    python benchmarks/tagger_throughput.py --limit 2000          # the pipeline's tagger
    python benchmarks/tagger_throughput.py --limit 2000 \
        --model transforms/entities/ner_bilstm.npz --crf transforms/entities/ner.crfsuite

Reads the first ``--limit`` articles of ``saudinewsnet.jsonl.gz`` (JSON Lines, field
``text``), splits each article into sentences (line breaks and sentence-final punctuation
tokens), tokenizes with ``transforms.tokens.tokenize`` and tags every sentence on one core
with the pipeline's tagger (``KHABAR_NER``) or the models given. The headline figure
(``words_per_second``) is end to end as the pipeline runs it: batches of 500 articles, each
article one document (the second, document-prior pass of ``transforms.entities.consistency``
included), gazetteer + ``Tagger.tag_many`` (the batch decoders of ``transforms.entities.crf`` and
``transforms.entities.lstm``), from a cold word cache; tokenizing is not timed. For a CRF
model, the same sentences also go through pycrfsuite's own tagger one at a time (features as
strings, as before the batch decoder), which checks the labels agree with our decoder's
sentence-by-sentence labels (no documents: pycrfsuite has no document prior). Prints a table and a
JSON line.
"""

from __future__ import annotations

import os

# One core: no BLAS threads for the BiLSTM's matrix products (as in the pipeline's workers).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transforms.entities.features import _word_info, sentence_features  # noqa: E402
from transforms.entities.spans import bio_label  # noqa: E402
from transforms.entities.tagger import _MAX_TOKENS, Tagger, bio_spans, gazetteer_labels  # noqa: E402
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


def _pycrfsuite_reference(tagger: Tagger, sentences: list[list[str]]) -> tuple[list[list[str]], float]:
    """Labels and seconds of pycrfsuite's own tagger, one sentence a call, string features,
    in the tagger's windows of ``_MAX_TOKENS``."""
    import pycrfsuite

    reference = pycrfsuite.Tagger()
    reference.open(str(tagger.path))
    _word_info.cache_clear()
    t0 = time.perf_counter()
    gaz = [gazetteer_labels(s) if tagger.use_gazetteer else None for s in sentences]
    expected = []
    for s, g in zip(sentences, gaz, strict=True):
        windows = range(0, len(s), _MAX_TOKENS)
        expected.append([bio_label(label) for i in windows for label in reference.tag(
            sentence_features(s[i : i + _MAX_TOKENS], None if g is None else g[i : i + _MAX_TOKENS]))])
    return expected, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=2000, help="number of articles")
    parser.add_argument("--model", default=None, help="model file (default: the pipeline's, KHABAR_NER)")
    parser.add_argument("--crf", default=None, help="with --model: ensemble with this CRF")
    args = parser.parse_args(argv)

    texts = read_articles(args.corpus, args.limit)
    tagger = Tagger.load(args.model, crf=args.crf)
    per_article = [sentences_of(text) for text in texts]  # untimed: the sentence splitter is not the tagger
    sentences = [s for article in per_article for s in article]
    words = sum(map(len, sentences))

    # As the pipeline runs it: 500 articles at a time, gazetteer + batch decoding.
    stages = {"gazetteer": 0.0, "decode": 0.0}
    labels: list[list[str]] = []
    for start in range(0, len(per_article), 500):
        articles = per_article[start : start + 500]
        batch = [s for article in articles for s in article]
        documents = [k for k, article in enumerate(articles) for _ in article]
        t0 = time.perf_counter()
        gaz = [gazetteer_labels(s) for s in batch] if tagger.use_gazetteer else None
        t1 = time.perf_counter()
        labels += tagger.tag_many(batch, gaz, documents)
        t2 = time.perf_counter()
        stages["gazetteer"] += t1 - t0
        stages["decode"] += t2 - t1
    end_to_end = sum(stages.values())
    entities = sum(len(bio_spans(x)) for x in labels)

    single_crf = len(tagger.paths) == 1 and tagger.path.suffix == ".crfsuite"
    reference = _pycrfsuite_reference(tagger, sentences) if single_crf else None
    # pycrfsuite decodes sentence by sentence: compare with our decoder without documents,
    # before the rules that follow it (titles, lineage, teams …), both in BIO labels.
    by_sentence = tagger.decode(sentences) if single_crf else None

    result = {
        "articles": len(texts),
        "sentences": len(sentences),
        "words": words,
        "entities": entities,
        "labels_equal_pycrfsuite": None if reference is None else by_sentence == reference[0],
        "seconds": {k: round(v, 3) for k, v in stages.items()},
        "words_per_second": round(words / end_to_end),
        "end_to_end_seconds": round(end_to_end, 3),
        "stage_words_per_second": {k: (round(words / v) if v else None) for k, v in stages.items()},
        "pycrfsuite_one_by_one_seconds": None if reference is None else round(reference[1], 3),
        "models": [str(p) for p in tagger.paths],
        "model_bytes": sum(os.path.getsize(p) for p in tagger.paths),
        "gazetteer": tagger.use_gazetteer,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
    }
    print(f"{len(texts)} articles, {len(sentences)} sentences, {words} words, one core")
    print(f"{'stage':<34}{'seconds':>10}{'words/s':>12}")
    for name, secs in stages.items():
        print(f"{name:<34}{secs:>10.2f}{words / secs if secs else 0:>12,.0f}")
    print(f"{'gazetteer + decode (batches of 500)':<34}{end_to_end:>10.2f}{words / end_to_end:>12,.0f}  ({entities} entities)")
    if reference is not None:
        print(f"{'pycrfsuite, one sentence a call':<34}{reference[1]:>10.2f}"
              f"{words / reference[1]:>12,.0f}  (labels equal: {by_sentence == reference[0]})")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
