"""Claim-level evaluation ("who said what") against the hand-annotated seed gold standard.

Gold: ``tests/gold/seed_claims.jsonl`` (guidelines in ``tests/gold/README.md``), one claim per
reporting cue, with character offsets into the article text as read by
``open(path, encoding="utf-8", newline="")``.

Matching, per source (article file name):

1. a predicted and a gold claim match when their **cue spans overlap**; one-to-one, greedy by
   the number of overlapping characters (ties: larger content overlap, then document order);
2. a predicted claim whose cue overlaps **no** gold cue still matches a remaining gold claim when
   its content span covers at least 50 % of that gold claim's content span (greedy by coverage).
   This lets a cue chosen differently (``قوله`` instead of ``ونقلت``, ``ذكرت`` instead of
   ``وفق ما ذكرت``) count, as long as the content is the same.

Speaker correct:

- gold ``speaker_en`` set: the predicted ``speaker_en`` equals it, case-insensitively and
  ignoring hyphens, spaces, dots and underscores ("Kim Jong-un" == "Kim Jong Un");
- gold ``speaker_en`` null (unnamed officials, groups, unnamed media/documents): the predicted
  ``speaker_en`` is null too and the predicted ``speaker_text`` shares at least one normalized
  content word with the gold ``speaker_text`` (``transforms.text.normalize_word``; a leading
  و / ال / وال is ignored; prepositions and other function words do not count).

Scores: detection P/R/F1 (matched pairs), attribution P/R/F1 (matched *and* speaker correct;
precision over all predictions, recall over all gold claims), quote-type accuracy and mean
content-span Jaccard over matched pairs, a per-``speaker_kind`` breakdown of recall, counts, and
error lists (missed, spurious, wrong speaker, wrong quote type). Undefined ratios (nothing to
divide by) are 0.0, as in ``evaluation.ner_eval``.

Pure: the only I/O is ``load_gold``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transforms.text import normalize_word

SPEAKER_KINDS = ("person", "organization", "unnamed_official", "group", "media", "document")
QUOTE_TYPES = ("direct", "indirect", "mixed")
GOLD_FIELDS = (
    "source",
    "cue_text",
    "cue_start",
    "cue_end",
    "speaker_en",
    "speaker_text",
    "speaker_kind",
    "content_start",
    "content_end",
    "quote_type",
    "note",
)
PREDICTED_REQUIRED = ("source", "cue_start", "cue_end")
CONTENT_FALLBACK_MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class GoldClaim:
    source: str
    cue_text: str
    cue_start: int
    cue_end: int
    speaker_en: str | None
    speaker_text: str
    speaker_kind: str
    content_start: int
    content_end: int
    quote_type: str
    note: str = ""


def load_gold(path: str | Path) -> list[GoldClaim]:
    """Read the gold JSONL (one claim per line, keys exactly ``GOLD_FIELDS``)."""
    claims: list[GoldClaim] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
            missing = [k for k in GOLD_FIELDS if k not in row]
            extra = sorted(set(row) - set(GOLD_FIELDS))
            if missing or extra:
                raise ValueError(f"{path}:{lineno}: missing keys {missing}, unexpected keys {extra}")
            claims.append(GoldClaim(**row))
    return claims


# --------------------------------------------------------------------------- speaker comparison

_NAME_JOINERS_RE = re.compile(r"[\s\-‐‑–—_.·]+")
_TOKEN_RE = re.compile(r"[\w\u0621-\u064a\u0640\u064b-\u0652]+")
# Function words that must not make two descriptors "share a word".
_FUNCTION_WORDS = frozenset(
    normalize_word(w)
    for w in (
        "في", "من", "على", "عن", "إلى", "الى", "مع", "ب", "ل", "و", "أو", "أن", "إن", "ان",
        "باسم", "بين", "لدى", "عند", "كل", "التي", "الذي", "الذين", "هذا", "هذه", "أحد",
    )
)


def _name_key(name: str) -> str:
    return _NAME_JOINERS_RE.sub("", name).casefold()


def _word_keys(text: str | None) -> set[str]:
    """Normalized content words of a descriptor, each with and without a leading و / ال / وال
    (so "المسؤولون" ~ "مسؤولون" while "وزارة" still matches "وزارة"); function words dropped."""
    keys: set[str] = set()
    for token in _TOKEN_RE.findall(text or ""):
        word = normalize_word(token)
        variants = {word}
        for prefix in ("وال", "ال", "و"):
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                variants.add(word[len(prefix):])
        if variants & _FUNCTION_WORDS:
            continue
        keys.update(v for v in variants if len(v) >= 2)
    return keys


def _descriptors_share_word(predicted: str | None, gold: str | None) -> bool:
    return bool(_word_keys(predicted) & _word_keys(gold))


def _same_arabic_name(predicted: str, gold: str) -> bool:
    from transforms.text import name_key

    if name_key(predicted) == name_key(gold):
        return True
    pred_words, gold_words = predicted.split(), gold.split()
    return len(pred_words) >= 2 and len(gold_words) >= 2 and name_key(pred_words[-1]) == name_key(gold_words[-1])


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def speaker_correct(predicted: Mapping[str, Any], gold: GoldClaim) -> bool:
    """Whether a predicted claim names the gold claim's speaker (see module docstring).

    A named speaker the gazetteer does not know has no English name; it is still right when
    the predicted entity's Arabic name (``speaker_name_ar``) is the gold speaker's name
    (same ``name_key``, or the same surname)."""
    pred_en = _blank_to_none(predicted.get("speaker_en"))
    if gold.speaker_en is not None:
        if pred_en is None and predicted.get("speaker_name_ar"):
            return _same_arabic_name(predicted["speaker_name_ar"], gold.speaker_text)
        return pred_en is not None and _name_key(str(pred_en)) == _name_key(gold.speaker_en)
    return pred_en is None and _descriptors_share_word(predicted.get("speaker_text"), gold.speaker_text)


# --------------------------------------------------------------------------- spans and matching


def _overlap(a0: int | None, a1: int | None, b0: int | None, b1: int | None) -> int:
    if None in (a0, a1, b0, b1):
        return 0
    return max(0, min(a1, b1) - max(a0, b0))


def span_jaccard(a0: int | None, a1: int | None, b0: int | None, b1: int | None) -> float:
    """Jaccard index of two half-open character ranges (0.0 if either is missing or empty)."""
    if None in (a0, a1, b0, b1) or a1 <= a0 or b1 <= b0:
        return 0.0
    inter = _overlap(a0, a1, b0, b1)
    return inter / ((a1 - a0) + (b1 - b0) - inter)


def _as_dict(item: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return dict(item)


def _match_source(preds: Sequence[tuple[int, dict]], golds: Sequence[tuple[int, GoldClaim]]):
    """One source's matching: list of (pred_index, gold_index, how) with how in {"cue", "content"}."""
    pairs = []
    for pi, p in preds:
        for gi, g in golds:
            cue_ov = _overlap(p["cue_start"], p["cue_end"], g.cue_start, g.cue_end)
            if cue_ov > 0:
                content = span_jaccard(p.get("content_start"), p.get("content_end"), g.content_start, g.content_end)
                pairs.append((-cue_ov, -content, pi, gi))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for _, _, pi, gi in pairs:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            matches.append((pi, gi, "cue"))

    # Fallback: the predicted cue overlaps no gold cue at all, but the content is the gold content.
    fallback = []
    for pi, p in preds:
        if pi in used_p:
            continue
        if any(_overlap(p["cue_start"], p["cue_end"], g.cue_start, g.cue_end) > 0 for _, g in golds):
            continue
        for gi, g in golds:
            if gi in used_g:
                continue
            gold_len = g.content_end - g.content_start
            if gold_len <= 0:
                continue
            coverage = _overlap(p.get("content_start"), p.get("content_end"), g.content_start, g.content_end) / gold_len
            if coverage >= CONTENT_FALLBACK_MIN_COVERAGE:
                fallback.append((-coverage, pi, gi))
    fallback.sort()
    for _, pi, gi in fallback:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            matches.append((pi, gi, "content"))
    return matches


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
    }


