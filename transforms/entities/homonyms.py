"""Common words that also name a club or a newspaper: an ORG only when the article says so.

``الشباب`` is "the youth" and the Al-Shabab club, ``الأهلي`` "civil" or "national" and the
Al-Ahli club, ``الهلال`` the crescent moon and Al-Hilal, ``السد`` a dam and Al-Sadd,
``الخبر`` "the news item" and the El Khabar newspaper. The taggers learned these words as
names from the sports pages and from WikiFANE's article on El Khabar, and they tag the
common word too. On 10,344 SaudiNewsNet articles (every third) the default tagger made
ORG mentions of ``الخبر`` 728 times, nearly all in the line "رابط الخبر بصحيفة الوئام" ("link
to the story in al-Weeam"), and of ``الشباب`` 244 times in articles with no sport in them
("مشاركة الشباب في الحملة"). An analyst counting organisations would see "the news" and
"the youth" near the top.

So a one-word ORG span on one of these words (``HOMONYMS``, with or without و/ف, ب/ل/ك)
stays ORG only with evidence in its article (the sentences that share a document key):

- the article names it after an organisation head noun somewhere (``صحيفة الخبر``,
  ``البنك الأهلي``, ``نادي الشباب``; ``transforms.entities.titles.ORG_HEAD_WORDS`` and
  ``فريق``) — after that, the bare word is that organisation;
- for a club, the article has a sports word (``transforms.entities.teams.SPORTS_WORDS``):
  a match report's ``الشباب`` is the team.

Otherwise the span becomes O. Longer spans (``الهلال الأحمر``, ``حركة الشباب``) and other
types are never touched: the rule only takes back a reading the article gives no reason for.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from transforms.entities.features import strip_proclitics
from transforms.entities.spans import bio_spans
from transforms.entities.teams import is_sports_word
from transforms.entities.titles import word_flags
from transforms.text import normalize_word

CLUB = "club"
NEWSPAPER = "newspaper"

# word (with the article) → what its ORG reading is; the common reading in brackets.
_LEXICON = {
    CLUB: (
        "الشباب"  # the youth
        " الأهلي"  # civil, national, private
        " الهلال"  # the crescent
        " النصر"  # victory
        " الاتفاق"  # the agreement
        " العربي"  # Arab
        " الوحدة"  # unity
        " التعاون"  # cooperation
        " الفتح"  # the conquest, the opening
        " الرائد"  # the pioneer; the rank of major
        " النهضة"  # the renaissance
        " الحزم"  # resolve ("عاصفة الحزم", the operation)
        " السد"  # the dam
        " الوصل"  # the link
        " الرجاء"  # hope, "please"
        " الوداد"  # affection
        " المريخ"  # Mars
        " النجمة"  # the star
        " الأنصار"  # the supporters
        " الشعلة"  # the torch
        " العروبة"  # Arabism
    ),
    NEWSPAPER: (
        "الخبر"  # the news item
    ),
}


def _stem(norm: str) -> str | None:
    """A ``normalize_word`` form without its proclitics when it carries the article
    (``والشباب``, ``للشباب`` → ``شباب``), else ``None``: the listed names all start with ال."""
    pre, stem = strip_proclitics(norm)
    return stem if pre.endswith(("ال", "لل")) else None


HOMONYMS: dict[str, str] = {
    stem: kind
    for kind, words in _LEXICON.items()
    for stem in (_stem(normalize_word(word)) for word in words.split())
    if stem is not None
}
_CLUB_HEADS = frozenset({normalize_word("فريق"), normalize_word("الفريق")})


def _after_head(previous: str, previous_norm: str) -> bool:
    return previous_norm in _CLUB_HEADS or word_flags(previous)[1]


class _Article:
    """What one article says about its homonyms: which it introduces after a head noun, and
    whether it is about sport. Computed only for articles that need it."""

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        self.introduced: set[str] = set()
        self.sport = False
        for words in sentences:
            norm = [normalize_word(word) for word in words]
            self.sport = self.sport or any(map(is_sports_word, norm))
            for i in range(1, len(words)):
                stem = _stem(norm[i])
                if stem in HOMONYMS and _after_head(words[i - 1], norm[i - 1]):
                    self.introduced.add(stem)

    def keeps(self, stem: str) -> bool:
        return stem in self.introduced or (HOMONYMS[stem] == CLUB and self.sport)


def drop_homonyms(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    documents: Sequence[Hashable] | None = None,
) -> list[list[str]]:
    """BIO ``labels`` of ``sentences`` with the one-word ORG spans on ``HOMONYMS`` that
    their article gives no evidence for made O (see the module docstring). ``documents``:
    one key per sentence, as ``Tagger.tag_many`` takes it; without it every sentence is its
    own article."""
    out = [list(sentence_labels) for sentence_labels in labels]
    keys: Sequence[Hashable] = documents if documents is not None else range(len(sentences))
    doubtful: list[tuple[int, int, str]] = []  # sentence, token, stem
    for index, (words, sentence_labels) in enumerate(zip(sentences, out)):
        if "B-ORG" not in sentence_labels and "I-ORG" not in sentence_labels:
            continue
        for span in bio_spans(sentence_labels):
            if span.entity_type == "ORG" and span.end - span.start == 1:
                stem = _stem(normalize_word(words[span.start]))
                if stem in HOMONYMS:
                    doubtful.append((index, span.start, stem))
    if not doubtful:
        return out
    members: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        members.setdefault(key, []).append(index)
    articles: dict[Hashable, _Article] = {}
    for index, token, stem in doubtful:
        key = keys[index]
        if key not in articles:
            articles[key] = _Article([sentences[i] for i in members[key]])
        if not articles[key].keeps(stem):
            out[index][token] = "O"
    return out
