"""Mentions and their canonical entities: the conjunction و is not part of a name."""

from __future__ import annotations

import re

import pytest

from transforms.entities.mentions import (
    _conjunction,
    _strip_proclitic,
    _without_father,
    balance_quotes,
    extract_mentions,
    trim_punctuation,
    within_lineages,
    within_organisations,
)
from transforms.entities.gazetteer import GazetteerEntry
from transforms.entities.spans import Span
from transforms.tokens import tokenize
from transforms.text import name_key


@pytest.mark.parametrize(
    ("surface", "entity_type", "conjunction"),
    [
        # a person listed after another: the rest of the first word is a word of the news
        ("وصالح", "PERSON", True),
        ("وياسر القحطاني", "PERSON", True),
        ("ومحمد", "PERSON", True),
        ("وعبد الله", "PERSON", True),
        ("ووليد", "PERSON", True),
        # names that begin with و: the rest is no word (ليد، ائل) or the name is listed
        ("وليد الفراج", "PERSON", False),
        ("وائل", "PERSON", False),
        ("ويليام", "PERSON", False),
        ("واين روني", "PERSON", False),  # اين ("where") is a word: listed as a name
        ("وسام", "PERSON", False),
        ("وقاص", "PERSON", False),
        ("والتر", "PERSON", False),  # وال...: the definite article's rule, not this one
        # organisations and places: only before an organisation head
        ("ووزارة الصحة", "ORG", True),
        ("وقوات صالح", "ORG", True),
        ("ومجلس الأمن", "ORG", True),
        ("وشركة أرامكو", "LOC", True),
        ("وزارة الصحة", "ORG", False),  # زارة is a word ("visited him"), not a head
        ("وكالة الأنباء", "ORG", False),
        ("وحدة حماية الشعب", "ORG", False),
        ("وادي حنيفة", "LOC", False),
        ("ولاية كاليفورنيا", "LOC", False),
        ("ودار", "ORG", False),
        # ... and a preposition ب / ل / ك glued to an organisation's head noun
        ("بوزارة الدفاع", "ORG", True),
        ("لمجلس الضمان الصحي", "ORG", True),
        ("للاتحاد الأوروبي", "ORG", False),  # ل + الاتحاد: the alef is gone, nothing to cut
        ("بنك الجزيرة", "ORG", False),
        ("لجنة الانتخابات", "ORG", False),
        ("بوزارة", "PERSON", False),
        # ... and ب / ل glued to a person's common given name ("وفقاً لعبد الله الموسى")
        ("لعبد الله الموسى", "PERSON", True),
        ("لمحمد العتيبي", "PERSON", True),
        ("بحسن نصر الله", "PERSON", True),
        ("لعبدالرحمن", "PERSON", True),
        ("بسام العلي", "PERSON", False),  # سام is no given name of the list; بسام is one
        ("لبنى عبد العزيز", "PERSON", False),
        ("لطفي بوشناق", "PERSON", False),
        ("لمحمد", "LOC", False),
    ],
)
def test_conjunction(surface, entity_type, conjunction):
    assert _conjunction(surface, entity_type) is conjunction


@pytest.mark.parametrize(
    ("word", "entity_type", "known", "cut"),  # known: is the whole surface's name key known?
    [
        # ف / و before a definite word: the particle goes
        ("فالحكومة", "ORG", False, 1),
        ("والمالكي", "PERSON", False, 1),
        ("فالمالكي", "PERSON", False, 1),
        # names that begin with فال / وال: a word of the news whose remainder is none
        ("فالح العيساوي", "PERSON", False, 0),  # a surface: the first word is the name's
        ("فالنسيا", "ORG", False, 0),
        ("فاليري بيرال", "PERSON", False, 0),
        ("والتر", "PERSON", False, 0),
        ("والتر مونديل", "PERSON", False, 0),
        # و on a word that begins with و: the name key folds وو, so the whole counts as known
        ("ووزارة الخارجية", "ORG", True, 1),
        ("ووكالة الأنباء السعودية", "ORG", True, 1),
        ("ووائل كفوري", "PERSON", True, 1),
        ("ووزير الخارجية", "PERSON", True, 1),
        # ... but a transliterated W stays
        ("وول ستريت", "ORG", True, 0),
        ("وولتر", "PERSON", True, 0),
        ("وودي آلن", "PERSON", True, 0),
    ],
)
def test_a_particle_is_cut_but_not_from_a_name(word, entity_type, known, cut):
    assert _strip_proclitic(word, entity_type, lambda key: known) == cut


