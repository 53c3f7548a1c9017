"""Train the CRF NER model bundled as ``transforms/entities/ner.crfsuite`` (``khabar run --ner
crf``, and with the BiLSTM-CRF of ``evaluation.train_bilstm``, ``--ner ensemble``).

    python -m evaluation.train_ner --data-dir ../shared/data/ner \\
        --out transforms/entities/ner.crfsuite                       (also: khabar train-ner)

The CRF uses the same features (``transforms.entities.features``) with neighbour features
and conjunctions; ``transforms.entities.crf`` decodes it in batches.

Training data: NewsFANE TRAIN blocks (everything but the fixed held-out blocks, see
``evaluation.corpora``) + WikiFANE Gold. Deterministic: corpora are read in file order and
crfsuite's L-BFGS has no randomness, so the same data, code and parameters give the same
model. Single-threaded (crfsuite); a few minutes on one core.

``--tune`` instead trains a small c1/c2 grid on TRAIN-without-DEV and scores each model on
the DEV blocks (carved from TRAIN, never the held-out blocks); two models train at a time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pycrfsuite

from evaluation import corpora
from transforms.entities.features import sentence_features
from transforms.entities.spans import bioes_labels

Sentence = list[tuple[str, str]]

DEFAULT_CORPORA = ("newsfane", "wikifane")
DEFAULT_C1 = 0.2
DEFAULT_C2 = 0.05
DEFAULT_MINFREQ = 2
DEFAULT_ITERATIONS = 150
# NewsFANE is in-domain but 3x smaller than WikiFANE: its sentences are given twice
# (crfsuite has no instance weights). Measured on the DEV blocks: +0.5-1 micro F1.
DEFAULT_NEWS_REPEAT = 2
# Labels learned: BIOES (a span's last word E-, a one-word span S-); the decoder hands out BIO.
# On the DEV blocks: micro F1 0.745 → 0.765, PERSON F1 0.702 → 0.765.
DEFAULT_SCHEME = "bioes"


def load_corpora(
    data_dir: str | os.PathLike[str],
    names: Sequence[str],
    news_repeat: int = DEFAULT_NEWS_REPEAT,
) -> list[Sentence]:
    """``newsfane`` (TRAIN + DEV blocks), ``newsfane-train-dev`` (TRAIN only), ``wikifane``;
    NewsFANE sentences are repeated ``news_repeat`` times."""
    sentences: list[Sentence] = []
    for name in names:
        if name == "newsfane":
            sentences += corpora.newsfane(data_dir, "train") * news_repeat
        elif name == "newsfane-train-dev":
            sentences += corpora.newsfane(data_dir, "train-dev") * news_repeat
        elif name == "wikifane":
            sentences += corpora.wikifane(data_dir)
        else:
            raise ValueError(f"unknown corpus {name!r}")
    return sentences


def _gazetteer_labeler(use_gazetteer: bool | None):
    from transforms.entities.tagger import gazetteer_labels

    if use_gazetteer is False:
        return None
    probe = gazetteer_labels(["x"])
    if probe is None:
        if use_gazetteer:
            raise RuntimeError("--gazetteer requested but transforms.entities.gazetteer is missing")
        return None
    return gazetteer_labels


def train(
    out_path: str | os.PathLike[str],
    corpora: Sequence[str] | None = None,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    *,
    data_dir: str | os.PathLike[str] = "../shared/data/ner",
    sentences: Sequence[Sentence] | None = None,
    minfreq: float = DEFAULT_MINFREQ,
    max_iterations: int = DEFAULT_ITERATIONS,
    news_repeat: int = DEFAULT_NEWS_REPEAT,
    use_gazetteer: bool | None = None,
    scheme: str = DEFAULT_SCHEME,
    verbose: bool = False,
) -> dict[str, float | int | str]:
    """Train a model into ``out_path`` from ``sentences`` (lists of ``(token, BIO)``) or, if
    not given, from the named ``corpora`` under ``data_dir``. Returns a summary."""
    started = time.perf_counter()
    if sentences is None:
        sentences = load_corpora(data_dir, corpora or DEFAULT_CORPORA, news_repeat)
    if scheme not in ("bio", "bioes"):
        raise ValueError(f"scheme {scheme!r}: expected bio or bioes")
    labeler = _gazetteer_labeler(use_gazetteer)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    n_tokens = 0
    for sentence in sentences:
        words = [w for w, _ in sentence]
        tags = [t for _, t in sentence]
        trainer.append(
            sentence_features(words, labeler(words) if labeler else None),
            bioes_labels(tags) if scheme == "bioes" else tags,
        )
        n_tokens += len(words)
    features_s = time.perf_counter() - started
    trainer.select("lbfgs")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": minfreq,
            "feature.possible_transitions": True,
        }
    )
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out_path))
    elapsed = time.perf_counter() - started
    last = trainer.logparser.last_iteration or {}
    return {
        "model": str(out_path),
        "sentences": len(sentences),
        "tokens": n_tokens,
        "c1": c1,
        "c2": c2,
        "minfreq": minfreq,
        "max_iterations": max_iterations,
        "iterations": last.get("num", 0),
        "active_features": last.get("active_features", 0),
        "gazetteer": labeler is not None,
        "features_seconds": round(features_s, 1),
        "seconds": round(elapsed, 1),
        "bytes": out_path.stat().st_size,
    }


def _tune_one(args: tuple) -> dict:
    data_dir, names, c1, c2, minfreq, iterations, news_repeat, use_gazetteer, scheme = args
    from evaluation.ner_eval import evaluate
    from transforms.entities.tagger import Tagger

    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "m.crfsuite"
        summary = train(
            model, names, c1, c2, data_dir=data_dir, minfreq=minfreq,
            max_iterations=iterations, news_repeat=news_repeat, use_gazetteer=use_gazetteer,
            scheme=scheme,
        )
        tagger = Tagger.load(model, use_gazetteer=summary["gazetteer"])
        result = evaluate(tagger, corpora.newsfane_documents(data_dir, "dev"))
    return {**summary, "dev": result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar train-ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="../shared/data/ner", type=Path)
    parser.add_argument("--out", default="transforms/entities/ner.crfsuite", type=Path)
    parser.add_argument(
        "--corpora", default=",".join(DEFAULT_CORPORA),
        help="comma-separated: newsfane, newsfane-train-dev, wikifane",
    )
    parser.add_argument("--c1", type=float, default=DEFAULT_C1)
    parser.add_argument("--c2", type=float, default=DEFAULT_C2)
    parser.add_argument("--minfreq", type=float, default=DEFAULT_MINFREQ)
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    parser.add_argument("--news-repeat", type=int, default=DEFAULT_NEWS_REPEAT)
    parser.add_argument("--scheme", choices=("bio", "bioes"), default=DEFAULT_SCHEME,
                        help="labels the CRF learns (default %(default)s)")
    gaz = parser.add_mutually_exclusive_group()
    gaz.add_argument("--gazetteer", dest="gazetteer", action="store_true", default=None)
    gaz.add_argument("--no-gazetteer", dest="gazetteer", action="store_false")
    parser.add_argument("--tune", action="store_true", help="c1/c2 grid scored on DEV blocks")
    parser.add_argument("--c1-grid", default="0.02,0.05,0.1,0.2")
    parser.add_argument("--c2-grid", default="0.005,0.01,0.05")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    names = [n for n in args.corpora.split(",") if n]

    if args.tune:
        names = ["newsfane-train-dev" if n == "newsfane" else n for n in names]
        grid = list(itertools.product(
            [float(x) for x in args.c1_grid.split(",")],
            [float(x) for x in args.c2_grid.split(",")],
        ))
        jobs = [
            (args.data_dir, names, c1, c2, args.minfreq, args.iterations, args.news_repeat,
             args.gazetteer, args.scheme)
            for c1, c2 in grid
        ]
        print(f"tuning on {'+'.join(names)}, scoring NewsFANE DEV blocks")
        with ProcessPoolExecutor(args.jobs) as pool:
            for r in pool.map(_tune_one, jobs):
                dev = r["dev"]
                print(
                    f"c1={r['c1']:<6} c2={r['c2']:<6} micro={dev['micro']['f1']:.4f} "
                    f"core={dev['micro-core']['f1']:.4f} PER={dev['PERSON']['f1']:.4f} "
                    f"ORG={dev['ORG']['f1']:.4f} LOC={dev['LOC']['f1']:.4f} "
                    f"MISC={dev['MISC']['f1']:.4f} size={r['bytes'] / 1e6:.1f}MB "
                    f"feats={r['active_features']} {r['seconds']}s",
                    flush=True,
                )
        return 0

    summary = train(
        args.out, names, args.c1, args.c2, data_dir=args.data_dir, minfreq=args.minfreq,
        max_iterations=args.iterations, news_repeat=args.news_repeat,
        use_gazetteer=args.gazetteer, scheme=args.scheme,
    )
    print(f"trained on {'+'.join(names)}: {summary['sentences']} sentences, "
          f"{summary['tokens']} tokens, gazetteer features: {summary['gazetteer']}")
    print(f"c1={summary['c1']} c2={summary['c2']} minfreq={summary['minfreq']} "
          f"iterations={summary['iterations']} active features={summary['active_features']}")
    print(f"model: {summary['model']} ({summary['bytes'] / 1e6:.2f} MB)")
    print(f"time: {summary['seconds']:.1f}s (features {summary['features_seconds']:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
