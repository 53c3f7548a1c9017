"""Scoring helpers of the NER evaluation: exact span + type matching, cutting the sets."""

import pytest

from evaluation.ner_eval import evaluate, first_sentences, score


def _doc(*sizes: int) -> list[list[tuple[str, str]]]:
    return [[("w", "O")] * n for n in sizes]


@pytest.mark.parametrize(
    ("documents", "limit", "kept"),
    [
        ([_doc(2, 3), _doc(1)], None, [2, 1]),
        ([_doc(2, 3), _doc(1)], 1, [1]),
        ([_doc(2, 3), _doc(1)], 2, [2]),
        ([_doc(2, 3), _doc(1)], 3, [2, 1]),
        ([_doc(2, 3), _doc(1)], 10, [2, 1]),
        ([_doc(2, 3), _doc(1)], 0, []),
    ],
)
def test_first_sentences(documents, limit, kept):
    assert [len(d) for d in first_sentences(documents, limit)] == kept


@pytest.mark.parametrize(
    ("gold", "predicted", "tp", "fp", "fn"),
    [
        ("B-PERSON I-PERSON O", "B-PERSON I-PERSON O", 1, 0, 0),
        ("B-PERSON I-PERSON O", "B-PERSON O O", 0, 1, 1),  # a boundary error costs twice
        ("B-PERSON I-PERSON O", "B-ORG I-ORG O", 0, 1, 1),  # so does a type error
        ("B-LOC O B-LOC", "B-LOC O O", 1, 0, 1),
        ("O O", "B-MISC O", 0, 1, 0),
    ],
)
def test_score_exact_span_and_type(gold, predicted, tp, fp, fn):
    micro = score([gold.split()], [predicted.split()])["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (tp, fp, fn)


class _Echo:
    """Tags every sentence with the labels it was built with; records the document keys."""

    def __init__(self, labels: dict[tuple[str, ...], list[str]]) -> None:
        self.labels = labels
        self.documents = None

    def tag_many(self, sentences, *, documents=None):
        self.documents = list(documents)
        return [self.labels[tuple(s)] for s in sentences]


def test_evaluate_decodes_each_document_as_one_even_from_a_generator():
    docs = [[[("جون", "B-PERSON"), ("كيربي", "I-PERSON")], [("قال", "O")]], [[("لندن", "B-LOC")]]]
    tagger = _Echo({tuple(w for w, _ in s): [t for _, t in s] for d in docs for s in d})
    result = evaluate(tagger, (d for d in docs))
    assert tagger.documents == [0, 0, 1]
    assert (result["micro"]["tp"], result["micro"]["fp"], result["micro"]["fn"]) == (2, 0, 0)