def _mentions(text: str, detail: str = "entity_type") -> list[tuple[str, str, str]]:
    """(surface, the mention's ``detail``, canonical name) of each mention of ``text``, one
    sentence per full stop."""
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    found = extract_mentions(text, sentences)
    return [(m.surface, getattr(m, detail), found.entities[m.entity_id].canonical_name) for m in found.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the و of "الحوثي وصالح" dropped, the bare name resolves to the man named earlier
            "قال الرئيس اليمني السابق علي عبدالله صالح إن الحرب مستمرة. "
            "وقصفت الطائرات مواقع ميليشيات الحوثي وصالح في تعز.",
            ("صالح", "PERSON", "علي عبدالله صالح"),
        ),
        (
            "وسجل الأهداف اللاعبان سالم الدوسري وياسر القحطاني في المباراة.",
            ("ياسر القحطاني", "PERSON", "ياسر القحطاني"),
        ),
        (
            "والتقى الوزير بمسؤولي وزارة المالية ووزارة الداخلية أمس.",
            ("وزارة الداخلية", "ORG", "وزارة الداخلية"),
        ),
        (  # Syria spelled سورية is the gazetteer's Syria
            "وصلت المساعدات إلى سورية أمس.",
            ("سورية", "LOC", "سوريا"),
        ),
    ],
)
def test_listed_names_lose_their_conjunction(text, expected):
    assert expected in _mentions(text)


def test_a_known_name_loses_the_conjunction_on_its_waw_word():
    # the name key folds وو into و, so "ووزارة الخارجية" counted as the known ministry and kept its و
    surfaces = [surface for surface, *_ in _mentions("وقعت مذكرة بين وزارة الخارجية في السعودية ووزارة الخارجية في البيرو.")]
    assert surfaces.count("وزارة الخارجية") == 2


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        (  # the preposition على folds to the name علي: never a reference to محمد علي
            "قال الوزير محمد علي إن الاتفاق مهم. وأكد على أهمية التعاون.",
            ("على", "PERSON", "محمد علي"),
        ),
        (  # God (الله) is not عبد الله
            "وصل الشيخ عبد الله إلى الرياض. وقال إن الأمور بخير، وإن الله وفق الجميع.",
            ("الله", "PERSON", "عبد الله"),
        ),
        (  # the last word of "محمد بن سلمان" is his father's name: a bare سلمان is the king
            "التقى ولي العهد الأمير محمد بن سلمان الوفد. ووجه الملك سلمان بصرف المكافآت.",
            ("سلمان", "PERSON", "محمد بن سلمان"),
        ),
    ],
)
def test_common_words_and_fathers_are_no_references(text, not_expected):
    assert not_expected not in _mentions(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وأعلن المتحدث جون كيربي أن الزيارة تمت. وأضاف كيربي أن واشنطن ترحب.",
            ("كيربي", "PERSON", "جون كيربي"),
        ),
        (  # a family name after آل refers back with its آل
            "وأكد الدكتور حسين آل جعثم أن المشروع بدأ. وقال آل جعثم إن العمل مستمر.",
            ("آل جعثم", "PERSON", "حسين آل جعثم"),
        ),
    ],
)
def test_a_surname_refers_back_to_the_full_name(text, expected):
    assert expected in _mentions(text)


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (  # a club or group named in full is the entity its short name refers to
            "وقع نادي الهلال عقدا مع المدرب. وفاز الهلال على النصر في المباراة.",
            ("الهلال", "ORG", "نادي الهلال السعودي"),
            ("النصر", "ORG", "نادي النصر السعودي"),  # not named in full here: left alone
        ),
        (
            "أعلن تنظيم القاعدة مسؤوليته عن الهجوم. وقالت مصادر إن القاعدة تسعى للتوسع.",
            ("القاعدة", "ORG", "تنظيم القاعدة"),
            None,
        ),
        (  # a foreign club named with its country does not take the local name
            "وفاز القادسية على القادسية الكويتي في المباراة.",
            ("القادسية الكويتي", "ORG", "نادي القادسية الكويتي"),
            ("القادسية", "ORG", "نادي القادسية الكويتي"),
        ),
        (  # a Saudi federation is not the Ittihad club
            "وقال رئيس الاتحاد السعودي للكرة الطائرة إن البطولة ناجحة.",
            None,
            ("الاتحاد السعودي", "ORG", "نادي الاتحاد السعودي"),
        ),
    ],
)
def test_short_names_of_organisations_named_in_the_article(text, expected, not_expected):
    found = _mentions(text)
    if expected is not None:
        assert expected in found
    if not_expected is not None:
        assert not_expected not in found


