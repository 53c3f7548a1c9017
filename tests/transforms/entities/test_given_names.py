"""A common given name alone takes the family name after it; before a tribal family name it
is a person."""

from __future__ import annotations

import pytest

from transforms.entities.given_names import join_family_names, split_organisation_holders, tag_tribal_names


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        # a family name that is also a word: the taggers stop before it
        ("وقدر المهندس محمد المخرج الاهتمام", "O O B-PERSON O O", "O O B-PERSON I-PERSON O"),
        ("وأضاف محمد الذبياني أن", "O B-PERSON O O", "O B-PERSON I-PERSON O"),
        ("للاعب سعيد المولد المنضم", "O B-PERSON O O", "O B-PERSON I-PERSON O"),
        # not a relative pronoun, a day, a time word, a title, a feminine or plural noun
        ("وقال محمد الذي يعمل", "O B-PERSON O O", "O B-PERSON O O"),
        ("وصل محمد السبت", "O B-PERSON O", "O B-PERSON O"),
        ("قال محمد المتحدث", "O B-PERSON O", "O B-PERSON O"),
        ("تجربة غازي العريقة", "O B-PERSON O", "O B-PERSON O"),
        ("ويطور فيصل التطبيقات", "O B-PERSON O", "O B-PERSON O"),
        ("منصور إلغاء القرار", "B-PERSON O O", "B-PERSON O O"),  # إلغاء is not ال…
        # not a name that is not a common given name, nor a longer span, nor a tagged word
        ("وقال كيربي الأربعاء", "O B-PERSON O", "O B-PERSON O"),
        ("قال بوتين الروسي", "O B-PERSON O", "O B-PERSON O"),
        ("محمد بن سلمان الأمير", "B-PERSON I-PERSON I-PERSON O", "B-PERSON I-PERSON I-PERSON O"),
        ("محمد الرياض", "B-PERSON B-LOC", "B-PERSON B-LOC"),
    ],
)
def test_join_family_names(sentence, labels, expected):
    words, tags = sentence.split(), labels.split()
    assert len(words) == len(tags) == len(expected.split())
    assert join_family_names(words, tags) == expected.split()


@pytest.mark.parametrize(
    ("words", "labels", "expected"),
    [
        # an untagged given name before a tribal family name is a person
        ("المكرمة علي الغامدي ،", "I-LOC O O O", "I-LOC B-PERSON I-PERSON O"),
        ("- رائد الغامدي -", "O O O O", "O B-PERSON I-PERSON O"),
        ("ورائد الغامدي", "O O", "B-PERSON I-PERSON"),  # after the conjunction
        ("علي الغامدي", "O B-PERSON", "B-PERSON I-PERSON"),  # the tagger took the family name only
        # the preposition على (with ى) is not علي; a tribal name alone, or after a word that
        # is no given name, stays as the tagger left it
        ("وجلس على الغامدي", "O O O", "O O O"),
        ("قال الغامدي", "O O", "O O"),
        ("المواطن الغامدي", "O B-PERSON", "O B-PERSON"),
        # inside another span: left alone
        ("بلدية محمد القحطاني", "B-LOC I-LOC I-LOC", "B-LOC I-LOC I-LOC"),
        ("", "", ""),
    ],
)
def test_tag_tribal_names(words, labels, expected):
    assert tag_tribal_names(words.split(), labels.split()) == expected.split()


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        # an official's name after his organisation's: the person is cut from the span
        ("رئيس نادي الفتح أحمد الراشد", "O B-ORG I-ORG I-ORG I-ORG", "O B-ORG I-ORG B-PERSON I-PERSON"),
        ("جمعية الاقتصاد السعودية بدر البلوي", "B-ORG I-ORG I-ORG I-ORG I-ORG",
         "B-ORG I-ORG I-ORG B-PERSON I-PERSON"),
        ("حزب الحق أحمد محمد المهدي", "B-ORG I-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG B-PERSON I-PERSON I-PERSON"),
        ("الهيئة عبدالله الزهيان", "B-ORG I-ORG I-ORG", "B-ORG B-PERSON I-PERSON"),
        # named after a person: a title, a lineage word, الشهيد before the name
        ("جامعة الملك سعود", "B-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG"),
        ("جامعة الإمام محمد بن سعود", "B-ORG I-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG I-ORG"),
        ("مدرسة القعقاع بن عمرو", "B-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG"),
        ("كتائب الشهيد احمد ابو الريش", "B-ORG I-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG I-ORG"),
        # a company bearing its founder's name: an indefinite head alone before it
        ("مجموعة محمد المعجل", "B-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG"),
        # what follows the given name is no name: a complement, an adjective, a head, too long
        ("جامعة نايف العربية للعلوم", "B-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG"),
        ("نادي الخليج سعود للرياضة", "B-ORG I-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG I-ORG"),
        ("نادي الطيران سلطان الرياضي الجوي الأول الكبير", "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
         "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG"),
        # the given name ending the span, or a person's span: nothing to cut
        ("نادي الفتح أحمد", "B-ORG I-ORG I-ORG", "B-ORG I-ORG I-ORG"),
        ("قال أحمد الراشد", "O B-PERSON I-PERSON", "O B-PERSON I-PERSON"),
    ],
)
def test_split_organisation_holders(sentence, labels, expected):
    assert split_organisation_holders(sentence.split(), labels.split()) == expected.split()
