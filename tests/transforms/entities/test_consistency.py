"""The document prior: which forms vote for which type, how the second Viterbi pass uses it,
that documents are never split between decoding chunks, and the bundled tagger on an article."""

import numpy as np
import pytest

from transforms.entities.consistency import document_prior, form_keys
from transforms.entities.crf import tag_in_chunks
from transforms.entities.tagger import Tagger
from transforms.tokens import tokenize

LABELS = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("كيربي", ("كيربي", "يربي")),  # ك could be a preposition: both forms
        ("لكيربي", ("لكيربي", "كيربي")),  # meets كيربي
        ("وكيربي", ("وكيربي", "يربي")),  # meets كيربي too
        ("بالعراق", ("بالعراق", "عراق")),
        ("العراق", ("العراق", "عراق")),
        ("كيربيّ", ("كيربي", "يربي")),  # diacritics folded
        ("أتشيبي", ("اتشيبي",)),  # hamza folded
        ("لي", ()),  # too short to vote
    ],
)
def test_form_keys(word, keys):
    assert form_keys(word) == keys


def _ids(labels: str) -> np.ndarray:
    return np.array([LABELS.index(label) for label in labels.split()])


def _boosted(bonus: np.ndarray | None) -> list[str]:
    """The labels each token got a bonus for, as ``B-X`` or ``O``."""
    if bonus is None:
        return []
    return [LABELS[int(row.argmax())] if row.any() else "O" for row in bonus]


@pytest.mark.parametrize(
    ("sentences", "labels", "boosted"),
    [
        # a multi-word PERSON votes for its surname, wherever it recurs, with or without clitic
        (["جون كيربي قال", "وقال كيربي"], "B-PERSON I-PERSON O O O",
         "O B-PERSON O O B-PERSON"),
        (["جون كيربي قال", "ولكيربي"], "B-PERSON I-PERSON O O", "O B-PERSON O B-PERSON"),
        # a one-word entity votes for its type
        (["فاز سلتيك", "وسلتيك"], "O B-ORG O", "O B-ORG B-ORG"),
        # a multi-word ORG or LOC does not vote (its last word is a common noun: المتحدة)
        (["الأمم المتحدة", "المتحدة"], "B-ORG I-ORG O", None),
        # forms under three letters never vote
        (["لي قال", "لي"], "B-PERSON O O", None),
        # the majority wins: two LOC votes against one PERSON; but a word the first pass
        # gave another type keeps it (no bonus), context beats the document
        (["ليون ليون ليون", "وليون"], "B-LOC B-LOC B-PERSON O", "B-LOC B-LOC O B-LOC"),
        (["فاز ليون على مضيفه", "وفي ليون"], "O B-ORG O O O B-LOC", "O B-ORG O O O O"),
        # nothing tagged, nothing boosted
        (["قال إن"], "O O", None),
    ],
)
def test_document_prior_votes(sentences, labels, boosted):
    words = [s.split() for s in sentences]
    bonus = document_prior(words, [0] * len(words), _ids(labels), LABELS, 2.0)
    if boosted is None:
        assert bonus is None
    else:
        assert _boosted(bonus) == boosted.split()


@pytest.mark.parametrize(
    ("documents", "boosted"),
    [
        ([0, 0, 0, 0], "O B-PERSON O B-PERSON B-PERSON O"),
        ([0, 0, 1, 1], "O B-PERSON O B-PERSON O O"),  # votes stay in their document
        ([0, 1, 1, 1], "O B-PERSON O O O O"),
    ],
)
def test_votes_stay_in_their_document(documents, boosted):
    words = [["جون", "كيربي"], ["قال", "كيربي"], [], ["وكيربي", "هنا"]]
    labels = _ids("B-PERSON I-PERSON O O O O")
    assert _boosted(document_prior(words, documents, labels, LABELS, 2.0)) == boosted.split()


def test_document_prior_boosts_b_and_i_by_the_weight():
    words = [["جون", "كيربي"], ["كيربي"]]
    bonus = document_prior(words, ["a", "a"], _ids("B-PERSON I-PERSON O"), LABELS, 1.5)
    assert bonus.shape == (3, len(LABELS))
    for row in (1, 2):
        assert bonus[row, LABELS.index("B-PERSON")] == bonus[row, LABELS.index("I-PERSON")] == 1.5
        assert bonus[row].sum() == 3.0
    assert not bonus[0].any()


BIOES = ["O", "B-PERSON", "I-PERSON", "E-PERSON", "S-PERSON", "B-LOC", "I-LOC", "E-LOC", "S-LOC"]


