"""Common words the taggers read as a person's name: not a person unless the article says so.

On every third SaudiNewsNet article (10,344) the default tagger made one-word PERSON spans
of words that are not names there (counts below). We read five of each (all of دان): the word
was a person once, Dan Werthimer, whose first name the tagger had already cut from his
surname.

- ``آمنة`` ("safe", feminine: ``منطقة آمنة``, ``بيئة عمل آمنة``) 42 times. The taggers learned
  the name Amina from WikiFANE's article on Amina bint Wahb, which has it bare 40 times;
- ``أمنه`` ("its security": ``يستعيد أمنه واستقراره``) 27 times. ``normalize_word`` folds ة into
  ه, so to the features it is the name آمنة;
- ``معالي`` ("His Excellency", an honorific before a title: ``وأوضح معالي وزير العدل``) 25;
- ``لولا`` ("if not for": ``لولا تدخل بعض المسؤولين``) 22, read as Lula;
- ``لي`` ("to me": ``قال لي``) 18, read as the Chinese or Korean surname;
- ``دان`` ("condemned": ``دان مجلس الوزراء الهجوم``) 23, read as Dan;
- ``كورونا`` (the MERS coronavirus: ``فيروس كورونا``) 20;
- ``رأيك`` ("your opinion", one outlet's footer "اكتب رأيك") 17 and ``وأين`` ("and where") 15;
- on 1,370 articles read later still, ``المنومين`` ("the inpatients": ``المرضى المنومين``, Saudi
  hospital news) 15 times in 11 articles, ``الدين`` ("religion", left of عز الدين / نور الدين) 10,
  ``مني`` ("from me"; Mona is منى) 8 and the title ``سناتور`` 6;
- and, on 3,000 random articles read later, ``الرضا`` ("satisfaction": ``الرضا الوظيفي``) 10
  and ``الجميل`` ("the beautiful", "the favour": ``رد الجميل``) 10 — all 19 of them that the
  rule takes back are the common word (the Gemayels of Lebanon and the Imam al-Rida keep theirs
  where their article names them in full or gives a title).

So a one-word PERSON span becomes O when its word (dediacritized, with or without و/ف) is:

- in ``NEVER``, as written, hamza included: never a person's name on its own (``معالي``,
  ``أمنه``, ``أمنها``, ``رأيك``, ``أين``, ``كورونا``, ``المنومين``, ``الدين``, ``سناتور``; these
  also after ب/ل: ``لأمنه``). Without
  its hamza, ``واين`` is Wayne Rooney in NewsFANE;
- in ``UNLESS_INTRODUCED`` (``لولا``, ``لي``, ``آمنة``, ``دان``, ``الرضا``, ``الجميل``, ``مني``; alef forms folded, ة kept
  apart from ه), unless the article shows the person: a title word stands right before it (``الرئيس
  لولا``, ``الدكتورة آمنة``), or a longer person span of the same article holds the word
  (``لويس لولا دا سيلفا`` … ``حصل لولا على``).

A nation's adjective right after a title (``الرئيس [التشادي] السابق``, ``المبعوث [الأممي]``:
``NATIONALITIES``) is no one's name either, unless a longer person span of the article holds it
(``منصور التركي`` … ``وقال اللواء التركي``); on 9,000 SaudiNewsNet articles the default tagger
made ~65 such persons (التركي 18, التشادي 16, الأممي 9 …). Without a title before it the word is
left to the tagger: السوداني, المصري and العربي are surnames too.

A person span never begins with the cue نوّه ("noted": ``[نوه المهنا] إلى أن`` → المهنا).
And a person span never holds "that" or "so" written with its hamza (``بأن``, ``أن``, ``إن``,
``وإن``, ``فإن``). On the sample the tagger began 49 spans with one (``وأضاف [بأن السوداني]
أشرف``, ``[فإن هايز] قام``): the name, with its own entity, is what follows. It ran 6 spans
over one (``وقال [باخ إن بلاتر]``, ``وأوضح [زوكربيرغ أن تشان]``): the span is split there. Not
when the next word makes it a name with a stray hamza (``بأن كي مون``, ``فإن دير فيل``).

Nor does a person span hold God (الله) in a formula of blessing (``_trim_formulas``): Saudi news
follows a king's or the leadership's name with "حفظه الله" / "حفظهم الله" ("may God protect
him / them"), the dead with "رحمه الله" or "طيب الله ثراه", a companion of the Prophet with
"رضي الله عنه". On 3,000 random SaudiNewsNet articles the tagger made 45 person spans of such
formulas (``[حفظهم الله]`` 18 times, ``[فهد رحمه الله]``, ``[بإذن الله]``); the formula is taken
out, the name beside it stays. A span that begins with الله (``صدق [الله العظيم]``) is no name;
names that hold الله (عبد الله، نصر الله، المعز لدين الله) are untouched. The FANE gold never
tags الله alone as a person.

Nor does a person span begin with "the Two Holy Mosques" (``_trim_custodian``): the king's
title "خادم الحرمين الشريفين" ("Custodian of the Two Holy Mosques"), in nearly every Saudi
article, made the default tagger a person of ``[الحرمين الشريفين]`` 64 times and of a later bare
``الشريفين`` 65 times on 9,000 SaudiNewsNet articles (the FANE gold leaves the title O, or
calls the mosques a place). And a person span stops before a number (``_trim_numbers``): a
phone number (``[محمد 0503123484]``), an age (``[اوريش 74عاما]``), a year of death (``[الحموي
ت761ه]``) or of an event (``وفاة [بدر عام 1094م]``, whose bare ``عام`` then became his
surname 20 times in one article). Not an ordinal after ال (``بنديكت ال 16``, as the FANE
gold writes Benedict XVI).

Applied to the gold labels of NewsFANE TRAIN + DEV (by block) and WikiFANE, these rules undo
one person span: a bare ``لي`` that is Lee Redmond, in a block that never gives her full name.
Amina bint Wahb and Lula keep theirs: their articles introduce them in full.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_alef_ar

from transforms.entities.spans import bio_spans
from transforms.entities.titles import is_title
from transforms.text import INVISIBLE_RE, TATWEEL


@lru_cache(maxsize=50_000)
def _plain(word: str) -> str:
    """Dediacritized, without tatweel or invisible characters; hamza and ة as written."""
    return dediac_ar(INVISIBLE_RE.sub("", word)).replace(TATWEEL, "")


@lru_cache(maxsize=50_000)
def _fold(word: str) -> str:
    """``_plain`` with the alef forms folded (آمنة / امنة); ة and ه stay apart."""
    return normalize_alef_ar(_plain(word))


# NEVER is matched as written, hamza included: "واين" without it is Wayne (Rooney) in NewsFANE.
NEVER = frozenset(_plain(w) for w in "معالي أمنه أمنها رأيك أين كورونا المنومين المنومون الدين سناتور".split())
UNLESS_INTRODUCED = frozenset(_fold(w) for w in "لولا لي آمنة دان الرضا الجميل مني".split())
# Adjectives of a nation or of the UN right after a title ("الرئيس التشادي السابق", "المبعوث
# الأممي"), which the taggers made a one-word person: no one, unless a longer person span of the
# article holds the word ("منصور التركي" … "وقال اللواء التركي"). Without a title before it such
# a word stays a surname (السوداني، المصري، العربي are surnames too).
NATIONALITIES = frozenset(_fold(w) for w in """
    الأمريكي الأميركي الروسي الصيني الفرنسي البريطاني الألماني الإيطالي الإسباني التركي
    الإيراني العراقي السوري اللبناني الأردني المصري الليبي التونسي الجزائري المغربي
    الموريتاني السوداني اليمني العماني الإماراتي القطري البحريني الكويتي السعودي الفلسطيني
    الإسرائيلي الباكستاني الأفغاني الهندي الياباني الكوري التشادي النيجيري الإثيوبي
    الصومالي الكيني البرازيلي الأرجنتيني المكسيكي الكندي الأسترالي الماليزي الإندونيسي
    البنغلاديشي القبرصي البوسني الصربي الأوكراني اليوناني السويسري الهولندي البلجيكي
    السويدي النرويجي الدنماركي البولندي الأممي الأوروبي الأفريقي الإفريقي العربي الخليجي
