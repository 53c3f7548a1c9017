"""Normalization and name keys: spellings that must collapse, and names that must not."""

import pytest

from transforms.text import has_arabic, name_key, normalize_text, normalize_word


@pytest.mark.parametrize(
    ("variants",),
    [
        (["بيونج يانج", "بيونغ يانغ", "بيونجيانج", "بيونغيانغ"],),
        (["كيم جونغ أون", "كيم جونج أون", "كيم جونغ-أون", "كيم جونغ اون"],),
        (["الأميركي", "الأمريكي"],),
        (["مجلس الأمن القومي الأميركي", "مجلس الأمن القومي الأمريكي"],),
        (["إيران", "ايران", "آيران"],),
        (["كيربي", "كيربى", "كـيـربي", "كِيرْبِي"],),
        (["موسكو", "موسكو\u200f"],),
    ],
)
def test_variants_share_a_key(variants):
    assert len({name_key(v) for v in variants}) == 1, {v: name_key(v) for v in variants}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("كيم جونغ أون", "كيم هونج-كيون"),
        ("كيم جونغ أون", "كيم جونغ إيل"),
        ("كوريا الشمالية", "كوريا الجنوبية"),
        ("بوتين", "بيلوسوف"),
    ],
)
def test_distinct_names_keep_distinct_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أكّدت الوكالةُ", "اكدت الوكاله"),
        ("إلى مستشفى", "الي مستشفي"),
        ("قـــال", "قال"),
        ("  سطر\n  ثان  ", "سطر ثان"),
        ("ﻻ", "لا"),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(("word", "expected"), [("أكّدت", "اكدت"), ("قائلاً", "قائلا"), ("مدرسة", "مدرسه")])
def test_normalize_word(word, expected):
    assert normalize_word(word) == expected


@pytest.mark.parametrize(("text", "expected"), [("hello", False), ("مرحبا", True), ("123 ،", False)])
def test_has_arabic(text, expected):
    assert has_arabic(text) is expected


def test_arclean_table_matches_camel_tools_charmapper(seed_texts):
    """The str.translate table gives exactly what camel-tools' CharMapper gives."""
    import random

    from camel_tools.utils.charmap import CharMapper

    from transforms.text import _ARCLEAN

    mapper = CharMapper.builtin_mapper("arclean")
    rng = random.Random(7)
    samples = list(seed_texts.values()) + ["".join(chr(rng.randint(0, 0x2FFF)) for _ in range(3000)) for _ in range(20)]
    for sample in samples:
        assert sample.translate(_ARCLEAN) == mapper(sample)


def test_arclean_translates_only_the_characters_that_change_with_the_same_result():
    """``arclean`` (runs of changing characters) equals the whole-string translate over every
    character of the BMP, in a row and between Arabic words."""
    from transforms.text import _ARCLEAN, arclean

    everything = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000) + "\U0001F600"
    assert arclean(everything) == everything.translate(_ARCLEAN)
    mixed = "".join(f"كلمة{chr(c)}" for c in range(0, 0x3000, 7))
    assert arclean(mixed) == mixed.translate(_ARCLEAN)


@pytest.mark.parametrize("text", ["  قال   الوزير\n\n إن\u00a0الخطة\u2003جاهزة\t", "", " ", "\u3000x\u2028y\u0085"])
def test_normalize_text_collapses_white_space_as_a_regex_would(text):
    """split/join gives what the regex ``\\s+`` → " " and strip() gave (the hashes of stored
    articles depend on it)."""
    import re
    import unicodedata

    from transforms.text import _ARCLEAN, fold, normalize_text

    before = re.sub(r"\s+", " ", fold(unicodedata.normalize("NFKC", text).translate(_ARCLEAN))).strip()
    assert normalize_text(text) == before
