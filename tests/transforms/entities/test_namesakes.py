"""Institutions and places named after a person are themselves, not the person."""

from __future__ import annotations

import pytest

from transforms.entities.mentions import extract_mentions
from transforms.entities.namesakes import head_noun, named_after
from transforms.tokens import tokenize


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "person", "named"),
    [
        # head noun in the construct state + title + the person: the institution or place
        ("نقل لمستشفى الملك فهد بالظهران", "فهد", ("لمستشفى الملك فهد", "ORG")),
        ("تخرج في جامعة الملك سعود", "سعود", ("جامعة الملك سعود", "ORG")),
        ("الطريق إلى طريق الأمير نايف بن عبدالعزيز مغلق", "نايف بن عبدالعزيز",
         ("طريق الأمير نايف بن عبدالعزيز", "LOC")),
        ("مطار الإمام الخميني في طهران", "الخميني", ("مطار الإمام الخميني", "LOC")),
        ("في قاعة [الملك فيصل]", "الملك فيصل", None),  # a bracket between: no head before the title
        ("في قاعة الملك فيصل للمؤتمرات", "الملك فيصل", ("قاعة الملك فيصل للمؤتمرات", "LOC")),  # the span holds its title
        # what the name carries after the person: a nisba adjective, a purpose
        ("مطار الملك عبدالعزيز الدولي بجدة", "عبدالعزيز", ("مطار الملك عبدالعزيز الدولي", "LOC")),
        ("مركز الملك سلمان للإغاثة والأعمال الإنسانية اليوم", "سلمان",
         ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "ORG")),
        ("أكد صندوق الأمير سلطان لتنمية المرأة", "سلطان", ("صندوق الأمير سلطان لتنمية المرأة", "ORG")),
        ("مستشفى الملك فهد للقوات المسلحة الخميس", "فهد", ("مستشفى الملك فهد للقوات المسلحة", "ORG")),
        ("مركز الملك سلمان للإغاثة الخميس", "سلمان", ("مركز الملك سلمان للإغاثة", "ORG")),
        # no institution: a definite head is the person's apposition; no title; no head
        ("وإمام المسجد الشيخ مروان عسيري", "مروان عسيري", None),
        ("مستشفى خالد", "خالد", None),
        ("وقال الملك سلمان", "سلمان", None),
        ("كلمة الملك سلمان", "سلمان", None),
    ],
)
def test_named_after(text, person, named):
    words = _words(text)
    person_words = _words(person)
    start = next(k for k in range(len(words)) if words[k : k + len(person_words)] == person_words)
    found = named_after(words, start, start + len(person_words))
    assert (found and (" ".join(words[found[0] : found[1]]), found[2])) == (named or None)


@pytest.mark.parametrize(
    ("word", "head"),
    [("مستشفى", (0, "ORG")), ("لمستشفى", (1, "ORG")), ("وبجامعة", (2, "ORG")), ("بطريق", (1, "LOC")),
     ("المستشفى", None), ("وزارة", None)],
)
def test_head_noun(word, head):
    assert head_noun(word) == head


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ونقل المصاب بعدها لمستشفى الملك خالد الجامعي.", [("مستشفى الملك خالد الجامعي", "ORG", "context")]),
        ("أعلنت دارة الملك عبدالعزيز عن حاجتها لشغل وظائف.", [("دارة الملك عبدالعزيز", "ORG", "context")]),
        ("وأكد الملك سلمان بن عبدالعزيز أن المملكة ماضية.", [("سلمان بن عبدالعزيز", "PERSON", "gazetteer")]),
    ],
)
def test_a_namesake_is_a_mention_of_the_institution(text, expected):
    found = extract_mentions(text, [(0, len(text))])
    assert [(m.surface, m.entity_type, m.method) for m in found.mentions] == expected
    named = [e for e in found.entities.values() if e.entity_type != "PERSON"]
    assert all(e.canonical_name == expected[0][0] for e in named)
