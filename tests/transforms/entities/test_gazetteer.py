"""The gazetteer: spelling variants collapse onto one entry, distinct entities never do,
and matching is longest-first over tokens with proclitics on the first token."""

from __future__ import annotations

from collections import defaultdict

import pytest

from transforms.entities.gazetteer import (
    ENTITY_TYPES,
    MAX_WINDOW,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    parse_tsv,
)
from transforms.text import has_arabic, name_key
from transforms.tokens import tokenize


def words_of(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def spans(text: str) -> list[tuple[str, str, str]]:
    """(surface, entity_type, name_en) of every gazetteer match in ``text``."""
    words = words_of(text)
    return [(" ".join(words[i:j]), e.entity_type, e.name_en) for i, j, e in load_gazetteer().match(words)]


def only_match(text: str) -> GazetteerEntry | None:
    """The entry when the whole of ``text`` is one match, else None."""
    words = words_of(text)
    found = load_gazetteer().match(words)
    if len(found) == 1 and found[0][:2] == (0, len(words)):
        return found[0][2]
    return None


# ---------------------------------------------------------------- the bundled data


def test_loads_within_the_intended_size():
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer  # loaded once
    counts = defaultdict(int)
    for entry in gazetteer.entries:
        counts[entry.entity_type] += 1
    assert set(counts) == ENTITY_TYPES
    assert 600 <= len(gazetteer.entries) <= 2500
    assert counts["LOC"] >= 190 and counts["PERSON"] >= 100 and counts["ORG"] >= 500


def test_rows_are_well_formed():
    for entry in load_gazetteer().entries:
        assert entry.entity_type in ENTITY_TYPES
        assert entry.variants[0] == entry.canonical_name
        assert len(set(entry.variants)) == len(entry.variants)
        assert entry.name_en.strip() == entry.name_en and entry.name_en
        for variant in entry.variants:
            # Arabic, or a brand that Arabic news writes in Latin letters ("Mobily", "STC")
            assert has_arabic(variant) or (variant.isascii() and variant.isalpha()), (entry.name_en, variant)
            assert variant == variant.strip() and "  " not in variant


def test_no_two_entries_share_a_name_key():
    owner: dict[str, str] = {}
    clashes = []
    for entry in load_gazetteer().entries:
        for variant in entry.variants:
            key = name_key(variant)
            if owner.setdefault(key, entry.name_en) != entry.name_en:
                clashes.append((variant, owner[key], entry.name_en))
    assert clashes == []
    assert load_gazetteer().ambiguous_keys == frozenset()


def test_every_listed_spelling_matches_its_own_entry():
    gazetteer = load_gazetteer()
    wrong = []
    for entry in gazetteer.entries:
        for variant in entry.variants:
            words = words_of(variant)
            assert len(words) <= MAX_WINDOW
            found = gazetteer.match(words)
            if not (len(found) == 1 and found[0][:2] == (0, len(words)) and found[0][2] is entry):
                wrong.append((entry.name_en, variant))
    assert wrong == []  # e.g. a blocked phrase that folds onto a name


def test_english_names_are_unique():
    names = [e.name_en for e in load_gazetteer().entries]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("surface", "name_en"),
    [
        ("بيونج يانج", "Pyongyang"),
        ("بيونغ يانغ", "Pyongyang"),
        ("بيونجيانج", "Pyongyang"),
        ("كيم جونغ أون", "Kim Jong Un"),
        ("كيم جونج أون", "Kim Jong Un"),
        ("كيم جونغ-أون", "Kim Jong Un"),
        ("مجلس الأمن القومي الأميركي", "United States National Security Council"),
        ("مجلس الأمن القومي الأمريكي", "United States National Security Council"),
        ("مجلس الأمن الدولي", "United Nations Security Council"),
        ("مجلس الأمن التابع للأمم المتحدة", "United Nations Security Council"),
        ("مجلس الأمن", "United Nations Security Council"),
        ("الولايات المتحدة الأميركية", "United States"),
        ("أمريكا", "United States"),
        ("فلاديمير بوتين", "Vladimir Putin"),
        ("جون كيربي", "John Kirby"),
        ("أنتوني بلينكن", "Antony Blinken"),
        ("سيرجي لافروف", "Sergei Lavrov"),
        ("سيرغي لافروف", "Sergei Lavrov"),
        ("يوري أوشاكوف", "Yuri Ushakov"),
        ("أندريه بيلوسوف", "Andrei Belousov"),
        ("كورت كامبل", "Kurt Campbell"),
        ("شي جين بينج", "Xi Jinping"),
        ("شي جين بينغ", "Xi Jinping"),
        ("لين جيان", "Lin Jian"),
        ("واس", "Saudi Press Agency"),
        ("أ ف ب", "Agence France-Presse"),
        ("فرانس برس", "Agence France-Presse"),
        ("ناتو", "NATO"),
        ("حلف شمال الأطلسي", "NATO"),
        ("سي إن إن", "CNN"),
        ("يونهاب", "Yonhap"),
        ("سيول", "Seoul"),
        ("سول", "Seoul"),
        ("الشرق الأوسط", "Middle East"),
        ("صحيفة الشرق الأوسط", "Asharq Al-Awsat"),
        ("الرياض", "Riyadh"),
        ("صحيفة الرياض", "Al Riyadh (newspaper)"),
        ("البنتاجون", "Pentagon"),
        ("البنتاغون", "Pentagon"),
        ("داعش", "Islamic State"),
    ],
)
def test_spellings_resolve_to_one_entry(surface, name_en):
    entry = load_gazetteer().by_key(name_key(surface))
    assert entry is not None and entry.name_en == name_en
    assert only_match(surface) is entry