""".split())
# "that" / "so" written with its hamza never begins a name: "وأضاف [بأن السوداني] أشرف",
# "[فإن هايز] قام". Without the hamza, بان is Ban (Ki-moon) and فان Van.
COMPLEMENTIZERS = frozenset(_plain(w) for w in "أن إن بأن وأن وإن فإن لأن".split())
# ... except where a transliteration writes the hamza into Ban Ki-moon or Van der / Van de.
_NAME_AFTER_COMPLEMENTIZER = frozenset(_fold(w) for w in "كي دير دي".split())
# The cue نوّه ("noted") never begins a name either (Noah is نوح): "[نوه المهنا] إلى أن" hid
# the cue of the claim (6 spans on the sample).
CUE_VERBS = frozenset(_plain(w) for w in "نوه ونوه فنوه".split())


def _reading(word: str) -> str | None:
    """The listed word that ``word`` is, with or without و/ف (and ب/ل for ``NEVER``)."""
    plain = _plain(word)
    if len(plain) > 2 and plain[0] in "وف":
        stripped = plain[1:]
    else:
        stripped = plain
    for form in dict.fromkeys((plain, stripped)):
        if form in NEVER:
            return form
        folded = normalize_alef_ar(form)
        if folded in UNLESS_INTRODUCED or folded in NATIONALITIES:
            return folded
    if len(stripped) > 3 and stripped[0] in "بل" and stripped[1:] in NEVER:
        return stripped[1:]
    return None


def _trim_complementizers(words: Sequence[str], labels: list[str]) -> None:
    """Take the ``COMPLEMENTIZERS`` words out of each PERSON span of one sentence, in place:
    at its start (``[بأن السوداني]``) or inside it, which splits it (``[باخ إن بلاتر]`` → باخ,
    بلاتر); and a ``CUE_VERBS`` word at the start of a longer span (``[نوه المهنا]``)."""
    for span in bio_spans(labels):
        if span.entity_type != "PERSON":
            continue
        for k in range(span.start, span.end):
            if _plain(words[k]) not in COMPLEMENTIZERS:
                continue
            if k + 1 < span.end and _fold(words[k + 1]) in _NAME_AFTER_COMPLEMENTIZER:
                continue  # "بأن كي مون": Ban Ki-moon with a stray hamza
            labels[k] = "O"
            if k + 1 < span.end:
                labels[k + 1] = "B-PERSON"
        if span.end - span.start > 1 and _plain(words[span.start]) in CUE_VERBS:
            labels[span.start] = "O"  # "[نوه المهنا]": the cue, then the name
            labels[span.start + 1] = "B-PERSON"


# God (الله) is never a person span of its own, nor is a formula of blessing around a name:
# "– [حفظهم الله] –", "[فهد رحمه الله]", "[أبي بكر الصديق – رضي الله] عنه".
_GOD = frozenset(_fold(w) for w in "الله لله بالله والله ولله".split())
# Verbs and particles that put الله in a formula, never a name (unlike نصر، عبد، فتح، توفيق،
# لطف الله, the caliphs' لدين الله / بأمر الله, or حمدنا الله, a surname in WikiFANE): as they
# stand before الله.
_FORMULA_HEADS = frozenset(_fold(w) for w in """
    حفظه حفظها حفظهم حفظهما حفظكم يحفظه يحفظها يحفظهم رحمه رحمها رحمهما رحمهم يرحمه يرحمها
    يرحمهم تغمده أيده أيدها أيدهم يؤيده رضي صلى طيب رعاه رعاها رعاهم يرعاه حماه حماها يحميه
    وفقه وفقها وفقهم يوفقه سدد أعانه أعانهم جزاه جزاهم بإذن شاء سبحان الحمد نحمد أشكر
    نشكر امتن أطال عافاه شفاه أكرمه
