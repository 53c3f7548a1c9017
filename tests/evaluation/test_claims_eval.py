"""The claim scorer (evaluation.claims_eval) and the seed gold standard it scores against."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

from evaluation.claims_eval import (
    GOLD_FIELDS,
    QUOTE_TYPES,
    SPEAKER_KINDS,
    GoldClaim,
    load_gold,
    score_claims,
    span_jaccard,
    speaker_correct,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "tests" / "gold" / "seed_claims.jsonl"
SEEDS = ROOT / "seeds"
QUOTE_MARKS = set('"“”«»')


def gold(source="a.txt", cue=(0, 4), speaker_en="John Kirby", speaker_text="كيربي",
         kind="person", content=(10, 30), quote_type="indirect", cue_text="وقال") -> GoldClaim:
    return GoldClaim(source, cue_text, cue[0], cue[1], speaker_en, speaker_text, kind,
                     content[0], content[1], quote_type, "")


def pred(g: GoldClaim, **changes) -> dict:
    row = {k: v for k, v in dataclasses.asdict(g).items() if k not in ("cue_text", "note")}
    row.update(changes)
    return row


KIRBY = gold()
PUTIN = gold(cue=(40, 45), speaker_en="Vladimir Putin", speaker_text="بوتين", content=(50, 90),
             quote_type="direct")
OFFICIALS = gold(cue=(100, 104), speaker_en=None, speaker_text="مسؤولون أمريكيون",
                 kind="unnamed_official", content=(110, 150))
OTHER_ARTICLE = gold(source="b.txt", cue=(0, 5), speaker_en="Yonhap", speaker_text="يونهاب",
                     kind="media", content=(20, 60))
GOLD = [KIRBY, PUTIN, OFFICIALS, OTHER_ARTICLE]


# ----------------------------------------------------------------------------- headline metrics

@pytest.mark.parametrize(
    "predicted, expected",
    [
        pytest.param(
            [pred(g) for g in GOLD],
            {"detection.precision": 1.0, "detection.recall": 1.0, "detection.f1": 1.0,
             "attribution.precision": 1.0, "attribution.recall": 1.0, "attribution.f1": 1.0,
             "quote_type_accuracy": 1.0, "content_jaccard": 1.0},
            id="perfect",
        ),
        pytest.param(
            [pred(g) for g in GOLD if g is not PUTIN],
            {"detection.precision": 1.0, "detection.recall": 0.75, "detection.f1": 0.8571,
             "attribution.precision": 1.0, "attribution.recall": 0.75,
             "quote_type_accuracy": 1.0, "counts.matched": 3},
            id="missing-claim-lowers-recall",
        ),
        pytest.param(
            [pred(KIRBY, speaker_en="Antony Blinken", speaker_text="بلينكن"), *(pred(g) for g in GOLD[1:])],
            {"detection.precision": 1.0, "detection.recall": 1.0, "detection.f1": 1.0,
             "attribution.precision": 0.75, "attribution.recall": 0.75, "attribution.f1": 0.75,
             "counts.speaker_correct": 3},
            id="wrong-speaker-lowers-attribution-not-detection",
        ),
        pytest.param(
            [*(pred(g) for g in GOLD), pred(KIRBY, cue_start=200, cue_end=204, content_start=210, content_end=240)],
            {"detection.precision": 0.8, "detection.recall": 1.0, "attribution.precision": 0.8,
             "counts.predicted": 5, "counts.matched": 4},
            id="spurious-claim-lowers-precision",
        ),
        pytest.param(
            [pred(PUTIN, quote_type="mixed", content_start=50, content_end=70), *(pred(g) for g in GOLD if g is not PUTIN)],
            {"detection.f1": 1.0, "quote_type_accuracy": 0.75, "content_jaccard": 0.875},
            id="quote-type-and-content-overlap",
        ),
        pytest.param(
            [pred(g, source="other.txt") for g in GOLD],
            {"detection.precision": 0.0, "detection.recall": 0.0, "detection.f1": 0.0, "counts.matched": 0},
            id="same-offsets-other-source-do-not-match",
        ),
        pytest.param(
            [],
            {"detection.recall": 0.0, "attribution.recall": 0.0, "quote_type_accuracy": 0.0, "counts.gold": 4},
            id="no-predictions",
        ),
    ],
)
def test_headline_metrics(predicted, expected):
    result = score_claims(predicted, GOLD)
    for dotted, value in expected.items():
        got = result
        for key in dotted.split("."):
            got = got[key]
        assert got == pytest.approx(value, abs=1e-4), dotted


# ----------------------------------------------------------------------------- matching rules

@pytest.mark.parametrize(
    "prediction, matched, how",
    [
        pytest.param(pred(KIRBY, cue_start=2, cue_end=6), True, "cue", id="partial-cue-overlap"),
        pytest.param(pred(KIRBY, cue_start=4, cue_end=8, content_start=200, content_end=230), False, None,
                     id="touching-cue-is-not-overlap"),
        pytest.param(pred(KIRBY, cue_start=6, cue_end=9, content_start=10, content_end=25), True, "content",
                     id="no-cue-overlap-but-75pct-of-content"),
        pytest.param(pred(KIRBY, cue_start=6, cue_end=9, content_start=10, content_end=19), False, None,
                     id="no-cue-overlap-and-45pct-of-content"),
        pytest.param(pred(KIRBY, cue_start=41, cue_end=44, content_start=10, content_end=30), True, "cue",
                     id="cue-on-another-claim-matches-that-claim"),
    ],
)
def test_matching(prediction, matched, how):
    result = score_claims([prediction], [KIRBY, PUTIN])
    assert result["counts"]["matched"] == int(matched)
    if matched:
        assert result["counts"][f"matched_by_{how}"] == 1


def test_matching_is_one_to_one_greedy_by_overlap():
    weak = pred(KIRBY, cue_start=3, cue_end=9)  # 1 character of overlap
    strong = pred(KIRBY, cue_start=0, cue_end=3)  # 3 characters
    result = score_claims([weak, strong], [KIRBY])
    assert result["counts"]["matched"] == 1
    assert [e["predicted_index"] for e in result["errors"]["spurious"]] == [0]


def test_content_fallback_only_for_cues_overlapping_no_gold_cue():
    # The prediction's cue overlaps PUTIN's cue (matched already by another prediction):
    # it must not steal KIRBY through the content rule.
    preds = [pred(PUTIN), pred(PUTIN, content_start=10, content_end=30)]
    result = score_claims(preds, [KIRBY, PUTIN])
    assert result["counts"]["matched"] == 1
    assert [e["cue_text"] for e in result["errors"]["missed"]] == ["وقال"]


# ----------------------------------------------------------------------------- speaker rules

@pytest.mark.parametrize(
    "gold_en, gold_text, pred_en, pred_text, expected",
    [
        ("Kim Jong Un", "كيم", "Kim Jong Un", "كيم", True),
        ("Kim Jong Un", "كيم", "kim jong-un", "كيم جونغ أون", True),
        ("Koo Byoung-sam", "كو بيونجسام", "Koo Byoung Sam", None, True),
        ("John Kirby", "كيربي", "Antony Blinken", "كيربي", False),
        ("John Kirby", "كيربي", None, "جون كيربي", False),
        ("John Kirby", "كيربي", "", "جون كيربي", False),
        # unnamed speakers: by a shared normalized descriptor word
        (None, "مسؤولون أمريكيون", None, "المسؤولون الأمريكيون", True),
        (None, "المسؤولون الأميركيون والكوريون الجنوبيون", None, "مسؤولون كوريون", True),
        (None, "متحدث باسم السفارة الأمريكية في فيتنام", None, "المتحدث باسم السفارة", True),
        (None, "متحدث باسم وزارة الخارجية الأمريكية", None, "وزارة الخارجية", True),
        (None, "خبراء", None, "خبراء", True),
        (None, "مسؤولون أمريكيون", None, "مراقبون", False),
        (None, "متحدث باسم السفارة الأمريكية في فيتنام", None, "مسؤول في الكرملين", False),  # only في/باسم shared
        (None, "مسؤولون أمريكيون", "United States", "مسؤولون أمريكيون", False),  # linked where gold is unnamed
        (None, "مسؤولون أمريكيون", None, None, False),
        (None, "مسؤولون أمريكيون", "", "مسؤولين أمريكيين", False),  # no shared word form
    ],
)
def test_speaker_correct(gold_en, gold_text, pred_en, pred_text, expected):
    g = gold(speaker_en=gold_en, speaker_text=gold_text, kind="person" if gold_en else "unnamed_official")
    assert speaker_correct({"speaker_en": pred_en, "speaker_text": pred_text}, g) is expected


def test_unnamed_speaker_attribution_end_to_end():
    right = pred(OFFICIALS, speaker_text="المسؤولون الأمريكيون")
    wrong = pred(OFFICIALS, speaker_text="محللون")
    assert score_claims([right], [OFFICIALS])["attribution"]["recall"] == 1.0
    result = score_claims([wrong], [OFFICIALS])
    assert result["detection"]["recall"] == 1.0
    assert result["attribution"]["recall"] == 0.0
    assert result["errors"]["wrong_speaker"][0]["gold"]["speaker_text"] == "مسؤولون أمريكيون"
    assert result["by_speaker_kind"]["unnamed_official"] == {
        "gold": 1, "detected": 1, "attributed": 0, "detection_recall": 1.0, "attribution_recall": 0.0,
    }


@pytest.mark.parametrize(
    "a, b, expected",
    [((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 5 / 15), ((0, 10), (10, 20), 0.0),
     ((0, 10), (None, None), 0.0), ((3, 3), (0, 10), 0.0)],
)
def test_span_jaccard(a, b, expected):
    assert span_jaccard(*a, *b) == pytest.approx(expected)


def test_predictions_without_a_cue_span_are_rejected():
    with pytest.raises(ValueError, match="lacks"):
        score_claims([{"source": "a.txt", "cue_start": None, "cue_end": 4}], GOLD)


def test_load_gold_rejects_wrong_keys(tmp_path):
    row = dataclasses.asdict(KIRBY)
    row["speaker"] = row.pop("speaker_en")
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load_gold(path)


# ----------------------------------------------------------------------------- the seed gold file

@pytest.fixture(scope="module")
def gold_claims() -> list[GoldClaim]:
    return load_gold(GOLD_PATH)


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    return {p.name: open(p, encoding="utf-8", newline="").read() for p in sorted(SEEDS.glob("*.txt"))}


def test_gold_lines_have_exactly_the_documented_keys():
    for lineno, line in enumerate(GOLD_PATH.read_text(encoding="utf-8").splitlines(), 1):
        assert tuple(json.loads(line)) == GOLD_FIELDS, lineno


def test_gold_covers_every_seed_article(gold_claims, articles):
    assert {g.source for g in gold_claims} == set(articles)
    assert all(n >= 10 for n in Counter(g.source for g in gold_claims).values())


def test_gold_offsets_round_trip(gold_claims, articles):
    for g in gold_claims:
        text = articles[g.source]
        where = f"{g.source}@{g.cue_start} {g.cue_text}"
        assert text[g.cue_start:g.cue_end] == g.cue_text, where
        assert g.cue_text and g.cue_text == g.cue_text.strip(), where
        # cues are whole words (proclitics included)
        assert g.cue_start == 0 or not text[g.cue_start - 1].isalpha(), where
        assert g.cue_end == len(text) or not text[g.cue_end].isalpha(), where
        assert 0 <= g.content_start < g.content_end <= len(text), where
        content = text[g.content_start:g.content_end]
        assert content == content.strip(), where
        # content never includes the cue
        assert g.content_end <= g.cue_start or g.cue_end <= g.content_start, where


def test_gold_labels_are_valid(gold_claims, articles):
    for g in gold_claims:
        where = f"{g.source}@{g.cue_start} {g.cue_text}"
        assert g.speaker_kind in SPEAKER_KINDS, where
        assert g.quote_type in QUOTE_TYPES, where
        assert g.speaker_text and g.speaker_text in articles[g.source], where
        assert g.speaker_en is None or g.speaker_en.strip() == g.speaker_en != "", where
        content = articles[g.source][g.content_start:g.content_end]
        if g.quote_type == "direct":
            assert content[0] in QUOTE_MARKS and content[-1] in QUOTE_MARKS, where
        elif g.quote_type == "mixed":
            assert QUOTE_MARKS & set(content), where
    # the documented rule: unnamed officials and groups never carry an English name
    assert all(g.speaker_en is None for g in gold_claims if g.speaker_kind in ("unnamed_official", "group"))


def test_gold_has_no_duplicate_cue_spans(gold_claims):
    spans = [(g.source, g.cue_start, g.cue_end) for g in gold_claims]
    assert len(spans) == len(set(spans))
    by_source: dict[str, list[tuple[int, int]]] = {}
    for source, start, end in spans:
        by_source.setdefault(source, []).append((start, end))
    for source, cues in by_source.items():
        cues.sort()
        assert all(a[1] <= b[0] for a, b in zip(cues, cues[1:])), f"overlapping cues in {source}"


def test_gold_scored_against_itself_is_perfect(gold_claims):
    result = score_claims(gold_claims, gold_claims)
    assert result["detection"]["f1"] == 1.0
    assert result["attribution"]["f1"] == 1.0
    assert result["quote_type_accuracy"] == 1.0
    assert result["content_jaccard"] == 1.0
    assert result["counts"]["matched_by_cue"] == len(gold_claims)
    assert not any(result["errors"].values())