@pytest.mark.parametrize(
    ("surface", "short"),
    [
        ("أنور بن محمد قرقاش", "أنور قرقاش"),
        ("عزام بن محمد الدخيّل", "عزام الدخيل"),  # the shadda is no obstacle
        ("محمد بن عبد الرحمن الشهري", "محمد الشهري"),  # a father of two words
        ("محمد بن عبد الله الشهري", "محمد الشهري"),
        ("محمد بن سلمان", None),  # the father's name is the name
        ("محمد بن عبد الله", None),
        ("عبدالله بن مساعد بن عبدالعزيز", None),  # a lineage chain
        ("فيصل بن خالد آل سعود", None),  # a royal family of many Faisals
        ("جون كيربي", None),
    ],
)
def test_without_father(surface, short):
    assert _without_father(surface) == (name_key(short) if short else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known person introduced with his father's name links to the gazetteer's entry
        ("وقال وزير الدولة للشؤون الخارجية الدكتور أنور بن محمد قرقاش إن الحل قريب.",
         ("أنور بن محمد قرقاش", "PERSON", "أنور قرقاش")),
    ],
)
def test_known_people_with_their_fathers_name(text, expected):
    assert expected in _mentions(text)


def test_an_unknown_person_is_found_without_his_fathers_name():
    text = "وقال مدير التعليم خالد بن سعد الحمودي إن الدراسة تبدأ غدا."
    found = extract_mentions(text, [(0, len(text))])
    (entity,) = [e for e in found.entities.values() if e.entity_type == "PERSON"]
    assert entity.canonical_name == "خالد بن سعد الحمودي"
    assert name_key("خالد الحمودي") in entity.alias_keys  # entities_named("خالد الحمودي")


