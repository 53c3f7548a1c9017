import pytest

from transforms.entities.name_parts import drop_leading_titles, join_lineage

CASES = [
    # (words, labels, expected)
    ("محمد بن سلمان", "B-PERSON O B-PERSON", "B-PERSON I-PERSON I-PERSON"),
    ("محمد بن سلمان", "B-PERSON B-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON"),
    ("محمد لمين ولد سلامة ولد النفاع", "B-PERSON I-PERSON O B-PERSON O B-PERSON",
     "B-PERSON I-PERSON I-PERSON I-PERSON I-PERSON I-PERSON"),
    ("عبدالله ابن عباس", "B-PERSON O B-PERSON", "B-PERSON I-PERSON I-PERSON"),
    ("فاطمة بنت محمد", "B-PERSON O B-PERSON", "B-PERSON I-PERSON I-PERSON"),
    ("عبدالله إبن عباس", "B-PERSON O B-PERSON", "B-PERSON I-PERSON I-PERSON"),  # hamza folded
    # the connector a span of its own and the next word another (two people): left alone
    ("محمد بن علي", "B-PERSON B-PERSON B-PERSON", "B-PERSON B-PERSON B-PERSON"),
    # not between two people
    ("ولد محمد في مكة", "O B-PERSON O B-LOC", "O B-PERSON O B-LOC"),
    ("قال محمد ولد في مكة", "O B-PERSON O O B-LOC", "O B-PERSON O O B-LOC"),
    ("محمد بن سلمان", "B-PERSON O B-LOC", "B-PERSON O B-LOC"),
    ("الرياض بن سلمان", "B-LOC O B-PERSON", "B-LOC O B-PERSON"),
    # his son: two people
    ("محمد ابنه علي", "B-PERSON O B-PERSON", "B-PERSON O B-PERSON"),
    # plain adjacency or a conjunction: two people
    ("كيت بيكنسيل وكريستوفر والكن", "B-PERSON I-PERSON B-PERSON I-PERSON",
     "B-PERSON I-PERSON B-PERSON I-PERSON"),
    # a name does not end with its connector: the father's name follows
    ("الشيخ حمد بن وهيط أحد مشايخ", "O B-PERSON I-PERSON O O O", "O B-PERSON I-PERSON I-PERSON O O"),
    ("حمد بن .", "B-PERSON I-PERSON O", "B-PERSON I-PERSON O"),  # not a full stop
    ("منصور ولد في مكة", "B-PERSON I-PERSON O B-LOC", "B-PERSON I-PERSON O B-LOC"),  # "was born"
    ("", "", ""),
]


@pytest.mark.parametrize(("words", "labels", "expected"), CASES)
def test_join_lineage(words, labels, expected):
    assert join_lineage(words.split(), labels.split()) == expected.split()


def test_input_labels_are_not_changed():
    labels = ["B-PERSON", "O", "B-PERSON"]
    join_lineage(["محمد", "بن", "سلمان"], labels)
    assert labels == ["B-PERSON", "O", "B-PERSON"]


@pytest.mark.parametrize(
    ("words", "labels", "expected"),
    [
        # a title in the definite opens no name
        ("قال الدكتور عبدالقادر", "O B-PERSON I-PERSON", "O O B-PERSON"),
        ("قال المهندس محمد إن", "O B-PERSON I-PERSON O", "O O B-PERSON O"),
        ("وقال اللواء منصور التركي", "O B-PERSON I-PERSON I-PERSON", "O O B-PERSON I-PERSON"),
        ("وقال للشيخ إبراهيم", "O B-PERSON I-PERSON", "O O B-PERSON"),  # with its clitic
        ("الأمين العام بان كي مون", "B-PERSON I-PERSON I-PERSON I-PERSON I-PERSON",
         "O O B-PERSON I-PERSON I-PERSON"),  # titles in a row
        # a title alone stays what the tagger made it (no name left after it)
        ("قال الدكتور إن", "O B-PERSON O", "O B-PERSON O"),
        # without the article a title is often a name: Amin, Musaed
        ("وقال أمين شلبي", "O B-PERSON I-PERSON", "O B-PERSON I-PERSON"),
        ("وقال مساعد العيبان", "O B-PERSON I-PERSON", "O B-PERSON I-PERSON"),
        # inside a name, or another type: left alone
        ("محمد الشيخ", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        ("الرئيس الفرنسي", "B-ORG I-ORG", "B-ORG I-ORG"),
        ("", "", ""),
    ],
)
def test_drop_leading_titles(words, labels, expected):
    assert drop_leading_titles(words.split(), labels.split()) == expected.split()