@pytest.mark.parametrize(
    ("surface", "not_name_en"),
    [
        ("كيم هونج-كيون", "Kim Jong Un"),  # a South Korean diplomat, not the leader
        ("كيم جونغ إيل", "Kim Jong Un"),
        ("كيم إيل سونغ", "Kim Jong Un"),
        ("مجلس الأمن الدولي", "United States National Security Council"),
        ("مجلس الأمن القومي الأمريكي", "United Nations Security Council"),
        ("الشرق الأوسط", "Asharq Al-Awsat"),
        ("الرياض", "Al Riyadh (newspaper)"),
        ("جون كيري", "John Kirby"),
    ],
)
def test_distinct_entities_stay_apart(surface, not_name_en):
    entry = load_gazetteer().by_key(name_key(surface))
    assert entry is None or entry.name_en != not_name_en


def test_less_known_seed_people_are_left_to_the_tagger():
    for surface in ("كيم هونج-كيون", "كو بيونجسام", "ليم سوسوك", "آيسن نيكولاييف", "ري بيونغ-تشول"):
        assert load_gazetteer().by_key(name_key(surface)) is None, surface
        assert spans(surface) == [], surface


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seeds' Pyongyang spellings, with and without proclitics
        ("بين بيونج يانج وموسكو", [("بيونج يانج", "LOC", "Pyongyang"), ("وموسكو", "LOC", "Moscow")]),
        ("بين موسكو وبيونغ يانغ منذ", [("موسكو", "LOC", "Moscow"), ("وبيونغ يانغ", "LOC", "Pyongyang")]),
        ("تزود فيه بيونجيانج موسكو", [("بيونجيانج", "LOC", "Pyongyang"), ("موسكو", "LOC", "Moscow")]),
        ("أن تقدّم موسكو لبيونغ يانغ يد", [("موسكو", "LOC", "Moscow"), ("لبيونغ يانغ", "LOC", "Pyongyang")]),
        ("العلاقة بين موسكو وبيونج يانج", [("موسكو", "LOC", "Moscow"), ("وبيونج يانج", "LOC", "Pyongyang")]),
        # longest match: the US council is one span, not "مجلس الأمن" + leftovers
        (
            "وقال المتحدث باسم مجلس الأمن القومي الأمريكي جون كيربي",
            [("مجلس الأمن القومي الأمريكي", "ORG", "United States National Security Council"), ("جون كيربي", "PERSON", "John Kirby")],
        ),
        (
            "ينتهك قرارات مجلس الأمن التابع للأمم المتحدة .",
            [("مجلس الأمن التابع للأمم المتحدة", "ORG", "United Nations Security Council")],
        ),
        ("حق النقض في مجلس الأمن مراقبة", [("مجلس الأمن", "ORG", "United Nations Security Council")]),
        # a bare "مجلس الأمن القومي" may be any country's: no entry, and not the UN council
        ("منسق الاتصالات بمجلس الأمن القومي جون كيربي", [("جون كيربي", "PERSON", "John Kirby")]),
        ("للأمم المتحدة", [("للأمم المتحدة", "ORG", "United Nations")]),
        ("بالولايات المتحدة", [("بالولايات المتحدة", "LOC", "United States")]),
        ("والولايات المتحدة", [("والولايات المتحدة", "LOC", "United States")]),
        ("لكوريا الشمالية", [("لكوريا الشمالية", "LOC", "North Korea")]),
        ("الزعيم كيم جونغ - أون خلال", [("كيم جونغ - أون", "PERSON", "Kim Jong Un")]),
        ("شبكة \" سي . إن . إن \" الإخبارية", [("سي . إن . إن", "ORG", "CNN")]),
        ("نشرته صحيفة الشرق الأوسط أمس", [("صحيفة الشرق الأوسط", "ORG", "Asharq Al-Awsat")]),
        ("الأمن في الشرق الأوسط", [("الشرق الأوسط", "LOC", "Middle East")]),
        ("وكالة الأنباء المركزية الكورية الشمالية", [("وكالة الأنباء المركزية الكورية الشمالية", "ORG", "Korean Central News Agency")]),
        # names that begin with a proclitic letter are not stripped
        ("قال بوتين ولافروف", [("بوتين", "PERSON", "Vladimir Putin"), ("ولافروف", "PERSON", "Sergei Lavrov")]),
        ("في بكين ولندن", [("بكين", "LOC", "Beijing"), ("ولندن", "LOC", "London")]),
        # the article is only stripped for multi-word names: الحماس is enthusiasm
        ("استقبلوه بالحماس المعهود", []),
        # one-word names do not match across words ("لي ما" is not Lima)
        ("قال لي ما حدث", []),
        # common words that fold onto names are blocked
        ("ينبع من قناعة", []),
        ("شرب كوبا من الماء", []),
        ("في مسقط رأسه", []),
        ("بعد صلاة المغرب", []),
        ("وزيرة الخارجية الأمريكية هيلاري كلينتون", [("هيلاري كلينتون", "PERSON", "Hillary Clinton")]),
        ("وقالت الخارجية الأمريكية", [("الخارجية الأمريكية", "ORG", "United States Department of State")]),
        ("", []),
        ("، . -", []),
    ],
)
def test_match(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("وقال كيم جونغ أون إن", ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"]),
        ("بين موسكو وبيونج يانج", ["O", "B-LOC", "B-LOC", "I-LOC"]),
        ("مجلس الأمن القومي الأميركي", ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]),
        ("لا شيء هنا", ["O", "O", "O"]),
    ],
)
def test_token_labels(text, labels):
    assert load_gazetteer().token_labels(words_of(text)) == labels