def _person_ids(text: str) -> dict[str, str]:
    found = extract_mentions(text, [(0, len(text))])
    return {m.surface: m.entity_id for m in found.mentions if m.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("first", "second", "name", "shared"),
    [
        # a bare common given name is someone of its own article
        ("وقال المهندس محمد إن العمل بدأ أمس.", "وأكد الشيخ محمد أن الدروس تبدأ غدا.", "محمد", False),
        ("وقال الأستاذ عبد الله إن العمل بدأ.", "وأكد الشيخ عبدالله أن الدروس تبدأ.", "عبد الله", False),
        # … and so is the family name of a large tribe
        ("وقال المهندس العتيبي إن العمل بدأ أمس.", "وأكد الدكتور العتيبي أن الدروس تبدأ غدا.", "العتيبي", False),
        # any other name is one person wherever it is written
        ("وقال جون كيربي إن العمل بدأ أمس.", "وأكد جون كيربي أن الدروس تبدأ غدا.", "جون كيربي", True),
    ],
)
def test_bare_given_names_stay_in_their_article(first, second, name, shared):
    a, b = _person_ids(first), _person_ids(second)
    ids = {a.get(name) or a.get(name.replace(" ", "")), b.get(name) or b.get(name.replace(" ", ""))}
    assert None not in ids
    assert (len(ids) == 1) is shared


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # (text, the tagger's span as token indices, the mention's surface)
        ("مكتبة «الغد العربي» في القاهرة", (0, 3), "مكتبة «الغد العربي»"),  # grows to its closing mark
        ("عن «ذا فولتس» أمس", (2, 5), "ذا فولتس"),  # a closing mark with no opener is left out
        ("مجلة «ساينس» العلمية", (0, 4), "مجلة «ساينس»"),  # paired: as it is
        ("مكتبة «آفاق، في عمان", (0, 3), "مكتبة «آفاق"),  # no closing mark before the comma
        ('صحيفة "ستار" اليوم', (0, 3), 'صحيفة "ستار"'),
        ('عن ستار" اليوم', (1, 3), "ستار"),
        ("«مجلة العربي الكويتية", (0, 3), "مجلة العربي"),  # an opening mark that opens nothing
        ("حزب «البيت اليهودي المتطرف الجديد جدا»", (0, 2), "حزب"),  # its closing mark is too far
    ],
)
def test_tagger_spans_pair_their_quotation_marks(text, span, expected):
    tokens = tokenize(text)
    i, j = balance_quotes(tokens, *span, [False] * len(tokens))
    assert text[tokens[i].start:tokens[j - 1].end] == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # (text, the tagger's span as token indices, the mention's surface)
        ("وليد الزايد – الرياض", (0, 3), "وليد الزايد"),  # a byline's dash
        ("، سالم الدوسري ,", (0, 4), "سالم الدوسري"),
        ("كيم جونغ-أون", (0, 4), "كيم جونغ-أون"),  # a hyphen inside the name stays
        ("محمد ب .", (0, 3), "محمد ب"),
    ],
)
def test_tagger_spans_lose_punctuation_at_their_edges(text, span, expected):
    tokens = tokenize(text)
    i, j = trim_punctuation(tokens, *span)
    assert text[tokens[i].start:tokens[j - 1].end] == expected


def test_a_span_does_not_grow_over_a_taken_token():
    tokens = tokenize("مكتبة «الغد العربي»")
    taken = [False, False, False, True, False]  # "العربي" is another mention's
    assert balance_quotes(tokens, 0, 3, taken) == (0, 3)


_LOC = GazetteerEntry("LOC", "حائل", "Ha'il", ("حائل",))
_PERSON = GazetteerEntry("PERSON", "سلمان", "Salman", ("سلمان",))
_ORG = GazetteerEntry("ORG", "أرامكو", "Aramco", ("أرامكو",))