@pytest.mark.parametrize(
    ("sentences", "labels", "boosted"),
    [
        # a BIOES model's spans: S- is a one-word entity, E- ends a name (its surname votes)
        (["جون كيربي قال", "وكيربي"], "B-PERSON E-PERSON O O", "O PERSON O PERSON"),
        (["ليون", "وليون"], "S-LOC O", "LOC LOC"),
        # an S- starts a new span: two one-word places
        (["باريس لندن", "لندن"], "S-LOC S-LOC O", "LOC LOC LOC"),
        (["باريس لندن", "لندن"], "B-LOC E-LOC O", None),  # one two-word place: no vote
    ],
)
def test_document_prior_reads_bioes_labels(sentences, labels, boosted):
    """Every label of the voted type gets the weight (B-, I-, E- and S-)."""
    words = [s.split() for s in sentences]
    ids = np.array([BIOES.index(label) for label in labels.split()])
    bonus = document_prior(words, [0] * len(words), ids, BIOES, 2.0)
    if boosted is None:
        assert bonus is None
        return
    expected = []
    for row in bonus:
        types = {BIOES[k].partition("-")[2] for k in np.flatnonzero(row)}
        assert not row.any() or (len(types) == 1 and row.sum() == 8.0)  # four labels × 2.0
        expected.append(types.pop() if types else "O")
    assert expected == boosted.split()


class _ScriptedDecoder:
    """A decoder whose state scores are set per word: ``جون`` is surely B-PERSON, ``كيربي``
    after it surely I-PERSON, and a bare ``كيربي`` is O by a margin of 1 — less than the prior's
    weight. Records the sentences of each chunk it is asked to score."""

    labels = LABELS

    def __init__(self) -> None:
        self.chunks: list[list[list[str]]] = []

    @property
    def transitions(self) -> np.ndarray:
        trans = np.zeros((len(LABELS), len(LABELS)))
        trans[LABELS.index("O"), LABELS.index("I-PERSON")] = -10.0  # I- only after its B-
        return trans

    def emissions(self, sentences, gazetteer):
        self.chunks.append([list(s) for s in sentences])
        rows = []
        for words in sentences:
            for i, word in enumerate(words):
                row = np.zeros(len(LABELS))
                if word == "جون":
                    row[LABELS.index("B-PERSON")] = 5.0
                elif word == "كيربي" and i > 0 and words[i - 1] == "جون":
                    row[LABELS.index("I-PERSON")] = 5.0
                else:
                    row[LABELS.index("O")] = 1.0
                rows.append(row)
        return np.array(rows)


SENTENCES = [["قال", "جون", "كيربي"], ["وأضاف", "كيربي"], ["وقال", "كيربي"]]


@pytest.mark.parametrize(
    ("documents", "consistency", "bare"),
    [
        (None, 2.0, ["O", "O"]),  # no documents: every sentence on its own
        ([0, 0, 0], 0.0, ["O", "O"]),  # prior turned off
        ([0, 0, 0], 2.0, ["B-PERSON", "B-PERSON"]),  # one article: the surname is the person
        ([0, 0, 1], 2.0, ["B-PERSON", "O"]),  # the third sentence is another article
        ([0, 1, 1], 0.5, ["O", "O"]),  # a prior weaker than the model's margin changes nothing
    ],
)
def test_second_pass_follows_the_documents(documents, consistency, bare):
    tagged = tag_in_chunks(_ScriptedDecoder(), SENTENCES, None, 1 << 14, documents, consistency)
    assert tagged[0] == ["O", "B-PERSON", "I-PERSON"]
    assert [tagged[1][1], tagged[2][1]] == bare


def test_chunks_hold_whole_documents():
    decoder = _ScriptedDecoder()
    sentences = SENTENCES * 4
    documents = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    tagged = tag_in_chunks(decoder, sentences, None, 4, documents, 2.0)
    assert [len(chunk) for chunk in decoder.chunks] == [3, 3, 3, 3]  # never cut inside a document
    assert all(t[1] == "B-PERSON" for t in tagged[1::3] + tagged[2::3])
    # without documents the same chunk size cuts after 4 tokens
    decoder = _ScriptedDecoder()
    tag_in_chunks(decoder, sentences, None, 4, None, 0.0)
    assert [len(chunk) for chunk in decoder.chunks] == [2, 2, 2, 2, 2, 2]


def test_bundled_tagger_finds_the_bare_surname_of_the_article():
    tagger = Tagger.bundled("bilstm")
    article = ["قال المتحدث جون كيربي إن الوضع خطير .", "ورأى كيربي أن المحادثات مستمرة ."]
    sentences = [[t.text for t in tokenize(s)] for s in article]
    assert sentences[1][1] == "كيربي"
    alone = tagger.tag_many(sentences)
    as_article = tagger.tag_many(sentences, documents=["kirby", "kirby"])
    assert alone[1][1] == "O"  # the second sentence alone says too little
    assert as_article[1][1] == "B-PERSON"
    assert as_article[0] == alone[0]
    with pytest.raises(ValueError, match="document keys"):
        tagger.tag_many(sentences, documents=["kirby"])
