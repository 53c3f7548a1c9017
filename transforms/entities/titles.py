"""Title / role words and organisation-head words, for the NER features and speaker detection.

Why: in news a person's name follows a title or role ("الرئيس الروسي فلاديمير بوتين", "قال
المتحدث باسم ...") and an organisation's name starts with a head noun ("وزارة", "وكالة",
"مجلس"). Both are closed classes, so a word list beats learning them from a small corpus.
Words are stored normalized (``transforms.text.normalize_word``); the predicates accept the
word with its proclitics (و ف ب ل ك, "لل", "ال").
"""

from __future__ import annotations

from functools import lru_cache

from transforms.text import normalize_word

# Titles, ranks and roles that introduce a person (speaker) in news text. Both definite and
# indefinite forms are listed where both occur; "ال" and clitics are also stripped at lookup.
_TITLES = """
رئيس الرئيس رئيسة الرئيسة رؤساء الرؤساء
وزير الوزير وزيرة الوزيرة وزراء الوزراء
متحدث المتحدث متحدثة المتحدثة الناطق ناطق الناطقة ناطقة
زعيم الزعيم زعيمة الزعيمة
ملك الملك ملكة الملكة أمير الأمير أميرة الأميرة ولي السلطان الشيخ الشيخة
العاهل خادم
سفير السفير سفيرة السفيرة قنصل القنصل
مستشار المستشار مستشارة المستشارة
مبعوث المبعوث مبعوثة المبعوثة المندوب مندوب المندوبة مندوبة
الأمين أمين العام الأمينة
مدير المدير مديرة المديرة
نائب النائب نائبة النائبة
قائد القائد قائدة القائدة قادة القادة
الجنرال جنرال اللواء لواء العميد عميد العقيد عقيد المشير الأدميرال الملازم النقيب
منسق المنسق منسقة المنسقة
مسؤول المسؤول مسؤولة المسؤولة مسؤولون المسؤولون مسؤولين المسؤولين
مسئول المسئول مسئولة المسئولة مسئولون المسئولون مسئولين المسئولين
الدكتور الدكتورة د البروفيسور المهندس المهندسة الأستاذ الأستاذة
السيناتور عضو العضو
المحافظ محافظ الحاكم حاكم عمدة العمدة الوالي
القاضي قاضي المدعي المحامي محامي المحامية
المفوض مفوض المفوضة
وكيل الوكيل وكيلة
مساعد المساعد
سكرتير السكرتير
الممثل ممثل الممثلة
المرشد المرشح مرشح المرشحة
الإمام إمام المفتي مفتي الداعية البابا الكاردينال الحاخام القس المطران البطريرك
المراسل مراسل المراسلة الصحفي الصحافي الإعلامي الإعلامية الكاتب الكاتبة
الخبير خبير الخبيرة المحلل محلل الباحث باحث الباحثة
المدرب مدرب اللاعب الكابتن
الفنان الفنانة الشاعر
"""

# Nouns that begin organisation names ("وزارة الخارجية", "وكالة الأنباء", "مجلس الأمن").
_ORG_HEADS = """
وزارة الوزارة وكالة الوكالة مجلس المجلس منظمة المنظمة
حزب الحزب جامعة الجامعة شركة الشركة
صحيفة الصحيفة جريدة الجريدة مجلة المجلة قناة القناة شبكة الشبكة إذاعة الإذاعة
هيئة الهيئة مؤسسة المؤسسة بنك البنك مصرف المصرف صندوق الصندوق بورصة البورصة
مركز المركز معهد المعهد جمعية الجمعية لجنة اللجنة أكاديمية الأكاديمية كلية الكلية
حركة الحركة جبهة الجبهة تنظيم التنظيم جماعة الجماعة تحالف التحالف ائتلاف الائتلاف
قوات القوات الجيش جيش كتائب الكتائب سرايا السرايا فيلق الفيلق ميليشيا ميليشيات مليشيا مليشيات
وحدات الحرس حرس الشرطة شرطة المخابرات مخابرات الاستخبارات استخبارات جهاز الجهاز
البنتاغون البنتاجون الكرملين الكونغرس الكونجرس الكنيست البرلمان برلمان
اتحاد الاتحاد رابطة الرابطة نادي النادي منتدى المنتدى مجموعة المجموعة
مكتب المكتب إدارة الإدارة دائرة الدائرة مديرية المديرية مصلحة المصلحة
محكمة المحكمة المفوضية مفوضية الأمانة أمانة سلطة السلطة
حكومة الحكومة رئاسة الرئاسة سفارة السفارة قنصلية القنصلية الديوان ديوان
نقابة النقابة غرفة الغرفة مستشفى المستشفى
"""


def _normalized_set(words: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in words.split())


TITLE_WORDS: frozenset[str] = _normalized_set(_TITLES)
ORG_HEAD_WORDS: frozenset[str] = _normalized_set(_ORG_HEADS)


def _readings(norm: str) -> list[str]:
    """The normalized word and its readings without proclitics: و/ف, then ب/ل/ك ("لل" read
    as "ال"), then "ال". A layer is stripped only when two or more letters remain."""
    forms = [norm]
    if len(norm) > 2 and norm[0] in "وف":
        forms.append(norm[1:])
    for base in list(forms):
        if len(base) > 3 and base.startswith("لل"):
            forms.append("ال" + base[2:])
        elif len(base) > 2 and base[0] in "بلك":
            forms.append(base[1:])
    forms += [f[2:] for f in list(forms) if len(f) > 3 and f.startswith("ال")]
    return forms


@lru_cache(maxsize=100_000)
def _member(word: str, titles: bool) -> bool:
    lexicon = TITLE_WORDS if titles else ORG_HEAD_WORDS
    norm = normalize_word(word)
    if norm in lexicon:
        return True
    return any(form in lexicon for form in _readings(norm)[1:] if len(form) >= 2)


def word_flags(word: str) -> tuple[bool, bool]:
    """``(is_title(word), is_org_head(word))`` in one pass, uncached (the NER features cache
    their own results per word form)."""
    norm = normalize_word(word)
    forms = [f for f in _readings(norm)[1:] if len(f) >= 2]
    forms.append(norm)
    return (
        any(f in TITLE_WORDS for f in forms),
        any(f in ORG_HEAD_WORDS for f in forms),
    )


def is_title(word: str) -> bool:
    """Is ``word`` (one token, clitics allowed) a title or role word? ``والرئيس`` → True."""
    return _member(word, True)


def is_org_head(word: str) -> bool:
    """Does ``word`` (one token, clitics allowed) begin organisation names? ``بوزارة`` → True."""
    return _member(word, False)