@pytest.mark.parametrize(
    ("words", "matches", "spans", "kept"),
    [
        # a place inside an organisation's name with a head noun: the organisation's
        ("جامعة حائل".split(), [(1, 2, _LOC)], [Span(0, 2, "ORG")], []),
        ("بنك حائل المركزي".split(), [(1, 2, _LOC)], [Span(0, 3, "ORG")], []),
        ("مستشفى الملك سلمان".split(), [(2, 3, _PERSON)], [Span(0, 3, "ORG")], []),
        ("وبجامعة حائل".split(), [(1, 2, _LOC)], [Span(0, 2, "ORG")], []),  # the head with clitics
        # no head noun beside the place ("اسبانيا الحد الأدنى", "شعب العراق"): the gazetteer's
        ("حائل الجديدة".split(), [(0, 1, _LOC)], [Span(0, 2, "ORG")], [(0, 1, _LOC)]),
        # the span is the match itself ("فاز المنتخب على [تايلاند]"): the gazetteer's
        (["حائل"], [(0, 1, _LOC)], [Span(0, 1, "ORG")], [(0, 1, _LOC)]),
        # an organisation the gazetteer knows inside: the gazetteer's
        ("شركة أرامكو".split(), [(1, 2, _ORG)], [Span(0, 2, "ORG")], [(1, 2, _ORG)]),
        # a person or a place around a place: a byline, a title, the tagger running on
        ("أمين حائل".split(), [(1, 2, _LOC)], [Span(0, 2, "PERSON")], [(1, 2, _LOC)]),
        ("مطار حائل".split(), [(1, 2, _LOC)], [Span(0, 2, "LOC")], [(1, 2, _LOC)]),
        # a match across the span's edge: the gazetteer's
        ("جامعة حائل الجديدة".split(), [(1, 3, _LOC)], [Span(0, 2, "ORG")], [(1, 3, _LOC)]),
        ("جامعة حائل".split(), [(1, 2, _LOC)], [], [(1, 2, _LOC)]),
    ],
)
def test_places_inside_an_organisation_are_no_mentions_of_their_own(words, matches, spans, kept):
    assert within_organisations(words, matches, spans) == kept


_KING = GazetteerEntry("PERSON", "خالد بن عبدالعزيز آل سعود", "King Khalid", ("خالد بن عبدالعزيز",))


@pytest.mark.parametrize(
    ("words", "matches", "spans", "kept"),
    [
        # the king named as a prince's father inside the prince's name: the tagger's person
        ("الأمير فيصل بن خالد بن عبدالعزيز".split(), [(3, 6, _KING)], [Span(1, 6, "PERSON")], []),
        ("الأمير فيصل ابن خالد بن عبدالعزيز".split(), [(3, 6, _KING)], [Span(1, 6, "PERSON")], []),
        # the king himself, after his title: the gazetteer's
        ("الملك خالد بن عبدالعزيز".split(), [(1, 4, _KING)], [Span(1, 4, "PERSON")], [(1, 4, _KING)]),
        # no tagger span over the son's name, or one that begins at the connector: the gazetteer's
        ("فيصل بن خالد بن عبدالعزيز".split(), [(2, 5, _KING)], [], [(2, 5, _KING)]),
        ("فيصل بن خالد بن عبدالعزيز".split(), [(2, 5, _KING)], [Span(1, 5, "PERSON")], [(2, 5, _KING)]),
        # آل is a family, not a father: "بن عبدالعزيز آل سعود" is left to the other rules
        ("سعود آل خالد بن عبدالعزيز".split(), [(2, 5, _KING)], [Span(0, 5, "PERSON")], [(2, 5, _KING)]),
    ],
)
def test_a_father_inside_a_lineage_is_no_mention_of_his_own(words, matches, spans, kept):
    assert within_lineages(words, matches, spans) == kept


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("أعلنت جامعة حائل عن وظائف شاغرة.", ("جامعة حائل", "ORG", "جامعة حائل"), ("حائل", "LOC", "حائل")),
        ("ورفع بنك إنجلترا المركزي أسعار الفائدة.", ("بنك إنجلترا المركزي", "ORG", "بنك إنجلترا المركزي"),
         ("إنجلترا", "LOC", "إنجلترا")),
        ("ووصل الرئيس إلى حائل أمس.", ("حائل", "LOC", "حائل"), None),
    ],
)
def test_an_organisation_named_after_a_place_is_the_organisation(text, expected, not_expected):
    found = _mentions(text)
    assert expected in found
    assert not_expected not in found


def test_a_prince_is_not_his_father_the_king():
    found = _mentions("استقبل الأمير فيصل بن خالد بن عبدالعزيز أمير منطقة عسير الوفد.")
    assert ("فيصل بن خالد بن عبدالعزيز", "PERSON", "فيصل بن خالد بن عبدالعزيز") in found
    assert not any(canonical == "خالد بن عبدالعزيز آل سعود" for _, _, canonical in found)
