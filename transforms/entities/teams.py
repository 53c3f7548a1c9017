"""Country and city names that stand for a sports team: ``فاز المنتخب على [تايلاند]``.

In a match report a country or a city often names its team (``مباراة المكسيك وبنما``,
``خسر أمام تشيلي``, ``فوزه على بورتو``). The annotation we learn from and score against calls
that team an ORG, like any club. But the same name is a place in almost every other
sentence, and the gazetteer lists it as LOC, so the taggers say LOC.

So a LOC span becomes ORG when the sentence is about a match and the name is where a team
stands:

- after a match word (``أمام / ضد / لقاء / مباراة / مواجهة / تعادل ...``);
- after ``على`` that follows a verb of winning or losing (``فاز / تغلب / هزم / خسر ...``) at
  most three words before;
- after ``مع`` that follows a match word or such a verb at most two words before;
- before ``على`` and right after such a verb (``فازت [تشيلي] على الأرجنتين``);
- right after a span this rule changed, when it starts with و (``مباراة المكسيك [وبنما]``).

A sentence is about a match when one of its words is a sports word (``SPORTS_WORDS``, with
or without و/ف, ب/ل and ال). The gold agrees with the rule. We counted the LOC and ORG spans
that the rule would make ORG. Gold calls them ORG 37 times of 48 in NewsFANE TRAIN, 22 of 24
on the DEV blocks and 65 of 68 in WikiFANE. The TRAIN exceptions are the same kind of team
(``بعد فوزها على [فرنسا] 73 - 56``): the gold there disagrees with itself. On the DEV blocks
the rule raised micro F1 by 1.1 points for every tagger, held out by 0.4 to 0.6 (README,
Accuracy). On the 31k SaudiNewsNet articles it changed 340 spans with the default tagger. We
read 145 of them and 142 named a team. The others were a stadium (now excluded, below), a
table of titles won by country, and "an obstacle before Russia" (عائقا أمام روسيا).

Once a name is an ORG in an article, it is one in every match-report sentence of that
article (``mark_teams_in_articles``): "فاز المنتخب على [تايلاند]" makes the team of "يكون من
السهل على [تايلاند] الفوز" an ORG as well. In the NewsFANE TRAIN gold a name that is an ORG
somewhere in its block is never a LOC in a sentence with a sports word (426 such spans, all
ORG). On the DEV blocks +0.2 micro F1 for every tagger (2–3 sentences), held out +0.8 to
+1.0 (README, Accuracy).

A span that starts with a venue word (``ملعب``, ``استاد``, ``مدينة`` ...) stays LOC. The rule
changes only types, never span boundaries. It never turns a PERSON into a team:
players and tennis finalists also "win against".
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from transforms.entities.spans import bio_spans
from transforms.text import normalize_word

# Folded as ``normalize_word`` folds (ة→ه, ى→ي, no hamza on alef). Patterns are matched
# against whole normalized words.
_CLITICS = "(?:[وف])?(?:[بل])?(?:ال|لل)?"
#: Words that make a sentence a match report: what a team plays, wins and scores in.
#: Deliberately not هدف alone or أهداف ("aim", "objectives"), لاعب ("a regional player"),
#: فريق ("a team of experts", "lieutenant general"): they are common outside sport.
SPORTS_WORDS = (
    "مباراه مباراته مباراتها مباراتي مباراتين مباريات مبارياته مبارياتها دوري بطوله كاس "
    "منتخب منتخبنا منتخبات شوط ملعب مونديال تصفيات نادي انديه هدفا هدفين ركله ركلات مدرب"
)
_SPORTS = re.compile(f"^{_CLITICS}(?:{'|'.join(SPORTS_WORDS.split())})$")
# A team stands right after these.
_MATCH_WORDS = frozenset(normalize_word(w) for w in (
    "أمام", "ضد", "لقاء", "للقاء", "مباراة", "ومباراة", "مباراته", "مباراتها", "مباراتي",
    "مباراتين", "مباريات", "مبارياته", "مواجهة", "يواجه", "واجه", "تعادل", "وتعادل", "تعادله",
    "وتعادله",
))
# Winning and losing: the team after على, or before it.
_RESULT = re.compile(
    "^(?:[وف])?(?:فاز|فازت|يفوز|تفوز|فوز|الفوز|بفوز|فوزه|فوزها|بفوزه|بفوزها|للفوز"
    "|تغلب|تغلبت|يتغلب|تغلبه|بتغلبه|هزم|هزمت|خسر|خسرت|خساره|خسارته)$"
)
# A span that starts with one of these names a venue, not a team: ``أمام [ملعب القاهرة]``.
_VENUE = re.compile(f"^{_CLITICS}(?:ملعب|استاد|مدينه|قاعه|صاله|شارع|ساحه|فندق|مطار)$")
_ON = normalize_word("على")
_WITH = "مع"


def is_sports_word(norm: str) -> bool:
    """Whether a ``normalize_word`` form is one of ``SPORTS_WORDS`` (with its clitics)."""
    return _SPORTS.match(norm) is not None


def _is_result(word: str) -> bool:
    return _RESULT.match(word) is not None


def _team_position(norm: Sequence[str], start: int, end: int) -> bool:
    """Whether the span ``norm[start:end]`` stands where a match report puts a team."""
    before = norm[start - 1]
    if before in _MATCH_WORDS:
        return True
    if before == _ON and any(map(_is_result, norm[max(0, start - 4) : start - 1])):
        return True
    if before == _WITH and any(
        w in _MATCH_WORDS or _is_result(w) for w in norm[max(0, start - 3) : start - 1]
    ):
        return True
    return end < len(norm) and norm[end] == _ON and _is_result(before)


def mark_teams(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with the LOC spans that name a team in a match report
    made ORG (see the module docstring); everything else is unchanged."""
    out = list(labels)
    if "B-LOC" not in out and "I-LOC" not in out:
        return out
    norm = [normalize_word(w) for w in words]
    if not any(map(is_sports_word, norm)):
        return out
    chained = -1  # where the last span this rule changed ends
    for span in bio_spans(labels):
        if span.entity_type != "LOC":
            continue
        start, end = span.start, span.end
        team = start > 0 and not _VENUE.match(norm[start]) and (
            _team_position(norm, start, end) or (start == chained and norm[start].startswith("و"))
        )
        chained = -1
        if team:
            out[start:end] = ["B-ORG"] + ["I-ORG"] * (end - start - 1)
            chained = end
    return out


