"""``khabar eval``: every accuracy figure khabar claims, measured in one command.

- NER, entity level (exact span + type): held-out NewsFANE (the fixed test blocks of
  ``evaluation.corpora``) and AQMAR dev (PERSON/ORG/LOC), with each bundled tagger
  (``KHABAR_NER`` = crf, bilstm, ensemble);
- claim speaker attribution on the hand-annotated seed gold (``tests/gold/``), with the
  pipeline's tagger (``KHABAR_NER``);
- canonical entities on the seeds: wrong merges and splits.

``--check`` compares the figures with the floors in ``evaluation/floors.json`` (set from our
measurements) and exits 1 if any falls below — CI runs it through the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from evaluation import seed_eval

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner"
FLOORS = Path(__file__).resolve().parent / "floors.json"


def ner_figures(data_dir: Path, limit: int | None = None) -> dict:
    """NER scores of each bundled tagger (each mode of ``NER_MODES``)."""
    from evaluation import corpora, ner_eval
    from transforms.entities.tagger import NER_MODES, Tagger

    news = ner_eval.first_sentences(corpora.newsfane_documents(data_dir, "heldout"), limit)
    aqmar = ner_eval.first_sentences(corpora.aqmar_dev_documents(data_dir), limit)
    sets = {"newsfane_heldout": news, "aqmar_dev": aqmar}
    result: dict = {
        "documents": {name: len(docs) for name, docs in sets.items()},
        "sentences": {name: sum(map(len, docs)) for name, docs in sets.items()},
        "tokens": {name: sum(len(s) for d in docs for s in d) for name, docs in sets.items()},
    }
    for mode in NER_MODES:
        tagger = Tagger.bundled(mode)
        started = time.perf_counter()
        result[mode] = {
            "newsfane_heldout": ner_eval.evaluate(tagger, news),
            "aqmar_dev": ner_eval.evaluate(tagger, aqmar, corpora.CORE_TYPES),
            "seconds": round(time.perf_counter() - started, 2),
        }
    return result


def evaluate_all(data_dir: Path = DEFAULT_DATA, limit: int | None = None) -> dict:
    return {"ner": ner_figures(data_dir, limit), **seed_eval.evaluate()}


def headline(result: dict) -> dict[str, float]:
    """The figures the floors apply to."""
    from transforms.entities.tagger import NER_MODES

    claims, entities = result["claims"], result["entities"]
    figures = {}
    for mode in NER_MODES:
        prefix = f"ner_{mode}_"
        news, aqmar = result["ner"][mode]["newsfane_heldout"], result["ner"][mode]["aqmar_dev"]
        figures[prefix + "newsfane_micro_f1"] = news["micro"]["f1"]
        figures[prefix + "newsfane_person_f1"] = news["PERSON"]["f1"]
        figures[prefix + "aqmar_micro_f1"] = aqmar["micro"]["f1"]
    return {
        **figures,
        "claims_detection_f1": claims["detection"]["f1"],
        "claims_attribution_f1": claims["attribution"]["f1"],
        "seed_entity_wrong_merges": float(len(entities["wrong_merges"])),
    }


def check(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Failures, one line each: a score under its floor (or a count over its ceiling)."""
    failures = []
    for name, floor in floors.items():
        value = figures[name]
        if name.endswith("wrong_merges"):
            if value > floor:
                failures.append(f"{name} = {value:g} > {floor:g}")
        elif value < floor:
            failures.append(f"{name} = {value:.3f} < floor {floor:.3f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    from evaluation.ner_eval import format_table
    from transforms.entities.tagger import DEFAULT_NER_MODE, NER_MODES, ner_mode

    parser = argparse.ArgumentParser(prog="khabar eval", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="NER corpora (default: ../shared/data/ner)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences of each NER set")
    parser.add_argument("--check", action="store_true", help="exit 1 if a figure falls below evaluation/floors.json")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    args = parser.parse_args(argv)

    result = evaluate_all(args.data_dir, args.limit)
    figures = headline(result)
    if args.json:
        print(json.dumps({"figures": figures, **result}, ensure_ascii=False, indent=1))
    else:
        ner = result["ner"]
        for mode in NER_MODES:
            title = f"KHABAR_NER={mode}" + (" (the default)" if mode == DEFAULT_NER_MODE else "")
            print(format_table(f"NER, {title}, held-out NewsFANE ({ner['sentences']['newsfane_heldout']} sentences, {ner['tokens']['newsfane_heldout']} tokens)", ner[mode]["newsfane_heldout"]))
            print()
            print(format_table(f"NER, {title}, AQMAR dev ({ner['sentences']['aqmar_dev']} sentences, {ner['tokens']['aqmar_dev']} tokens; PERSON/ORG/LOC)", ner[mode]["aqmar_dev"]))
            print()
        print(f"Claims and entities below: the pipeline with KHABAR_NER={ner_mode()}")
        print(seed_eval.format_report(result))
    if args.check:
        failures = check(figures, json.loads(FLOORS.read_text(encoding="utf-8")))
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
