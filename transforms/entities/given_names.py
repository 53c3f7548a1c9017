"""A common given name alone is a name cut short: ``المهندس [محمد] المخرج`` → ``[محمد المخرج]``.

The taggers end a person span before a family name that is also a word: المخرج ("the
director"), المزيد ("more"), المولد ("the birth"), الصعب ("the hard one"). The given name is
left alone, and in the warehouse every such محمد, فيصل or سعيد of every article was one person:
on 3,000 random SaudiNewsNet articles "محمد" alone was a person in 30 articles, "فيصل" in 20,
"فهد" in 16, 478 mentions in all. Saudi news names people by given name and family name
(with ال): when a one-word person span holds one of the common given names of
``GIVEN_NAMES`` and the next word is an untagged ``ال…`` word, that word is the family name.

Not a word that is a relative pronoun, a day or a time word (الذي، السبت، الماضي), a title
(المتحدث), or a feminine or plural noun (ة، ات: "تجربة غازي العريقة", "فيصل التطبيقات"). On
the sample this joined 52 spans; of 45 read, 41 were a person's full name (فيصل الخراع، سعيد
المولد، محمد المخرج) and 4 took in a word after the name ("سلمان الوفاء", "فهم الملك فهد
التهديد"). The NewsFANE DEV blocks hold no such case (their names are given in full): the
evaluation figures do not move.
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.entities.spans import bio_spans
from transforms.entities.titles import is_org_head, is_title
from transforms.text import normalize_word

# Men's and women's names apart: a speaker named so is a "he" or a "she" (transforms.claims
# does not give "وقالت" to "خالد الفالح").
MALE_GIVEN_NAMES = frozenset(normalize_word(w) for w in """
    محمد أحمد علي عبدالله خالد فهد فيصل سعود سلمان سعد سعيد صالح عمر عثمان حسن حسين إبراهيم
    يوسف مصطفى محمود عبدالرحمن عبدالعزيز ناصر نايف بدر تركي ماجد سلطان مشعل طلال طارق وليد
    أسامة يحيى زياد هاني سامي عادل ياسر جمال كمال منصور مبارك راشد حمد مساعد متعب نواف فواز
    فارس عمرو هشام أيمن أنس معاذ عبدالكريم عبدالمحسن عبدالإله عبدالمجيد عبدالرحيم عبدالحكيم
    عبدالوهاب عبدالملك عبدالناصر إسماعيل موسى عيسى سليمان داود زكريا جاسم حامد حمود ثامر عبيد
    عوض عائض مشاري سطام بندر نبيل رائد رياض سمير شريف عماد غازي لؤي مازن ماهر مهند وائل وسام
    ياسين يونس قاسم كريم مروان نزار
""".split())
FEMALE_GIVEN_NAMES = frozenset(normalize_word(w) for w in "فاطمة عائشة مريم نورة سارة هند هيفاء أمل منى نوف ريم لطيفة".split())
GIVEN_NAMES = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES
# Foreign men's given names as Arabic news writes them, for a speaker's grammatical gender only
# ("وقالت" does not go on with كريستيانو رونالدو): not common names of ours, so a bare one is
# not kept to its article. Names that are also Arabic words or women's names elsewhere (بان،
# جان، هيلاري) are left out.
FOREIGN_MALE_GIVEN_NAMES = frozenset(normalize_word(w) for w in """
    جون ديفيد دافيد مايكل مايك جورج باراك دونالد فلاديمير سيرغي سيرجي بيتر بول جيمس روبرت
    وليام ويليام توني كريستيانو ليونيل جوزيه خوسيه خوان كارلوس فرانسوا نيكولا ستيفن ستيفان
    مارك جوزيف توماس ريتشارد فرانك هنري بيير لوران إيمانويل أنطونيو ماريو لويس رونالد أندرو
    ديمتري دميتري ميخائيل يوري بوريس بنيامين موشيه أفيغدور إسحاق رجب ماثيو جيمي جوزيبي بيدرو
    فيليب أرسين تشارلز إدوارد كيفن
""".split())
# Names too many people bear for one of them alone to name the same person in two articles:
# more given names, and the family names of the large tribes (العتيبي، القحطاني …). A bare one
# that nothing in its article resolves is someone of that article (transforms.entities.mentions).
COMMON_NAMES = GIVEN_NAMES | frozenset(normalize_word(w) for w in """
    عدنان سالم فريد خليل جميل حمزة صلاح عصام إياد باسم حازم حسام رامي شادي طه عاطف فؤاد مجدي
    مراد منير نادر هيثم يزيد بسام جابر ظافر عايض مطلق مفلح هادي هلال
    العتيبي القحطاني الغامدي الزهراني الشهري الدوسري المطيري الحربي العنزي الشمري السبيعي
    الرشيدي البقمي المالكي الأسمري العمري القرني الشهراني الجهني البلوي الخالدي الهاجري اليامي
    العسيري الثبيتي السلمي الشمراني الظفيري العجمي القرشي التميمي الأحمدي السهلي العصيمي