def _name_keys(words: Sequence[str]) -> set[str]:
    """The normalized name, and without its conjunction و ("والريان" is الريان)."""
    name = " ".join(normalize_word(w) for w in words)
    return {name, name[1:]} if name.startswith("و") and len(words[0]) > 3 else {name}


def mark_teams_in_articles(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    documents: Sequence[Hashable] | None = None,
) -> list[list[str]]:
    """BIO ``labels`` of ``sentences`` with every LOC span of a match-report sentence made ORG
    when the same article has that name as an ORG (one sense per article; see the module
    docstring). ``documents``: one key per sentence, as ``Tagger.tag_many`` takes it; without
    it every sentence is its own article."""
    out = [list(sentence_labels) for sentence_labels in labels]
    keys: Sequence[Hashable] = documents if documents is not None else range(len(sentences))
    organisations: dict[Hashable, set[str]] = {}
    for key, words, sentence_labels in zip(keys, sentences, out):
        if "B-ORG" in sentence_labels:
            names = organisations.setdefault(key, set())
            for span in bio_spans(sentence_labels):
                if span.entity_type == "ORG":
                    names |= _name_keys(words[span.start : span.end])
    for key, words, sentence_labels in zip(keys, sentences, out):
        names = organisations.get(key)
        if not names or "B-LOC" not in sentence_labels:
            continue
        # the article's organisations among the sentence's places (few words to normalize),
        # then whether the sentence is a match report (all of its words)
        named = [span for span in bio_spans(sentence_labels)
                 if span.entity_type == "LOC" and _name_keys(words[span.start : span.end]) & names]
        if not named or not any(is_sports_word(normalize_word(w)) for w in words):
            continue
        for span in named:
            if not _VENUE.match(normalize_word(words[span.start])):
                sentence_labels[span.start : span.end] = ["B-ORG"] + ["I-ORG"] * (span.end - span.start - 1)
    return out
