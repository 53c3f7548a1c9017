"""Claim attribution and entity canonicalization measured on the hand-annotated seeds.

- claims: ``tests/gold/seed_claims.jsonl`` (every claim of the five seeds, see its README),
  scored by ``evaluation.claims_eval``;
- entities: ``tests/gold/seed_entities.json`` lists, per real-world entity, the spellings the
  seeds use; a *wrong merge* is one entity id holding spellings of two gold entities, a *split*
  is one gold entity spread over several ids.

Runs the pure transforms directly (no Prefect, no warehouse): ``python -m evaluation.seed_eval``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from evaluation.claims_eval import load_gold, score_claims
from transforms.pipeline import Batch, process_articles
from transforms.sources import build_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_CLAIMS = ROOT / "tests" / "gold" / "seed_claims.jsonl"
GOLD_ENTITIES = ROOT / "tests" / "gold" / "seed_entities.json"


def run_seeds(seeds: Path = SEEDS) -> tuple[Batch, dict[str, str]]:
    """The pipeline's output for the seeds, and article_id → source file name."""
    articles = []
    for path in sorted(seeds.glob("*.txt")):
        article, _ = build_article(path.read_text(encoding="utf-8"), path.name)
        articles.append(article)
    batch = process_articles(articles, "seed-eval", datetime.now(timezone.utc))
    return batch, {a.article_id: a.source for a in articles}


def predicted_claims(batch: Batch, sources: dict[str, str]) -> list[dict]:
    rows = []
    for claim in batch.claims:
        entity = batch.entities.get(claim["speaker_entity_id"]) if claim["speaker_entity_id"] else None
        cue_start = claim["cue_start"] if claim["cue_start"] is not None else claim["char_start"]
        cue_end = claim["cue_end"] if claim["cue_end"] is not None else claim["char_start"] + 1
        rows.append(
            {
                "source": sources[claim["article_id"]],
                "cue_start": cue_start,
                "cue_end": cue_end,
                "cue_text": claim["cue_text"],
                "speaker_en": entity.name_en if entity else None,
                "speaker_name_ar": entity.canonical_name if entity and not entity.name_en else None,
                "speaker_text": claim["speaker_text"],
                "speaker_kind": claim["speaker_kind"],
                "content_start": claim["char_start"],
                "content_end": claim["char_end"],
                "quote_type": claim["quote_type"],
            }
        )
    return rows


def score_entities(batch: Batch, gold_path: Path = GOLD_ENTITIES) -> dict:
    """Wrong merges and splits of the gold entities' spellings across predicted entity ids."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["entities"]
    by_surface: dict[str, set[str]] = {}
    for mention in batch.mentions:
        by_surface.setdefault(mention["surface"], set()).add(mention["entity_id"])
    owners: dict[str, set[str]] = {}  # entity id → gold names whose spellings it holds
    splits, missing = [], []
    for item in gold:
        ids: set[str] = set()
        for spelling in item["spellings"]:
            found = by_surface.get(spelling, set())
            if not found:
                missing.append(f"{item['name_en']}: {spelling}")
            ids |= found
        for entity_id in ids:
            owners.setdefault(entity_id, set()).add(item["name_en"])
        if len(ids) > 1:
            splits.append({"name_en": item["name_en"], "entity_ids": sorted(ids)})
    merges = [sorted(names) for names in owners.values() if len(names) > 1]
    return {"gold_entities": len(gold), "wrong_merges": merges, "splits": splits, "unrecognized_spellings": missing}


def evaluate() -> dict:
    batch, sources = run_seeds()
    claims = score_claims(predicted_claims(batch, sources), load_gold(GOLD_CLAIMS))
    return {"claims": claims, "entities": score_entities(batch)}


def format_report(result: dict) -> str:
    c, e = result["claims"], result["entities"]
    lines = [
        "Claims on the seed gold (%d gold, %d predicted)" % (c["counts"]["gold"], c["counts"]["predicted"]),
        "  %-22s %9s %9s %9s" % ("", "precision", "recall", "F1"),
    ]
    for name in ("detection", "attribution"):
        m = c[name]
        lines.append("  %-22s %9.3f %9.3f %9.3f" % (name, m["precision"], m["recall"], m["f1"]))
    lines.append("  quote_type accuracy %.3f, content span Jaccard %.3f" % (c["quote_type_accuracy"], c["content_jaccard"]))
    lines.append(
        "Entities on the seeds: %d gold entities, %d wrong merges, %d splits, %d unrecognized spellings"
        % (e["gold_entities"], len(e["wrong_merges"]), len(e["splits"]), len(e["unrecognized_spellings"]))
    )
    for merge in e["wrong_merges"]:
        lines.append("  wrong merge: " + " + ".join(merge))
    for split in e["splits"]:
        lines.append("  split: %s over %d ids" % (split["name_en"], len(split["entity_ids"])))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.seed_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="also list missed, spurious and mis-attributed claims")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = evaluate()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(format_report(result))
    if args.errors:
        for kind in ("missed", "spurious", "wrong_speaker"):
            for item in result["claims"]["errors"][kind]:
                print(f"  {kind}: {json.dumps(item, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
