import pytest

from transforms.entities.homonyms import HOMONYMS, drop_homonyms

CASES = [
    # (article: sentences separated by " / ", labels likewise, expected)
    # no evidence: the common word
    ("رابط الخبر بصحيفة الوئام", "O B-ORG B-ORG I-ORG", "O O B-ORG I-ORG"),
    ("مشاركة الشباب في الحملة", "O B-ORG O O", "O O O O"),
    ("فرص عمل للشباب / وأكد الوزير دعم والشباب", "O O B-ORG / O O O B-ORG",
     "O O O / O O O O"),
    ("المجتمع الأهلي", "O B-ORG", "O O"),
    ("ولادة الهلال الفلكية", "O B-ORG O", "O O O"),
    ("السباحة في مياه السد", "O O O B-ORG", "O O O O"),
    # spelling as outlets write it: no hamza, ة/ه
    ("دعم المجتمع الاهلي / ضرورة الوحده", "O O B-ORG / O B-ORG", "O O O / O O"),
    # a sports word anywhere in the article: a club
    ("فاز الشباب / في الدوري", "O B-ORG / O O", "O B-ORG / O O"),
    ("وأكد رئيس الهلال / وكانت المباراة صعبة", "O O B-ORG / O O O", "O O B-ORG / O O O"),
    # ... but not for the newspaper: الخبر is not a club
    ("رابط الخبر بصحيفة الوئام / في الدوري", "O B-ORG O O / O O", "O O O O / O O"),
    # named after a head noun somewhere in the article: that organisation, bare too
    ("نشرت صحيفة الخبر تقريرا / وقالت الخبر إن", "O O B-ORG O / O B-ORG O",
     "O O B-ORG O / O B-ORG O"),
    ("أسهم البنك الأهلي / وارتفع سهم الأهلي", "O O B-ORG / O O B-ORG",
     "O O B-ORG / O O B-ORG"),
    ("وقال فريق النصر", "O O B-ORG", "O O B-ORG"),
    # longer spans, other types and other words are left alone
    ("الهلال الأحمر السعودي", "B-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG"),
    ("حركة الشباب الصومالية", "B-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG"),
    ("فيصل بن سعد الهلال", "B-PERSON I-PERSON I-PERSON I-PERSON",
     "B-PERSON I-PERSON I-PERSON I-PERSON"),
    ("في الخبر أمس", "O B-LOC O", "O B-LOC O"),
    ("قالت رويترز", "O B-ORG", "O B-ORG"),
    # the word must carry the article: "شباب" alone is not the club's name
    ("مجلس شباب المنطقة", "O B-ORG O", "O B-ORG O"),
]


def _article(text: str) -> list[list[str]]:
    return [part.split() for part in text.split(" / ")]


@pytest.mark.parametrize(("text", "labels", "expected"), CASES)
def test_drop_homonyms(text, labels, expected):
    sentences = _article(text)
    documents = [0] * len(sentences)
    assert drop_homonyms(sentences, _article(labels), documents) == _article(expected)


def test_evidence_stays_in_its_article():
    """The sports word of one article does not make the common word of another a club."""
    sentences = [["فاز", "الشباب"], ["في", "الدوري"], ["مشاركة", "الشباب"]]
    labels = [["O", "B-ORG"], ["O", "O"], ["O", "B-ORG"]]
    assert drop_homonyms(sentences, labels, ["a", "a", "b"]) == [
        ["O", "B-ORG"], ["O", "O"], ["O", "O"]]
    # without document keys every sentence is its own article
    assert drop_homonyms(sentences, labels) == [["O", "O"], ["O", "O"], ["O", "O"]]
    assert labels[2] == ["O", "B-ORG"]  # the input is not changed


def test_lexicon_is_read_as_the_rule_reads_words():
    assert HOMONYMS["شباب"] == "club" and HOMONYMS["خبر"] == "newspaper"
    assert "وحده" in HOMONYMS and "اهلي" in HOMONYMS  # normalized: ة→ه, no hamza
