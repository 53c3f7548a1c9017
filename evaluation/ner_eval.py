"""Entity-level evaluation of the NER tagger: exact match of span *and* type.

``python -m evaluation.ner_eval --data-dir ../shared/data/ner [--limit N] [--model PATH [--crf PATH]]``
prints precision / recall / F1 per type and micro-averaged for

- held-out NewsFANE (the fixed document-order TEST blocks of ``evaluation.corpora``), all
  our types; "micro" is over PERSON+ORG+LOC+MISC and "micro-core" over PERSON+ORG+LOC;
- AQMAR dev (Wikipedia, a different annotation scheme): PERSON / ORG / LOC only. AQMAR's
  MIS class (events, languages, technologies, ...) is much wider than our MISC, so MISC
  spans are ignored on both sides there.

Each NewsFANE block of 50 sentences and each AQMAR article is decoded as one document, as
the pipeline decodes an article (``--consistency 0`` scores sentence-by-sentence decoding).

Spans are decoded with the same repair as the tagger (``bio_spans``: an I- that does not
continue a span starts one), for gold and predicted labels alike.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from evaluation import corpora
from transforms.entities.tagger import CONSISTENCY_WEIGHT, CRF_WEIGHT, Tagger, bio_spans

Sentence = list[tuple[str, str]]


class _Tags(Protocol):
    def tag_many(
        self, sentences: list[list[str]], *, documents: Sequence[int] | None = None
    ) -> list[list[str]]: ...


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "support": tp + fn,
    }


def score(
    gold: Iterable[Sequence[str]],
    predicted: Iterable[Sequence[str]],
    types: Sequence[str] = corpora.ENTITY_TYPES,
) -> dict[str, dict[str, float | int]]:
    """Exact-match span scores from gold and predicted BIO label sequences."""
    counts = {t: [0, 0, 0] for t in types}  # tp, fp, fn
    for gold_labels, pred_labels in zip(gold, predicted, strict=True):
        gold_spans = {s for s in bio_spans(gold_labels) if s.entity_type in counts}
        pred_spans = {s for s in bio_spans(pred_labels) if s.entity_type in counts}
        for span in gold_spans & pred_spans:
            counts[span.entity_type][0] += 1
        for span in pred_spans - gold_spans:
            counts[span.entity_type][1] += 1
        for span in gold_spans - pred_spans:
            counts[span.entity_type][2] += 1
    result = {t: _prf(*c) for t, c in counts.items()}
    result["micro"] = _prf(*(sum(c[k] for c in counts.values()) for k in range(3)))
    core = [t for t in types if t in corpora.CORE_TYPES]
    if len(core) != len(types):
        result["micro-core"] = _prf(*(sum(counts[t][k] for t in core) for k in range(3)))
    return result


def evaluate(
    tagger: _Tags,
    documents: Iterable[Sequence[Sentence]],
    types: Sequence[str] = corpora.ENTITY_TYPES,
) -> dict[str, dict[str, float | int]]:
    """Tag ``documents`` (lists of sentences of ``(token, gold BIO)``), each decoded as one
    document as the pipeline decodes an article, and score entity-level P/R/F1."""
    documents = list(documents)
    sentences = [sentence for document in documents for sentence in document]
    keys = [k for k, document in enumerate(documents) for _ in document]
    gold = [[t for _, t in sentence] for sentence in sentences]
    predicted = tagger.tag_many([[w for w, _ in s] for s in sentences], documents=keys)  # one batch
    return score(gold, predicted, types)


def first_sentences(documents: Sequence[list[Sentence]], limit: int | None) -> list[list[Sentence]]:
    """The documents cut to their first ``limit`` sentences in all (``None``: all of them)."""
    if limit is None:
        return list(documents)
    out: list[list[Sentence]] = []
    left = limit
    for document in documents:
        if left <= 0:
            break
        out.append(document[:left])
        left -= len(out[-1])
    return out


def _size(documents: Sequence[list[Sentence]]) -> str:
    sentences = sum(map(len, documents))
    tokens = sum(len(s) for document in documents for s in document)
    return f"{sentences} sentences, {tokens} tokens"


def format_table(title: str, result: dict[str, dict[str, float | int]]) -> str:
    lines = [title, f"{'type':<11}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, r in result.items():
        lines.append(
            f"{name:<11}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
            f"{r['support']:>7}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="../shared/data/ner", type=Path)
    parser.add_argument("--model", default=None,
                        help="model file, .npz or .crfsuite (default: the bundled tagger of KHABAR_NER)")
    parser.add_argument("--crf", default=None, help="with --model: add this CRF's scores")
    parser.add_argument("--members", type=int, default=None,
                        help="with a BiLSTM-CRF --model: decode its first N members (default all)")
    parser.add_argument("--crf-weight", type=float, default=CRF_WEIGHT)
    parser.add_argument(
        "--consistency", type=float, default=CONSISTENCY_WEIGHT,
        help="weight of the document prior (0: every sentence decoded on its own)",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N sentences per set")
    parser.add_argument(
        "--split", default="heldout", choices=("heldout", "dev"),
        help="NewsFANE part to score (dev = the tuning blocks carved from TRAIN)",
    )
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    args = parser.parse_args(argv)

    if (args.crf or args.members) and not args.model:
        parser.error("--crf and --members go with --model")
    tagger = Tagger.load(
        args.model, crf=args.crf, crf_weight=args.crf_weight, consistency=args.consistency,
        members=args.members,
    )
    news = first_sentences(corpora.newsfane_documents(args.data_dir, args.split), args.limit)
    aqmar = first_sentences(corpora.aqmar_dev_documents(args.data_dir), args.limit)
    results = {}
    started = time.perf_counter()
    results[f"newsfane-{args.split}"] = evaluate(tagger, news)
    results["aqmar-dev"] = evaluate(tagger, aqmar, corpora.CORE_TYPES)
    elapsed = time.perf_counter() - started
    models = " + ".join(map(str, tagger.paths))
    print(f"model: {models} (gazetteer features: {tagger.use_gazetteer}, "
          f"document prior: {tagger.consistency})")
    print(format_table(
        f"\nNewsFANE {args.split} ({_size(news)}, as {len(news)} blocks)",
        results[f"newsfane-{args.split}"],
    ))
    print(format_table(
        f"\nAQMAR dev ({_size(aqmar)}, {len(aqmar)} articles;"
        " PERSON/ORG/LOC only, AQMAR MIS is not comparable to our MISC)",
        results["aqmar-dev"],
    ))
    print(f"\ntagged in {elapsed:.1f}s")
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