""".split())
# ... and what may follow الله in the formula: "طيب الله ثراه", "سبحانه وتعالى", "عز وجل".
_FORMULA_TAILS = frozenset(_fold(w) for w in "تعالى وتعالى سبحانه عز وجل ثراه".split())


def _trim_formulas(words: Sequence[str], labels: list[str]) -> None:
    """Take الله, with the formula of blessing it ends (``_FORMULA_HEADS`` before it,
    ``_FORMULA_TAILS`` after it) and the dashes around it, out of each PERSON span of one
    sentence, in place; what is left of the name keeps its label. A span that begins with
    الله is no name at all."""
    for span in bio_spans(labels):
        if span.entity_type != "PERSON":
            continue
        gods = [k for k in range(span.start, span.end) if _fold(words[k]) in _GOD]
        if not gods:
            continue
        drop: set[int] = set()
        for k in gods:
            if k == span.start:  # "[الله أكبر]", "صدق [الله العظيم]": no name at all
                drop.update(range(span.start, span.end))
                break
            if _fold(words[k - 1]) not in _FORMULA_HEADS:
                continue  # عبد الله، نصر الله، المعز لدين الله: a name
            drop.update((k - 1, k))
            after = k + 1
            while after < span.end and _fold(words[after]) in _FORMULA_TAILS:
                drop.add(after)
                after += 1
        if not drop:
            continue
        kept = [k for k in range(span.start, span.end) if k not in drop and _plain(words[k]).isalpha()]
        for k in range(span.start, span.end):
            labels[k] = "O"
        for k in kept:  # contiguous runs of what is left, each a name of its own
            labels[k] = "I-PERSON" if k - 1 in kept else "B-PERSON"


# "خادم الحرمين الشريفين" is the king's title; the mosques are no person ("للحرمين" with ل).
_CUSTODIAN = frozenset(_fold(w) for w in "الحرمين للحرمين والحرمين بالحرمين الشريفين الشريفان".split())
# A year's or an age's word before a number that ends a name: "وفاة [بدر عام 1094م]".
_BEFORE_NUMBER = frozenset(_fold(w) for w in "عام العام سنة السنة في منذ".split())


def _trim_custodian(words: Sequence[str], labels: list[str]) -> None:
    """Take the words of "the Two Holy Mosques" off the start of each PERSON span of one
    sentence, in place: ``[الحرمين الشريفين]`` is no one, ``[الحرمين الشريفين الملك سلمان]``
    is the king."""
    for span in bio_spans(labels):
        if span.entity_type != "PERSON":
            continue
        k = span.start
        while k < span.end and _fold(words[k]) in _CUSTODIAN:
            labels[k] = "O"
            k += 1
        if span.start < k < span.end:
            labels[k] = "B-PERSON"


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _trim_numbers(words: Sequence[str], labels: list[str]) -> None:
    """End each PERSON span of one sentence before its first word with a digit (and a year's
    word before it: "عام 1094م"), in place; a span that begins with one loses it. An ordinal
    after ال stays ("بنديكت ال 16")."""
    for span in bio_spans(labels):
        if span.entity_type != "PERSON":
            continue
        cut = next((k for k in range(span.start, span.end) if _has_digit(words[k])
                    and not (k > span.start and _fold(words[k - 1]) == "ال")), None)
        if cut is None:
            continue
        end = cut
        while end > span.start and _fold(words[end - 1]) in _BEFORE_NUMBER:
            end -= 1
        for k in range(end, span.end):  # "[3عيدكم مبارك]": what follows the number is no name either
            labels[k] = "O"


def drop_false_persons(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    documents: Sequence[Hashable] | None = None,
) -> list[list[str]]:
    """BIO ``labels`` of ``sentences`` with the ``COMPLEMENTIZERS`` words, the formulas of
    blessing, a leading "الحرمين الشريفين" and everything from a number on taken out of every
    PERSON span, then the one-word PERSON spans on ``NEVER``
    words, and on ``UNLESS_INTRODUCED`` words their article does not show as a person, made O
    (see the module docstring). ``documents``: one key per sentence, as ``Tagger.tag_many`` takes it;
    without it every sentence is its own article."""
    out = [list(sentence_labels) for sentence_labels in labels]
    for words, sentence_labels in zip(sentences, out):
        if "B-PERSON" in sentence_labels:
            _trim_complementizers(words, sentence_labels)
            _trim_formulas(words, sentence_labels)
            _trim_custodian(words, sentence_labels)
            _trim_numbers(words, sentence_labels)
    keys: Sequence[Hashable] = documents if documents is not None else range(len(sentences))
    doubtful: list[tuple[int, int, str]] = []  # sentence, token, listed word
    held: dict[Hashable, set[str]] = {}  # article -> words inside its longer person spans
    for index, (words, sentence_labels) in enumerate(zip(sentences, out)):
        if "B-PERSON" not in sentence_labels:
            continue
        for span in bio_spans(sentence_labels):
            if span.entity_type != "PERSON":
                continue
            if span.end - span.start > 1:
                inside = held.setdefault(keys[index], set())
                inside.update(_fold(word) for word in words[span.start : span.end])
                continue
            word = _reading(words[span.start])
            if word is not None:
                doubtful.append((index, span.start, word))
    for index, token, word in doubtful:
        after_title = token > 0 and is_title(sentences[index][token - 1])
        introduced = word in held.get(keys[index], ())
        if word in NATIONALITIES and (introduced or not after_title):
            continue  # a surname: "وأضاف بأن السوداني"; "الرئيس التشادي" is Chad's president
        if word in UNLESS_INTRODUCED and (introduced or after_title):  # "الرئيس لولا"
            continue
        out[index][token] = "O"
    return out