def _gold_summary(index: int, g: GoldClaim) -> dict[str, Any]:
    return {
        "gold_index": index,
        "source": g.source,
        "cue_text": g.cue_text,
        "cue_start": g.cue_start,
        "cue_end": g.cue_end,
        "speaker_en": g.speaker_en,
        "speaker_text": g.speaker_text,
        "speaker_kind": g.speaker_kind,
        "content_start": g.content_start,
        "content_end": g.content_end,
        "quote_type": g.quote_type,
        "note": g.note,
    }


def _pred_summary(index: int, p: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("source", "cue_start", "cue_end", "speaker_en", "speaker_text", "speaker_kind",
            "content_start", "content_end", "quote_type")
    return {"predicted_index": index, **{k: p.get(k) for k in keys}}


def score_claims(predicted: Iterable[Mapping[str, Any] | GoldClaim], gold: Iterable[GoldClaim]) -> dict[str, Any]:
    """Score predicted claims against gold claims; see the module docstring for the rules."""
    preds = [_as_dict(p) for p in predicted]
    golds = list(gold)
    for i, p in enumerate(preds):
        missing = [k for k in PREDICTED_REQUIRED if p.get(k) is None]
        if missing:
            raise ValueError(f"predicted claim {i} lacks {missing}: {p!r}")

    by_source_p: dict[str, list[tuple[int, dict]]] = {}
    by_source_g: dict[str, list[tuple[int, GoldClaim]]] = {}
    for i, p in enumerate(preds):
        by_source_p.setdefault(p["source"], []).append((i, p))
    for i, g in enumerate(golds):
        by_source_g.setdefault(g.source, []).append((i, g))

    matches: list[tuple[int, int, str]] = []
    for source in sorted(set(by_source_p) | set(by_source_g)):
        matches.extend(_match_source(by_source_p.get(source, []), by_source_g.get(source, [])))
    matches.sort(key=lambda m: m[1])

    matched_p = {pi for pi, _, _ in matches}
    matched_g = {gi for _, gi, _ in matches}
    n_speaker = n_qtype = 0
    jaccards: list[float] = []
    wrong_speaker, wrong_quote_type = [], []
    kinds = {k: {"gold": 0, "detected": 0, "attributed": 0} for k in SPEAKER_KINDS}
    for g in golds:
        kinds.setdefault(g.speaker_kind, {"gold": 0, "detected": 0, "attributed": 0})["gold"] += 1

    for pi, gi, how in matches:
        p, g = preds[pi], golds[gi]
        ok = speaker_correct(p, g)
        kinds[g.speaker_kind]["detected"] += 1
        if ok:
            n_speaker += 1
            kinds[g.speaker_kind]["attributed"] += 1
        else:
            wrong_speaker.append({"gold": _gold_summary(gi, g), "predicted": _pred_summary(pi, p), "matched_by": how})
        if p.get("quote_type") == g.quote_type:
            n_qtype += 1
        else:
            wrong_quote_type.append({"gold": _gold_summary(gi, g), "predicted": _pred_summary(pi, p), "matched_by": how})
        jaccards.append(span_jaccard(p.get("content_start"), p.get("content_end"), g.content_start, g.content_end))

    n_matched = len(matches)
    by_kind = {}
    for kind, c in kinds.items():
        if c["gold"] == 0:
            continue
        by_kind[kind] = {
            **c,
            "detection_recall": round(c["detected"] / c["gold"], 4),
            "attribution_recall": round(c["attributed"] / c["gold"], 4),
        }
    return {
        "detection": _prf(n_matched, len(preds), len(golds)),
        "attribution": _prf(n_speaker, len(preds), len(golds)),
        "quote_type_accuracy": round(n_qtype / n_matched, 4) if n_matched else 0.0,
        "content_jaccard": round(sum(jaccards) / n_matched, 4) if n_matched else 0.0,
        "by_speaker_kind": by_kind,
        "counts": {
            "gold": len(golds),
            "predicted": len(preds),
            "matched": n_matched,
            "matched_by_cue": sum(1 for m in matches if m[2] == "cue"),
            "matched_by_content": sum(1 for m in matches if m[2] == "content"),
            "speaker_correct": n_speaker,
            "quote_type_correct": n_qtype,
        },
        "errors": {
            "missed": [_gold_summary(i, g) for i, g in enumerate(golds) if i not in matched_g],
            "spurious": [_pred_summary(i, p) for i, p in enumerate(preds) if i not in matched_p],
            "wrong_speaker": wrong_speaker,
            "wrong_quote_type": wrong_quote_type,
        },
    }
