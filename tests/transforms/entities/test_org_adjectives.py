"""An organisation's name takes the relation adjectives after it."""

from __future__ import annotations

import pytest

from transforms.entities.org_adjectives import extend_org_adjectives, is_adjective


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        # a name led by a head noun takes the adjectives after it
        ("أعلنت وزارة الشؤون الاجتماعية أمس", "O B-ORG I-ORG O O", "O B-ORG I-ORG I-ORG O"),
        ("وزارة الشؤون البلدية والقروية", "B-ORG I-ORG O O", "B-ORG I-ORG I-ORG I-ORG"),
        ("البنك المركزي الإيطالي", "B-ORG I-ORG O", "B-ORG I-ORG I-ORG"),
        ("وزارة الخدمة المدنية", "B-ORG I-ORG O", "B-ORG I-ORG I-ORG"),
        # not a name without a head noun: a club's country stays outside (as the news gold has it)
        ("فاز ريال مدريد الإسباني", "O B-ORG I-ORG O", "O B-ORG I-ORG O"),
        ("ميلان الإيطالي", "B-ORG O", "B-ORG O"),
        # not ordinals or time words, not a word written with ى, not a conjunct after a noun
        ("الدوري الثاني", "B-ORG O", "B-ORG O"),
        ("الاتحاد الحالي", "B-ORG O", "B-ORG O"),
        ("وزارة الدفاع القوى", "B-ORG I-ORG O", "B-ORG I-ORG O"),
        ("قوات صالح والحوثي", "B-ORG I-ORG O", "B-ORG I-ORG O"),
        # other types and tagged words are not touched
        ("وزارة الداخلية السعودية", "B-ORG I-ORG B-LOC", "B-ORG I-ORG B-LOC"),
        ("مدينة الرياض الجديدة", "B-LOC I-LOC O", "B-LOC I-LOC O"),
    ],
)
def test_extend_org_adjectives(sentence, labels, expected):
    words, tags = sentence.split(), labels.split()
    assert len(words) == len(tags) == len(expected.split())
    assert extend_org_adjectives(words, tags) == expected.split()


@pytest.mark.parametrize(
    ("word", "adjective"),
    [("الاجتماعية", True), ("والقروية", True), ("السعودي", True), ("الثاني", False),
     ("الذي", False), ("القوى", False), ("وزارة", False), ("الرياض", False)],
)
def test_is_adjective(word, adjective):
    assert is_adjective(word) is adjective