""".split())
_NOT_FAMILY_NAMES = frozenset(normalize_word(w) for w in """
    الذي التي الذين اللذين اللتين اللاتي اليوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة
    السبت الآن الجاري الماضي المقبل الحالي
""".split())


def _family_name(word: str) -> bool:
    norm = normalize_word(word) or word
    return (
        word.startswith("ال") and len(norm) > 3 and norm not in _NOT_FAMILY_NAMES
        and not word.endswith(("ة", "ات")) and not is_title(word)
    )


def join_family_names(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with each one-word PERSON span on a ``GIVEN_NAMES`` name
    followed by an untagged family name (``_family_name``) extended over it."""
    out = list(labels)
    if "B-PERSON" not in out:
        return out
    for k in range(len(out) - 1):
        if (
            out[k] == "B-PERSON" and out[k + 1] == "O"
            and normalize_word(words[k]) in GIVEN_NAMES and _family_name(words[k + 1])
        ):
            out[k + 1] = "I-PERSON"
    return out


# The family names of the large tribes (the ال words of ``COMMON_NAMES``; each is written
# with its ال, which ``tag_tribal_names`` checks first: most words are no candidate).
TRIBAL_NAMES = frozenset(name for name in COMMON_NAMES if name.startswith("ال"))


def tag_tribal_names(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with a common given name right before a tribal family name
    made one person where the tagger left the given name untagged: "[علي الغامدي]" after "وأوضح
    المتحدث الرسمي للهلال الأحمر بمنطقة مكة المكرمة", "[رائد الغامدي]" in a list of players.
    The pair names a man (or a woman: هند الشمري) whatever the words around it; but "على"
    with its ى is the preposition "on", not علي."""
    out = list(labels)
    for k in range(len(out) - 1):
        if (
            out[k] == "O" and words[k + 1][:2] == "ال" and out[k + 1] in ("O", "B-PERSON")
            and normalize_word(words[k + 1]) in TRIBAL_NAMES
            and not words[k].endswith("ى") and _given_name(words[k])
        ):
            out[k] = "B-PERSON"
            out[k + 1] = "I-PERSON"
    return out


def _given_name(word: str) -> bool:
    """A name of ``GIVEN_NAMES``, alone or after the conjunction و ("ورائد")."""
    norm = normalize_word(word)
    return norm in GIVEN_NAMES or (norm[:1] == "و" and len(norm) > 3 and norm[1:] in GIVEN_NAMES)


# Words before a given name that make it part of an institution's name: lineage, and "the
# martyr" of the brigades and schools named after one ("كتائب الشهيد احمد ابو الريش").
_NAMED_AFTER = frozenset(normalize_word(w) for w in "بن ابن بنت أبو أبا أبي آل الشهيد".split())
_HOLDER_REACH = 3  # words of a holder's name after his given name


def split_organisation_holders(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """BIO ``labels`` of ``words`` with a person's name cut from the end of an ORG span that
    ran over it: "[نادي الفتح أحمد الراشد]" → "[نادي الفتح] [أحمد الراشد]", "[جمعية الاقتصاد
    السعودية بدر البلوي]", "[الهيئة] [عبدالله الزهيان]". Saudi news names an official right
    after his organisation ("رئيس نادي الفتح أحمد الراشد"), and the taggers often made one
    organisation of both, so the claim had no speaker but "an official". The cut is made at a
    common given name (``GIVEN_NAMES``) followed by one to three words that end the span, none
    of them a complement (ل…), a feminine adjective (…ة) or an organisation head; not after a
    title, a lineage word or الشهيد ("جامعة الملك سعود", "مدرسة القعقاع بن عمرو", "كتائب الشهيد
    احمد ابو الريش" are named after a person), nor after a bare indefinite head alone ("مجموعة
    محمد المعجل", "شركة محمود صالح": a company bearing its founder's name)."""
    out = list(labels)
    if "B-ORG" not in out:
        return out
    for span in bio_spans(labels):
        if span.entity_type != "ORG":
            continue
        k, end = span.start, span.end
        for g in range(k + 1, end - 1):
            if normalize_word(words[g]) not in GIVEN_NAMES or end - g - 1 > _HOLDER_REACH:
                continue
            before = normalize_word(words[g - 1])
            if is_title(words[g - 1]) or before in _NAMED_AFTER:
                break
            if g == k + 1 and not before.startswith("ال"):
                break
            if any(_not_name_word(w) for w in words[g + 1:end]):
                break
            out[g] = "B-PERSON"
            out[g + 1:end] = ["I-PERSON"] * (end - g - 1)
            break
    return out


def _not_name_word(word: str) -> bool:
    norm = normalize_word(word)
    return (
        norm[:1] == "ل" or word.endswith(("ة", "ات")) or is_org_head(word)
        or not any(ch.isalpha() for ch in word)
    )
