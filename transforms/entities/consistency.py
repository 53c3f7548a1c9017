"""One name, one type within an article: a document-level prior for the NER decoders.

News articles repeat their names. The tagger decides each sentence alone, so a name it finds
once — in a full introduction (``المتحدث باسم البنتاغون جون كيربي``) or in a telling context
(``فاز سلتيك على ...``) — is often missed where it recurs bare (``وقال كيربي``), most of all
for foreign names it never saw in training. Decoding therefore runs twice over a document:

1. Viterbi on the model's state scores, as usual;
2. every word form then *votes* for the types it got: a one-word entity votes for its type,
   a multi-word PERSON votes PERSON for its last word (the surname). Each word of the document
   whose form has votes gets ``weight`` added to the scores of every label of the type
   most voted for — unless the first pass gave that word another type — and Viterbi runs
   again.

It is a soft prior, not a rule: it adds mentions the first pass missed and never re-types one
it found (``ليون`` the team stays a team in a match report that also names ``ليون`` the city),
and it only wins where the model was unsure. Forms are compared after normalization, whole
and with proclitics stripped (``form_keys``: ``وكيربي`` / ``لكيربي`` / ``كيربي`` meet), and
forms shorter than three letters never vote. The weight (``tagger.CONSISTENCY_WEIGHT``) was
chosen on the NewsFANE DEV blocks; README, Accuracy, has the figures.

It runs on every word the pipeline tags, so it works on a whole decoding chunk of many
documents with numpy; Python loops only over the words the first pass found entities in and
over word forms it has not seen before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np

from transforms.entities.features import strip_proclitics
from transforms.text import normalize_word

MIN_KEY_LETTERS = 3


def form_keys(word: str) -> tuple[str, ...]:
    """The forms a word votes and is looked up under: normalized, and normalized with its
    proclitics stripped. Both, because stripping cannot tell a clitic from a name's first
    letter: ``كيربي`` strips to ``يربي`` but ``لكيربي`` to ``كيربي``; ``وكيربي`` to ``يربي``."""
    norm = normalize_word(word) or word
    stem = strip_proclitics(norm)[1]
    keys = (norm,) if stem == norm else (norm, stem)
    return tuple(k for k in keys if len(k) >= MIN_KEY_LETTERS)


class _FormIndex:
    """Integer ids of the form keys of every word seen, kept across chunks so that a chunk
    only computes the keys of words new to it (news vocabularies repeat); the per-token work
    is one dict lookup in C. Bounded: forgotten and rebuilt past ``MAX_WORDS`` words (~30 MB).
    Not thread-safe, like the decoders' word caches (one tagging thread per process)."""

    MAX_WORDS = 1 << 17

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}  # word → row of ``pairs``
        self.ids: dict[str, int] = {}  # form key → id
        self.pairs = np.empty((0, 2), dtype=np.intp)  # row → (whole-form id, stem id), -1: none

    def __call__(self, flat: list[str]) -> tuple[np.ndarray, int]:
        """``[tokens, 2]`` key ids of the words ``flat``, and an upper bound of the ids."""
        new = set(flat).difference(self.rows)
        if len(self.rows) + len(new) > self.MAX_WORDS:
            self.__init__()
            new = set(flat)
        if new:
            ids = self.ids
            pairs: list[int] = []
            for word in new:
                self.rows[word] = len(self.rows)
                keys = form_keys(word)
                pairs.append(ids.setdefault(keys[0], len(ids)) if keys else -1)
                pairs.append(ids.setdefault(keys[1], len(ids)) if len(keys) > 1 else -1)
            self.pairs = np.concatenate([self.pairs, np.array(pairs, dtype=np.intp).reshape(-1, 2)])
        rows = np.fromiter(map(self.rows.__getitem__, flat), dtype=np.intp, count=len(flat))
        return self.pairs[rows], len(self.ids)


_form_index = _FormIndex()


def document_prior(
    sentences: Sequence[Sequence[str]],
    documents: Sequence[Hashable],
    label_ids: np.ndarray,
    labels: Sequence[str],
    weight: float,
) -> np.ndarray | None:
    """State-score bonuses ``[tokens, labels]`` for ``sentences`` laid end to end, from their
    first-pass label ids; ``documents`` has one key per sentence, equal for the consecutive
    sentences of one document (votes never cross documents). ``None`` when nothing is voted."""
    lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
    n = int(lengths.sum())
    if n == 0:
        return None
    label_ids = np.asarray(label_ids)
    types = sorted({label.partition("-")[2] for label in labels} - {""})
    type_of = np.array([types.index(x) + 1 if x else 0 for x in
                        (label.partition("-")[2] for label in labels)])
    # BIO or BIOES labels, read as their BIO labels (``spans.bio_label``) are: a span begins
    # at B- or S-
    begin_of = np.array([label[:2] in ("B-", "S-") for label in labels])
    of_type = type_of[None, :] == np.arange(len(types) + 1)[:, None]  # [type, label]
    of_type[0] = False
    person = types.index("PERSON") + 1 if "PERSON" in types else -1

    # First-pass spans, repaired as ``tagger.bio_spans`` does (an I- not continuing its type
    # starts a span); spans end at sentence ends.
    token_type = type_of[label_ids]
    sentence_start = np.zeros(n, dtype=bool)
    starts = np.cumsum(lengths) - lengths
    sentence_start[starts[starts < n]] = True
    previous = np.concatenate([[0], token_type[:-1]])
    begins = (token_type > 0) & (begin_of[label_ids] | (previous != token_type) | sentence_start)
    boundary = (token_type == 0) | begins | sentence_start
    lasts = np.flatnonzero((token_type > 0) & np.concatenate([boundary[1:], [True]]))
    firsts = np.flatnonzero(begins)
    voting = (lasts == firsts) | (token_type[lasts] == person)
    voters = lasts[voting]  # one-word entities and the last words of PERSON names
    if not len(voters):
        return None

    keys, n_keys = _form_index([word for words in sentences for word in words])
    voted_type = np.zeros(n_keys + 1, dtype=np.intp)  # key id → voted type; id -1 → the last
    bonus = np.zeros((n, len(labels)))
    any_bonus = False
    doc_bounds = [0] + [k for k in range(1, len(documents)) if documents[k] != documents[k - 1]]
    token_bounds = np.concatenate([[0], np.cumsum(lengths)])[doc_bounds + [len(documents)]]
    for a, b in zip(token_bounds[:-1], token_bounds[1:]):
        lo, hi = np.searchsorted(voters, [a, b])
        if lo == hi:
            continue
        votes: dict[int, Counter[int]] = {}
        for token in voters[lo:hi]:
            for key in keys[token]:
                if key >= 0:
                    votes.setdefault(int(key), Counter())[int(token_type[token])] += 1
        voted = list(votes)
        voted_type[voted] = [votes[k].most_common(1)[0][0] for k in voted]
        whole, stem = voted_type[keys[a:b, 0]], voted_type[keys[a:b, 1]]
        wanted = np.where(whole > 0, whole, stem)
        first = token_type[a:b]
        hit = np.flatnonzero((wanted > 0) & ((first == 0) | (first == wanted)))
        if len(hit):
            bonus[a + hit] = weight * of_type[wanted[hit]]
            any_bonus = True
        voted_type[voted] = 0
    return bonus if any_bonus else None