def test_spans_never_start_or_end_on_punctuation():
    words = words_of("( بوتين ) - « موسكو » ، كيم جونغ-أون .")
    for i, j, _ in load_gazetteer().match(words):
        assert any(c.isalnum() for c in words[i]) and any(c.isalnum() for c in words[j - 1])


def test_matches_are_non_overlapping_and_ordered():
    words = words_of("قال بوتين في موسكو إن مجلس الأمن التابع للأمم المتحدة والولايات المتحدة")
    found = load_gazetteer().match(words)
    assert [f[0] for f in found] == sorted(f[0] for f in found)
    for (_, end, _), (start, _, _) in zip(found, found[1:]):
        assert end <= start


# ---------------------------------------------------------------- parsing and a custom list


def test_parse_tsv_and_custom_gazetteer():
    text = "entity_type\tcanonical_name\tname_en\tvariants\nLOC\tبيونغ يانغ\tPyongyang\tبيونجيانج|بيونج يانج\n"
    entries = parse_tsv(text)
    assert entries == [GazetteerEntry("LOC", "بيونغ يانغ", "Pyongyang", ("بيونغ يانغ", "بيونجيانج", "بيونج يانج"))]
    gazetteer = Gazetteer(entries)
    assert [(i, j) for i, j, _ in gazetteer.match(words_of("زار بيونغيانغ ثم بيونج يانج"))] == [(1, 2), (3, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "type\tname\n",
        "entity_type\tcanonical_name\tname_en\tvariants\nPLACE\tمكة\tMecca\t\n",
        "entity_type\tcanonical_name\tname_en\tvariants\nLOC\tمكة\tMecca\n",
        "entity_type\tcanonical_name\tname_en\tvariants\nLOC\t\tMecca\t\n",
    ],
)
def test_parse_tsv_rejects_malformed_files(text):
    with pytest.raises(ValueError):
        parse_tsv(text)


def test_two_entries_claiming_one_key_are_both_dropped():
    a = GazetteerEntry("PERSON", "كيم", "Kim A", ("كيم",))
    b = GazetteerEntry("PERSON", "كيم", "Kim B", ("كيم",))
    gazetteer = Gazetteer([a, b])
    assert gazetteer.ambiguous_keys == {name_key("كيم")}
    assert gazetteer.by_key(name_key("كيم")) is None
    assert gazetteer.match(["كيم"]) == []
