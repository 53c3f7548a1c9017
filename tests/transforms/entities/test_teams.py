import pytest

from transforms.entities.teams import mark_teams, mark_teams_in_articles

CASES = [
    # (words, labels, expected)
    # after a match word, in a match report
    ("خسر المنتخب أمام تايلاند", "O O O B-LOC", "O O O B-ORG"),
    ("في مباراة كوريا الجنوبية", "O O B-LOC I-LOC", "O O B-ORG I-ORG"),
    ("تعادل الفريق في الدوري ضد بورتو", "O O O O O B-LOC", "O O O O O B-ORG"),
    # على after a verb of winning, at most three words before it
    ("فاز المنتخب السعودي على فلسطين في التصفيات", "O O O O B-LOC O O",
     "O O O O B-ORG O O"),
    ("وتغلب الأخضر بصعوبة بالغة على عمان في المباراة", "O O O O O B-LOC O O",
     "O O O O O B-LOC O O"),  # four words back: too far
    # the winner, before على
    ("فازت تشيلي على الأرجنتين في نهائي الكأس", "O B-LOC O B-LOC O O O",
     "O B-ORG O B-ORG O O O"),
    # مع after a match word
    ("خاض مباريات مع فرنسا وسويسرا وسوريا في البطولة", "O O O B-LOC B-LOC B-LOC O O",
     "O O O B-ORG B-ORG B-ORG O O"),
    # a list goes on only with و, and only right after a changed span
    ("مباراة المكسيك وبنما في الكأس", "O B-LOC B-LOC O O", "O B-ORG B-ORG O O"),
    ("مباراة المكسيك في بنما ضمن الكأس", "O B-LOC O B-LOC O O", "O B-ORG O B-LOC O O"),
    # spelling as outlets write it: hamza, ة/ه, ى/ي
    ("وخسر منتخبنا امام الامارات", "O O O B-LOC", "O O O B-ORG"),
    ("الفوز علي قطر في المباراه", "O O B-LOC O O", "O O B-ORG O O"),
    # no sports word in the sentence: a place
    ("وقف الوزير أمام البرلمان في مصر", "O O O B-ORG O B-LOC", "O O O B-ORG O B-LOC"),
    ("الحرب على لبنان", "O O B-LOC", "O O B-LOC"),
    ("فاز الحزب على منافسيه في تونس", "O O O O O B-LOC", "O O O O O B-LOC"),
    # a sports word, but the name is not where a team stands
    ("أقيمت المباراة في الدوحة", "O O O B-LOC", "O O O B-LOC"),
    ("ويلعب المنتخب في قطر ضمن الدوري", "O O O B-LOC O O", "O O O B-LOC O O"),
    # a venue after a match word stays a place
    ("تقام المباراة أمام ملعب القاهرة", "O O O B-LOC I-LOC", "O O O B-LOC I-LOC"),
    # people and organisations are left alone, LOC at the start of a sentence too
    ("فاز نادال على فيدرر في البطولة", "O B-PERSON O B-PERSON O O",
     "O B-PERSON O B-PERSON O O"),
    ("مصر أمام الكويت في مباراة", "B-LOC O B-LOC O O", "B-LOC O B-ORG O O"),
    ("مباراة الهلال ضد النصر", "O B-ORG O B-ORG", "O B-ORG O B-ORG"),
    ("", "", ""),
]


@pytest.mark.parametrize(("words", "labels", "expected"), CASES)
def test_mark_teams(words, labels, expected):
    assert mark_teams(words.split(), labels.split()) == expected.split()


def test_an_i_loc_after_o_is_a_span_as_bio_spans_reads_it():
    words = "خسر المنتخب أمام كوريا الجنوبية".split()
    labels = ["O", "O", "O", "I-LOC", "I-LOC"]
    assert mark_teams(words, labels) == ["O", "O", "O", "B-ORG", "I-ORG"]


def test_input_labels_are_not_changed():
    labels = ["O", "O", "O", "B-LOC"]
    mark_teams("خسر المنتخب أمام تايلاند".split(), labels)
    assert labels == ["O", "O", "O", "B-LOC"]


# (sentences of one article as "words | labels", expected labels of each)
ARTICLES = [
    # an ORG of the article is an ORG in its match sentences
    (["فاز المنتخب على تايلاند | O O O B-ORG",
      "يكون من السهل على تايلاند الفوز في المباراة | O O O O B-LOC O O O"],
     ["O O O B-ORG", "O O O O B-ORG O O O"]),
    # with its conjunction و
    (["تعادل السد والريان | O B-ORG B-ORG", "الريان فاز بالمباراة | B-LOC O O"],
     ["O B-ORG B-ORG", "B-ORG O O"]),
    # not in a sentence without a sports word: there it is the place
    (["فاز المنتخب على تايلاند | O O O B-ORG", "زار الوزير تايلاند أمس | O O B-LOC O"],
     ["O O O B-ORG", "O O B-LOC O"]),
    # not a venue, nor a name the article never makes an ORG
    (["فاز الاتحاد على الرياض | O B-ORG O B-ORG", "في ملعب الرياض مباراة مهمة | O B-LOC I-LOC O O",
      "مباراة في جدة | O O B-LOC"],
     ["O B-ORG O B-ORG", "O B-LOC I-LOC O O", "O O B-LOC"]),
]


@pytest.mark.parametrize(("sentences", "expected"), ARTICLES)
def test_mark_teams_in_articles(sentences, expected):
    words = [line.split(" | ")[0].split() for line in sentences]
    labels = [line.split(" | ")[1].split() for line in sentences]
    assert mark_teams_in_articles(words, labels, ["a"] * len(words)) == [e.split() for e in expected]


def test_other_articles_do_not_count():
    words = ["فاز المنتخب على تايلاند".split(), "مباراة مع تايلاند اليوم".split()]
    labels = [["O", "O", "O", "B-ORG"], ["O", "O", "B-LOC", "O"]]
    assert mark_teams_in_articles(words, labels, ["a", "b"]) == labels
    assert mark_teams_in_articles(words, labels)[1] == ["O", "O", "B-LOC", "O"]  # each its own
    assert mark_teams_in_articles(words, labels, ["a", "a"])[1] == ["O", "O", "B-ORG", "O"]
