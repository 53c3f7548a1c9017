"""The title / role and organisation-head lexicons, with proclitics on the word."""

from __future__ import annotations

import pytest

from transforms.entities.titles import ORG_HEAD_WORDS, TITLE_WORDS, is_org_head, is_title
from transforms.text import normalize_word


def test_lexicons_are_stored_normalized():
    for word in TITLE_WORDS | ORG_HEAD_WORDS:
        assert normalize_word(word) == word


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الرئيس", True),
        ("رئيس", True),
        ("والرئيس", True),
        ("للرئيس", True),
        ("ورئيس", True),
        ("لرئيس", True),
        ("فالرئيس", True),
        ("رئيسة", True),
        ("وزير", True),
        ("الوزير", True),
        ("لوزير", True),
        ("وزيرة", True),
        ("وزراء", True),
        ("الوزراء", True),
        ("المتحدث", True),
        ("المتحدثة", True),
        ("متحدث", True),
        ("الناطق", True),
        ("ناطق", True),
        ("الزعيم", True),
        ("والزعيم", True),
        ("الملك", True),
        ("الأمير", True),
        ("ولي", True),
        ("الشيخ", True),
        ("السفير", True),
        ("المستشار", True),
        ("المبعوث", True),
        ("الأمين", True),
        ("العام", True),
        ("المدير", True),
        ("مدير", True),
        ("النائب", True),
        ("نائب", True),
        ("النائبة", True),
        ("القائد", True),
        ("قائد", True),
        ("الجنرال", True),
        ("اللواء", True),
        ("العميد", True),
        ("المنسق", True),
        ("منسق", True),
        ("مسؤول", True),
        ("المسؤول", True),
        ("مسؤولون", True),
        ("مسئول", True),
        ("الدكتور", True),
        ("د", True),
        ("السيناتور", True),
        ("الرئيسُ", True),  # diacritics are folded
        ("بوتين", False),
        ("فلاديمير", False),
        ("وزارة", False),
        ("وليد", False),
        ("ود", False),
        ("قال", False),
        ("", False),
    ],
)
def test_is_title(word, expected):
    assert is_title(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وزارة", True),
        ("بوزارة", True),
        ("ووزارة", True),
        ("الوزارة", True),
        ("وكالة", True),
        ("لوكالة", True),
        ("مجلس", True),
        ("بمجلس", True),
        ("منظمة", True),
        ("حزب", True),
        ("جامعة", True),
        ("شركة", True),
        ("صحيفة", True),
        ("هيئة", True),
        ("مؤسسة", True),
        ("بنك", True),
        ("مركز", True),
        ("معهد", True),
        ("جمعية", True),
        ("لجنة", True),
        ("حركة", True),
        ("جبهة", True),
        ("قوات", True),
        ("الجيش", True),
        ("البنتاجون", True),
        ("البنتاغون", True),
        ("الرئيس", False),
        ("موسكو", False),
        ("قال", False),
    ],
)
def test_is_org_head(word, expected):
    assert is_org_head(word) is expected
