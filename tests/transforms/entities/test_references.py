"""Short references to well-known people that only their context resolves (الملك سلمان)."""

from __future__ import annotations

import pytest

from tests.transforms.entities.test_mentions import _mentions
from transforms.entities.gazetteer import load_gazetteer
from transforms.entities.references import (
    joined_to_anchor,
    load_references,
    parse_tsv,
    resolve,
    title_stem,
)

SALMAN = "سلمان بن عبدالعزيز آل سعود"
ABDULAZIZ = "عبدالعزيز بن عبدالرحمن آل سعود"
SALEH = "علي عبدالله صالح"


@pytest.mark.parametrize(
    ("words", "before", "named", "expected"),
    [
        # a king by title and given name
        (["سلمان"], "الملك", set(), (0, SALMAN)),
        (["سلمان"], "للملك", set(), (0, SALMAN)),
        (["سلمان"], "والملك", set(), (0, SALMAN)),
        (["سلمان"], "العاهل", set(), (0, SALMAN)),
        (["سلمان"], "الأمير", set(), None),  # another Salman
        (["سلمان"], None, set(), None),
        (["الملك", "عبدالعزيز"], "دارة", set(), (1, ABDULAZIZ)),  # the tagger took the title in
        (["الملك", "عبد", "العزيز"], None, set(), (1, ABDULAZIZ)),
        (["الأمير", "عبدالعزيز"], None, set(), None),
        (["عبدالله"], "الملك", set(), (0, "عبدالله بن عبدالعزيز آل سعود")),
        (["عبدالله"], "الملك", {"الأردن"}, None),  # may be Abdullah II
        # a name the article's subject makes a known person's
        (["صالح"], "الحوثي", {"الحوثيون"}, (0, SALEH)),
        (["صالح"], "المخلوع", {"الحوثيون", "اليمن"}, (0, SALEH)),
        (["صالح"], "الكاتب", {"سوريا"}, None),
        (["على", "صالح"], "المعزول", {"اليمن"}, (0, SALEH)),  # على folds to علي
        (["الأسد"], "نظام", {"سوريا"}, (0, "بشار الأسد")),
        (["الأسد"], "قتل", {"زيمبابوي"}, None),  # the lion Cecil
        (["صدام"], "نظام", set(), (0, "صدام حسين")),
        (["صدام"], "في", {"العراق"}, None),  # "a clash"
        (["فهد", "العتيبي"], "الملك", set(), None),  # the whole span must be the reference
    ],
)
def test_resolve(words, before, named, expected):
    found = resolve(words, before, named)
    assert (found and (found[0], found[1].canonical_name)) == (expected or None)


@pytest.mark.parametrize(
    ("word", "anchor", "named", "expected"),
    [
        ("وصالح", "الحوثيون", {"الحوثيون"}, SALEH),  # "ميليشيات الحوثي وصالح"
        ("والأسد", "سوريا", {"سوريا"}, "بشار الأسد"),
        ("ومبارك", "مصر", {"مصر"}, "حسني مبارك"),
        ("صالح", "الحوثيون", {"الحوثيون"}, None),  # not joined by و
        ("وصالح", "اليمن", {"اليمن"}, None),  # not its anchor
        ("وسلمان", "السعودية", set(), None),  # a reference that needs its title
        ("وفهد", "الحوثيون", {"الحوثيون"}, None),
    ],
)
def test_joined_to_anchor(word, anchor, named, expected):
    found = joined_to_anchor(word, anchor, named)
    assert (found and found.canonical_name) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [("الملك", "ملك"), ("للملك", "ملك"), ("والملك", "ملك"), ("ملك", "ملك"), ("نظام", "نظام")],
)
def test_title_stem(word, stem):
    assert title_stem(word) == stem


def test_every_reference_names_a_gazetteer_entity():
    assert {r.entity.canonical_name for r in load_references().values()} >= {SALMAN, SALEH}


HEADER = "reference\tentity\tafter\twith\twithout\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("فهد\tفهد بن عبدالعزيز\tالملك\t\t\n", "no gazetteer canonical name"),  # a variant
        ("صالح\tعلي عبدالله صالح\t\tاليمنيون\t\n", "no gazetteer canonical name"),
        ("فهد\tفهد بن عبدالعزيز آل سعود\tالملك\t\n", "4 columns"),
        ("علي صالح\tعلي عبدالله صالح\t\t\t\nعلى صالح\tعلي عبدالله صالح\t\t\t\n", "listed twice"),
    ],
)
def test_parse_rejects_what_it_cannot_trust(rows, message):
    with pytest.raises(ValueError, match=message):
        parse_tsv(HEADER + rows, load_gazetteer())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وتلقى خادم الحرمين الشريفين الملك سلمان اتصالا هاتفيا من الرئيس.", ("سلمان", "context", SALMAN)),
        ("واستهدفت الطائرات مواقع ميليشيات الحوثي وصالح في عدن.", ("صالح", "context", SALEH)),
    ],
)
def test_mentions_link_the_reference(text, expected):
    assert expected in _mentions(text, "method")
