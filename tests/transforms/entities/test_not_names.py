"""Common words read as a person's name: O unless the article shows the person."""

from __future__ import annotations

import pytest

from transforms.entities.not_names import drop_false_persons


def one(sentence: str, labels: str) -> tuple[list[str], list[str]]:
    words, tags = sentence.split(), labels.split()
    assert len(words) == len(tags)
    return words, tags


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        # never a person on its own, whatever the article says
        ("وأوضح معالي وزير العدل", "O B-PERSON O O", "O O O O"),
        ("حتى يستعيد أمنه واستقراره", "O O B-PERSON O", "O O O O"),
        ("حفاظا على أمنها", "O O B-PERSON", "O O O"),
        ("تستهدف لأمنه", "O B-PERSON", "O O"),
        ("اكتب رأيك", "O B-PERSON", "O O"),
        ("وأين إعلامنا العربي", "B-PERSON O O", "O O O"),
        ("مرض كورونا", "O B-PERSON", "O O"),
        ("بفيروس كورونا", "O B-PERSON", "O O"),
        # NEVER is matched with its hamza: without it, واين is Wayne (Rooney)
        ("بين واين وكريستيانو", "O B-PERSON B-PERSON", "O B-PERSON B-PERSON"),
        # a person only when the article shows one
        ("ندعو إلى إقامة منطقة آمنة", "O O O O B-PERSON", "O O O O O"),
        ("بيئة عمل امنة", "O O B-PERSON", "O O O"),
        ("لولا تدخل بعض المسؤولين", "B-PERSON O O O", "O O O O"),
        ("ولولا ذلك", "B-PERSON O", "O O"),
        ("قال لي أحد أقربائي", "O B-PERSON O O", "O O O O"),
        ("دان مجلس الوزراء الهجوم", "B-PERSON B-ORG I-ORG O", "O B-ORG I-ORG O"),
        ("دان براون", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        ("عدم تحقيق الرضا الوظيفي", "O O B-PERSON O", "O O O O"),
        ("حان الوقت لرد الجميل", "O O O B-PERSON", "O O O O"),
        ("أمين الجميل", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        ("زار الإمام الرضا", "O O B-PERSON", "O O B-PERSON"),
        # ... a title right before it shows one
        ("قال الرئيس لولا إن", "O O B-PERSON O", "O O B-PERSON O"),
        ("وقالت الدكتورة آمنة", "O O B-PERSON", "O O B-PERSON"),
        # longer spans and other types are not touched
        ("تومي لي جونز", "B-PERSON I-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON"),
        ("معالي الشيخ", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        ("فيروس كورونا", "O B-MISC", "O B-MISC"),
        # "that" / "so" with its hamza never begins a name
        ("وأضاف بأن السوداني أشرف", "O B-PERSON I-PERSON O", "O O B-PERSON O"),
        ("فإن هايز قام", "B-PERSON I-PERSON O", "O B-PERSON O"),
        ("وأفادت بأن توقف", "O B-PERSON O", "O O O"),
        ("بأن العميد مرزوق الصيادي", "B-PERSON I-PERSON I-PERSON I-PERSON", "O B-PERSON I-PERSON I-PERSON"),
        # ... nor sits inside one: the span is split there
        ("وقال باخ إن بلاتر رأى", "O B-PERSON I-PERSON I-PERSON O", "O B-PERSON O B-PERSON O"),
        ("وبينت حكمي بأن فعاليات", "O B-PERSON I-PERSON O", "O B-PERSON O O"),
        # ... unless a stray hamza is written into Ban Ki-moon or Van der
        ("روبن فإن دير فارت", "B-PERSON I-PERSON I-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON I-PERSON"),
        ("الأمين العام بأن كي مون", "O O B-PERSON I-PERSON I-PERSON", "O O B-PERSON I-PERSON I-PERSON"),
        ("جريجوري فإن دير فيل", "O B-PERSON I-PERSON I-PERSON", "O B-PERSON I-PERSON I-PERSON"),
        # without the hamza it is Ban and Van
        ("بان كي مون", "B-PERSON I-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON"),
        ("فان غال", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        # nor does the cue نوّه ("noted"); alone it stays (no name is left to keep)
        ("ونوه المهنا إلى أن", "B-PERSON I-PERSON O O", "O B-PERSON O O"),
        ("نوّه عبدالله البارقي بأن", "B-PERSON I-PERSON I-PERSON O", "O B-PERSON I-PERSON O"),
        ("نوح فيلدمان", "B-PERSON I-PERSON", "B-PERSON I-PERSON"),
        # God and the formulas of blessing are no person, the name beside them is
        ("ولاة الأمر – حفظهم الله –", "O O B-PERSON I-PERSON I-PERSON I-PERSON", "O O O O O O"),
        ("حفظه الله", "O B-PERSON", "O O"),
        ("الملك فهد رحمه الله", "O B-PERSON I-PERSON I-PERSON", "O B-PERSON O O"),
        ("الملك فهد طيب الله ثراه", "O B-PERSON I-PERSON I-PERSON I-PERSON", "O B-PERSON O O O"),
        ("أبي بكر الصديق ـ رضي الله عنه",
         "B-PERSON I-PERSON I-PERSON I-PERSON I-PERSON I-PERSON O",
         "B-PERSON I-PERSON I-PERSON O O O O"),
        ("صدق الله العظيم", "O B-PERSON I-PERSON", "O O O"),
        # ... but names with الله are names
        ("الشيخ عبد الله", "O B-PERSON I-PERSON", "O B-PERSON I-PERSON"),
        ("حسن نصر الله", "B-PERSON I-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON"),
        ("المعز لدين الله", "B-PERSON I-PERSON I-PERSON", "B-PERSON I-PERSON I-PERSON"),
        # "the Two Holy Mosques" of the king's title is no person; the king named after it is
        ("لخادم الحرمين الشريفين", "O B-PERSON I-PERSON", "O O O"),
        ("خادم الحرمين الشريفين الملك سلمان", "O B-PERSON I-PERSON I-PERSON I-PERSON", "O O O B-PERSON I-PERSON"),
        ("وقال الشريفين", "O B-PERSON", "O O"),
        # a name ends before a number: a phone number, an age, a year and its word
        ("محمد 0503123484", "B-PERSON I-PERSON", "B-PERSON O"),
        ("اوريش 74عاما", "B-PERSON I-PERSON", "B-PERSON O"),
        ("وفاة بدر عام 1094م", "O B-PERSON I-PERSON I-PERSON", "O B-PERSON O O"),
        ("3عيدكم مبارك", "B-PERSON I-PERSON", "O O"),
        ("البابا بنديكت ال 16", "O B-PERSON I-PERSON I-PERSON", "O B-PERSON I-PERSON I-PERSON"),
        # a nation's adjective after a title is no name (a surname only where the article says so)
        ("واقتيد الرئيس التشادي السابق", "O O B-PERSON O", "O O O O"),
        ("وقال المبعوث الأممي", "O O B-PERSON", "O O O"),
        ("زيارة المرضى المنومين", "O O B-PERSON", "O O O"),
        ("يخالف الدين", "O B-PERSON", "O O"),
        ("طلبت مني فرصة", "O B-PERSON O", "O O O"),
        ("قالت منى زكي", "O B-PERSON I-PERSON", "O B-PERSON I-PERSON"),
        ("قالت منى", "O B-PERSON", "O B-PERSON"),  # Mona, with her ى
        # other one-word names are not touched
        ("قال بوتين", "O B-PERSON", "O B-PERSON"),
        ("قال لين", "O B-PERSON", "O B-PERSON"),
    ],
)
def test_one_sentence(sentence, labels, expected):
    words, tags = one(sentence, labels)
    assert drop_false_persons([words], [tags]) == [expected.split()]


def test_a_longer_span_of_the_same_article_introduces_the_name():
    sentences = [
        one("الرئيس البرازيلي لويس لولا دا سيلفا", "O O B-PERSON I-PERSON I-PERSON I-PERSON"),
        one("حصل لولا على 48", "O B-PERSON O O"),
        one("حصل لولا على 48", "O B-PERSON O O"),  # the same words, another article
    ]
    words = [w for w, _ in sentences]
    labels = [t for _, t in sentences]
    out = drop_false_persons(words, labels, documents=["a", "a", "b"])
    assert out[1] == ["O", "B-PERSON", "O", "O"]
    assert out[2] == ["O", "O", "O", "O"]
    assert out[0] == labels[0]
    # without document keys every sentence is its own article
    assert drop_false_persons(words, labels)[1] == ["O", "O", "O", "O"]


def test_a_nation_s_adjective_is_a_surname_where_the_article_gives_the_full_name():
    sentences = [
        one("وقال اللواء منصور التركي", "O O B-PERSON I-PERSON"),
        one("وأضاف اللواء التركي", "O O B-PERSON"),
        one("وقال الرئيس التركي", "O O B-PERSON"),  # another article: the president of Turkey
    ]
    words = [w for w, _ in sentences]
    labels = [t for _, t in sentences]
    out = drop_false_persons(words, labels, documents=["a", "a", "b"])
    assert out[1] == ["O", "O", "B-PERSON"]
    assert out[2] == ["O", "O", "O"]


def test_the_input_is_not_changed():
    words, tags = one("لولا تدخل", "B-PERSON O")
    drop_false_persons([words], [tags])
    assert tags == ["B-PERSON", "O"]
