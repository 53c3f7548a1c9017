"""Claims — who said what — from cues, patterns and speaker coreference.

A claim is a speaker + a reporting cue + content, with offsets into the article text. The
patterns are the ones Arabic news actually uses:

- cue first:      "وقال المتحدث باسم ... جون كيربي إن ..." / "...: “...”"
- dropped subject: "وأضاف أن ..." / "وأوضح أن ..." — the previous speaker continues
- participle:     "...، قائلا: “...”" / "مضيفا أن ..." — the subject of the clause speaks
- relayed:        "ونقل عن X قوله: ..." / "ونقلت عنه وسائل إعلام قوله" (عنه → previous speaker)
- attribution:    "وفق ما ذكرت شبكة X" / "بحسب X" / "وفقا لـ X" — the rest of the sentence is X's
- headline:       "X: “...”"
- continued quote: a paragraph that opens with a quotation and has no cue continues the previous
  paragraph's speaker

Speakers are resolved through the article's mentions: a named person or organization gets its
entity id; "مسؤولون أمريكيون", "متحدث باسم السفارة" are unnamed officials (no entity id, the
descriptor kept as ``speaker_text``), and so is a title without a name ("وزير الخارجية الروسي")
unless the article introduced a person with that title ("وزير الصحة خالد الفالح" … "وقال
الوزير": Al-Falih). An addressee ("لبوتين", "لـ محمد بن سلمان", "لـ«الحياة»") is never the
speaker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from camel_tools.utils.dediac import dediac_ar

from transforms.entities.gazetteer import load_gazetteer
from transforms.entities.given_names import COMMON_NAMES, FOREIGN_MALE_GIVEN_NAMES, MALE_GIVEN_NAMES
from transforms.entities.mentions import Entity, Mention
from transforms.entities.org_adjectives import is_adjective
from transforms.entities.titles import is_org_head, is_title
from transforms.sentences import QUOTE_OPENERS, quoted_ranges
from transforms.tokens import Token, tokenize
from transforms.text import TATWEEL, has_arabic, normalize_word

_QUOTE_CHARS = set("“”«»\"")


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    complement: str  # say | prep:X | object | participle


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, Cue]:
    lexicon: dict[str, Cue] = {}
    for line in files("transforms").joinpath("cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "lemma\t")):
            continue
        lemma, complement, forms = line.split("\t")
        for form in forms.split():
            lexicon.setdefault(normalize_word(form), Cue(lemma, complement))
    return lexicon


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in words.split())


COMPLEMENTIZERS = _n(
    "إن أن بأن إنه إنها إنهم إنهما إنهن أنه أنها أنهم أنهما أنهن بأنه بأنها بأنهم بأنهما إننا أننا بأننا وإن وأن"
    " إنني أنني بأنني إني أني بأني إنك أنك بأنك إنكم أنكم بأنكم"  # "قال إنني", "تؤكد أنك أمام شخص نبيل"
)
_BARE_COMPLEMENTIZERS = _n("إن أن بأن وإن وأن")
_TIME_WORDS = _n(
    "يوم اليوم أمس الليلة صباح مساء الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
    "خلال للصحفيين للصحافيين للصحفيين، لوسائل لصحيفة لوكالة لقناة لشبكة عبر أيضا أيضاً كذلك بدوره بدورها "
    "بحسب وفق وفقا حسب سابقا لاحقا مؤخرا باستمرار مرارا دائما دوما آنذاك حينها حينذاك وقتها"
)
_IN_CONTEXT_WORDS = _n("وقت مقابلة بيان تصريح تصريحات حديث مؤتمر المقال مقال كلمة خطاب رسالة تغريدة")
# "في" before these, and these prepositions after a person's name, begin where or about whom,
# not who: left out of the speaker's description ("الحركة في بيانها", "جورباتشوف عن الأمير").
_ADJUNCT_NOUNS = _IN_CONTEXT_WORDS | _n(
    "تقرير التقرير بيانه بيانها تصريحه تصريحها تصريحاته حديثه حديثها كلمته كلمتها لقاء ندوة محاضرة "
    "اجتماع حوار اتصال مداخلة كتابه مقاله مذكراته كتاب برنامج برنامجه برنامجها حلقة الحلقة"
)
# When: "وقال كيري غداة لقائه لافروف", "بعد استقباله الرئيس": the man he met is no speaker.
_ADJUNCT_PREPOSITIONS = _n("في عن أمام خلال أثناء عقب ضمن غداة إثر بعد قبل لدى فور إبان عند")
# "وأكد عبر حسابه في تويتر أن", "كتب في صفحته على فيسبوك أنه": where it was said, not who said it.
_MEDIUM_PREPOSITIONS = _n("عبر في على")
_MEDIUM_WORDS = _n(
    "حسابه حسابها حسابهم حسابي حساب صفحته صفحتها صفحتهم صفحة تغريدة تغريدات تغريدته تغريدتها"
    " تدوينة تدوينته تدوينتها الموقع موقع موقعه موقعها الرابط رابط البريد الهاتف"
)
_OFFICIAL_WORDS = _n(
    "مسؤول مسؤولا مسؤولة المسؤول المسؤولة مسؤولون مسؤولين المسؤولون المسؤولين متحدث متحدثة المتحدث المتحدثة ناطق الناطق ناطقة "
    "مصدر مصادر المصدر المصادر دبلوماسي دبلوماسيون دبلوماسيين مسؤولو مستشار مساعد "
    "ممثل ممثلو ممثلي ممثلون أحد إحدى "  # "ويقول أحد السماسرة إن": one of them
    "شاهد شاهدة"  # "وذكر شاهد عيان أن": one unnamed witness (شهود، a group, below)
    " مصدرا متحدثا ناطقا دبلوماسيا مستشارا"  # accusative, after لكن / إلا أن: "غير أن مصدرا مطلعا أكد"
    " قيادي القيادي قياديا"  # "قال قيادي بارز في المقاومة إن": a leader of a movement, unnamed
)
# A quantity of people ("بعض الخبراء", "عدد من المسؤولين") speaks as the people it counts.
# (Not مجموعة, which heads companies: "مجموعة كرايسلر".) The people counted may be in the
# genitive, which elsewhere is an object ("حذرت المقاومة المواطنين"): those forms count here only.
_QUANTIFIERS = _n("بعض الكثير كثير عدد العديد غالبية معظم أغلب جميع ثلة نخبة قلة")
_FROM = _n("من")
_SOME_PEOPLE = _n("آخرون البعض بعضهم كثيرون الكثيرون")  # "ويرى آخرون أن", "وقال البعض"
_GROUP_WORDS = _SOME_PEOPLE | _n(
    "المشاركون "
    "خبراء خبير محللون محللين محلل مراقبون مراقبين ناشطون ناشطين شهود سكان معارضون معارضين "
    "منتقدون منتقدين باحثون باحثين الخبراء المحللون المحللين المراقبون الباحثون الباحثين منظمات "
    "علماء العلماء أهالي الأهالي السكان مختصون المختصون مختصين متخصصون المتخصصون اقتصاديون "
    "الاقتصاديون متعاملون المتعاملون مواطنون المواطنون مستثمرون المستثمرون تجار التجار أطباء "
    "الأطباء نشطاء النشطاء الناشطون سياسيون محامون المحامون المتحدثون المتحدثين"
)
# People of someone, in the construct state before that someone's name: they speak, not he.
_FOLLOWERS = _n(
    "مؤيدو مؤيدي أنصار مناصرو مناصري منتقدو منتقدي معارضو معارضي محامو أقارب أسرة عائلة "
    "ذوو ذوي مساعدو مساعدي مستشارو مستشاري مقربون مقربين المقربون المقربين"
)
_MEDIA_WORDS = _n("وسائل إعلام الإعلام وكالة صحيفة موقع شبكة قناة التلفزيون الإذاعة وكالات صحف الصحف")
_DOCUMENT_WORDS = _n(
    "بيان تقرير وثيقة مقال رسالة دراسة استطلاع البيان التقرير الوثيقة الدراسة الاستطلاع اتفاق اتفاقا "
    "الاتفاق اتفاقية الاتفاقية معاهدة المعاهدة معلومات المعلومات تقارير التقارير دراسات الدراسات "
    "استطلاعات وثائق الوثائق تحقيقات التحقيقات إحصاءات الإحصاءات إحصائيات الإحصائيات أرقام الأرقام "
    "بيانات البيانات نشرة النشرة مرسوم المرسوم"  # "وأشارت النشرة إلى أن", "وأشار المرسوم إلى أنه"
)
_ATTRIBUTION_WORDS = _n("وفق وفقا بحسب حسب وحسب وبحسب ووفق ووفقا")
_RELAY_WORDS = _n("نقل نقلت نقلوا ونقل ونقلت تنقل ينقل وتنقل وينقل")
_LEARNED = _n("علمت وعلمت")  # "علمت «الوطن» من مصادر مطلعة أن": a paper's sourced report
_REPORT_WORDS = _ATTRIBUTION_WORDS | _RELAY_WORDS | _LEARNED  # words that start a report without being a cue
_OFFICE_WORDS = _n("مكتب ديوان")
# "وبحسب وسائل الإعلام فإن ...": فإن (or أن) ends the source and opens what it says.
_SOURCE_ENDS = _n("فإن فإنه فإنها فإنهم فقد فمن فهناك فسوف") | COMPLEMENTIZERS  # "ووفقا للتقرير فقد ارتفعت", "فمن المنتظر أن"
_BARE_SOURCE_ENDS = _n("فإن") | _BARE_COMPLEMENTIZERS  # the others carry the subject's pronoun
_QAWL_WORDS = _n("قوله قولها قولهم قولهما تأكيده تأكيدها تأكيدهم")
_ON = normalize_word("على")
# "يُذكر أن" / "ويُذكر أن" ("it is noted that", passive): the writer's own background note, which
# news closes with. Without a subject it is nobody's claim, not the last speaker's words.
_BETWEEN = "بين"  # the bare form of بيّن ("explained") is also the preposition "between"
_IMPERSONAL_CUES = _n("يذكر ويذكر يتوقع ويتوقع")  # "ويتوقع أن يصل العدد": it is expected
_SPEAKER_MAX_TOKENS = 18


@dataclass(frozen=True, slots=True)
class Claim:
    sentence_index: int
    speaker_entity_id: str | None
    speaker_text: str | None
    speaker_kind: str
    cue: str | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    content_start: int
    content_end: int
    quote_type: str
    attribution: str

    def claim_id(self, article_id: str) -> str:
        anchor = self.cue_start if self.cue_start is not None else self.content_start
        return hashlib.sha256(f"{article_id}:{anchor}:{self.content_start}".encode()).hexdigest()[:20]


@dataclass(slots=True)
class _Speaker:
    entity_id: str | None
    text: str | None
    kind: str
    start: int | None = None
    end: int | None = None


def _strip_wa(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


# The noun رأي ("opinion", "رأي ابن خلدون") folds into the cue رأى ("held") under
# normalize_word (ى → ي); news writes the verb with ى, so a written ي is the noun.
_OPINION = frozenset({"رأي", "ورأي", "فرأي"})


def _cue_at(sentence: _Sentence, k: int) -> Cue | None:
    """The cue the ``k``-th token of ``sentence`` is, if any (by its normalized form)."""
    lexicon = cue_lexicon()
    word = sentence.norm[k]
    cue = lexicon.get(word) or lexicon.get(_strip_wa(word))
    if cue is not None and cue.lemma == "رأى" and dediac_ar(sentence.tokens[k].text).replace(TATWEEL, "") in _OPINION:
        return None
    return cue


def _abbreviation_dot(sentence: _Sentence, m: int) -> bool:
    """A dot right after a one-letter word ("د." Dr., "م." Eng., "أ."), not a sentence's end."""
    tokens = sentence.tokens
    return (
        tokens[m].text == "." and m > 0 and len(tokens[m - 1].text) == 1
        and tokens[m - 1].text.isalpha() and tokens[m - 1].end == tokens[m].start
    )


@lru_cache(maxsize=1)
def _cue_genders() -> dict[str, str]:
    """Normalized cue form → "m" / "f" where the lexicon shows the form's gender by its pair:
    قالت is قال + ت, تقول is يقول with ت, قائلة (normalized قائله) is feminine, قائلا masculine.
    Forms without a pair (تابع، plurals, duals) have none."""
    lexicon = cue_lexicon()
    genders: dict[str, str] = {}
    for form in lexicon:
        if form + "ت" in lexicon or ("ي" + form[1:] in lexicon and form[:1] == "ت"):
            genders[form] = "m" if form + "ت" in lexicon else "f"
        elif form.endswith("ت") and form[:-1] in lexicon:
            genders[form] = "f"
        elif form[:1] == "ي" and "ت" + form[1:] in lexicon:
            genders[form] = "m"
        elif form.startswith(_BY_SAYING):  # "بقوله" his saying, "بقولها" hers; "بقولهم" none
            if form.endswith(("هم", "هما")):
                continue
            genders[form] = "f" if form.endswith("ها") else "m"
        elif lexicon[form].complement == "participle" and not form.endswith(("ين", "ون")):
            genders[form] = "f" if form.endswith("ه") else "m"
    return genders


def _cue_gender(token: Token) -> str | None:
    word = normalize_word(token.text)
    genders = _cue_genders()
    return genders.get(word) or genders.get(_strip_wa(word))


# Heads of a speaker's description that agree with a masculine verb (a feminine one ends in ة).
_MASCULINE_HEADS = _n(
    "التقرير تقرير البيان بيان المصدر مصدر مسؤول المسؤول الجيش جيش المكتب مكتب الحزب حزب "
    "المجلس مجلس الاتحاد اتحاد المركز مركز البنك بنك الصندوق صندوق الموقع موقع "
    "الاتفاق اتفاق القرار قرار"
)


def _speaker_gender(speaker: _Speaker) -> str | None:
    """The grammatical gender of a speaker, where its description shows it: a head ending in ة
    (الوزارة، الدراسة، رئيسة) is feminine; a masculine title (الوزير، المتحدث) or head of
    ``_MASCULINE_HEADS`` masculine; so is a name that begins with a common man's given name
    (``MALE_GIVEN_NAMES``: خالد، محمد; ``FOREIGN_MALE_GIVEN_NAMES``: جون، كريستيانو). Another
    name, a place or a plural shows none."""
    if not speaker.text:
        return None
    head = _strip_wa(normalize_word(speaker.text.split()[0]))
    if speaker.kind == "person" and not is_title(head):
        # a name shows no gender, but for the common men's given names: "وقالت" after "خالد
        # الفالح" is not his
        return "m" if head in MALE_GIVEN_NAMES or head in FOREIGN_MALE_GIVEN_NAMES else None
    if head.endswith(("ون", "ين", "ات")):
        return None  # a plural ("المسؤولون"): no gender to go by
    if head.endswith("ه") and len(head) > 3:  # ة, normalized
        return "f"
    return "m" if is_title(head) or head in _MASCULINE_HEADS else None


def _dual(word: str) -> bool:
    """A dual cue ("قالا", "قالتا", "يقولان"): the lexicon's singular plus the dual ending."""
    lexicon = cue_lexicon()
    if word.endswith("ان") and word[:1] in "يت":
        return word[:-2] in lexicon
    return (
        word.endswith("ا") and not word.endswith("ها")  # "وصفها": described her, not a dual
        and word[:-1] in lexicon and lexicon[word[:-1]].complement != "participle"
    )


def _genders_differ(cue: str | None, spoken: str | None) -> bool:
    """Do a cue and a speaker both show a gender (``_cue_gender``, ``_speaker_gender``), and
    different ones?"""
    return cue is not None and spoken is not None and cue != spoken


def _plural_form(word: str) -> bool:
    """A plural cue: a lexicon form with a plural ending whose singular is a form too ("قالوا",
    "يقولون", "مشيرين" — "مشيرا", "يرون" — "يرى", "قائلتين"). Not بيّن ("وبين أن", "يبين"),
    whose bare form ends in ين."""
    if word.endswith("تين"):
        return True
    if not word.endswith(("وا", "ون", "ين")):
        return False
    lexicon, stem = cue_lexicon(), word[:-2]
    return stem in lexicon or stem + "ا" in lexicon or stem + "ي" in lexicon


def _agrees(token: Token, speaker: _Speaker) -> bool:
    """Can the cue ``token`` have ``speaker`` as its unspoken subject (carried over from an
    earlier sentence, or the subject of the sentence's first verb for a participle)? Not when
    both genders are known and differ ("وقال" after "الوزارة"), nor when a plural verb follows
    one person or one document ("يقولون" after "الدراسة")."""
    word = _strip_wa(normalize_word(token.text))
    plural = _plural_form(word) or _dual(word) or (word.startswith(_BY_SAYING) and word.endswith(("هم", "هما")))
    if plural and speaker.kind in ("person", "document"):
        return False  # "يقولون" / "فقالا" after one person or one document
    cue, spoken = _cue_gender(token), _speaker_gender(speaker)
    if plural and spoken is not None:
        return False  # "يرون" after "رؤية وزارة التربية": a singular head ("الحوثيون" has no gender)
    if cue is not None and speaker.kind == "group":
        return False  # "وذكرت" after "شهود عيان": a dropped plural subject takes a plural verb
    return not _genders_differ(cue, spoken)


# "بعد أن" / "قبل أن" / "منذ أن": the أن of a time clause, no complementizer of reported words
# ("وأضاف أوغستين الهدف الثاني … قبل أن يختتم", "أظهر المولد جاهزيته … بعد أن أنهى": 12 false
# claims on 3,000 articles). Its normalized form is set apart, so no rule reads it as one.
_TIME_CONJUNCTIONS = _n("بعد قبل منذ وبعد وقبل ومنذ")
_TEMPORAL_AN = "أن:زمن"


def _without_temporal_an(norm: list[str]) -> list[str]:
    for k in range(1, len(norm)):
        if norm[k] in _BARE_COMPLEMENTIZERS and norm[k - 1] in _TIME_CONJUNCTIONS:
            norm[k] = _TEMPORAL_AN
    return norm


# "أول من أمس" / "أمس الأول" ("the day before yesterday"): every word of it reads as أمس, a time
# word, so it ends a speaker ("قال علماء أول من أمس، إن" was the speaker "علماء أول") and is
# skipped before the content. أول / الأول alone ("النائب الأول") are no time words.
_YESTERDAY = normalize_word("أمس")
_FIRST = normalize_word("أول")
_THE_FIRST = normalize_word("الأول")


# "وإن كان" ("even though"): a concession, not the complementizer وإن ("أظهرت بيانات تراجع
# المخزون وإن كان ارتفاع الدولار حد من مكاسب الخام" reported nothing). Set apart like أن:زمن.
_CONCESSIVE_IN = "وإن:رغم"
_AND_IN = normalize_word("وإن")


def _without_concessive_in(norm: list[str]) -> list[str]:
    for k in range(len(norm) - 1):
        if norm[k] == _AND_IN and norm[k + 1] in _KANA:
            norm[k] = _CONCESSIVE_IN
    return norm


# إمام ("imam") and أمام ("in front of") fold to one form (امام); with its hamza below, the word
# is the imam: "قال إمام مسجد قوات الطوارئ …، إن" had no speaker (the zone read "said before
# the mosque …"), and a whole article of his words went with it. Set apart from the preposition.
_IMAM = "إمام"


_IMAM_FORMS = (_IMAM, "و" + _IMAM, "ف" + _IMAM)
_IMAM_FOLDED = frozenset(normalize_word(w) for w in _IMAM_FORMS)


def _with_imam(tokens: list[Token], norm: list[str]) -> list[str]:
    for k, folded in enumerate(norm):
        if folded in _IMAM_FOLDED:  # only these are read again, with their hamza
            word = dediac_ar(tokens[k].text).replace(TATWEEL, "")
            if word in _IMAM_FORMS:
                norm[k] = word
    return norm


def _with_day_before_yesterday(norm: list[str]) -> list[str]:
    for k in range(len(norm) - 1):
        if norm[k] == _FIRST and norm[k + 1 : k + 3] == ["من", _YESTERDAY]:
            norm[k] = norm[k + 1] = _YESTERDAY
        elif norm[k] == _YESTERDAY and norm[k + 1] == _THE_FIRST:
            norm[k + 1] = _YESTERDAY
    return norm


def _sentence_norm(tokens: list[Token]) -> list[str]:
    """The normalized words of a sentence, with the forms the rules must tell apart set apart:
    the time clause's أن, "the day before yesterday", the concessive وإن, the imam."""
    norm = [normalize_word(t.text) for t in tokens]
    for mark in (_without_temporal_an, _with_day_before_yesterday, _without_concessive_in):
        norm = mark(norm)
    return _with_imam(tokens, norm)


class _Sentence:
    """Tokens of one sentence with the article's mentions mapped onto them."""

    def __init__(self, text: str, index: int, start: int, end: int, mentions: list[Mention],
                 tokens: list[Token] | None = None, own_mentions: list[Mention] | None = None):
        self.text, self.index, self.start, self.end = text, index, start, end
        self.tokens = tokenize(text, start, end) if tokens is None else tokens
        self.norm = _sentence_norm(self.tokens)
        self.mentions = own_mentions if own_mentions is not None else [m for m in mentions if m.sentence_index == index]
        self.article_mentions = mentions
        self.quoted = quoted_ranges(text, start, end)

    def in_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quoted)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def token_at(self, pos: int) -> int | None:
        """Index of the token that holds the character at ``pos``."""
        return next((k for k, t in enumerate(self.tokens) if t.start <= pos < t.end), None)

    def token_after(self, pos: int, default: int | None = None) -> int | None:
        """Index of the first token that starts at or after ``pos`` (``default`` past the end)."""
        return next((k for k, t in enumerate(self.tokens) if t.start >= pos), default)


def extract_claims(
    text: str,
    sentences: list[tuple[int, int, int, bool]],
    mentions: list[Mention],
    entities: dict[str, Entity],
    sentence_tokens: list[list[Token]] | None = None,
) -> list[Claim]:
    """Claims of one article. ``sentences``: (char_start, char_end, paragraph_index, is_heading);
    ``sentence_tokens``: the tokens of each sentence when the caller already has them."""
    claims: list[Claim] = []
    by_sentence_index: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence_index.setdefault(mention.sentence_index, []).append(mention)
    previous: _Speaker | None = None
    actor: _Speaker | None = None
    last_claim_sentence = -2
    previous_paragraph = -1
    for index, (start, end, paragraph, is_heading) in enumerate(sentences):
        by_sentence = by_sentence_index.get(index, [])
        tokens = sentence_tokens[index] if sentence_tokens is not None else None
        sentence = _Sentence(text, index, start, end, mentions, tokens, by_sentence)
        before = None
        if index > 0 and last_claim_sentence != index - 1 and not sentences[index - 1][3]:
            before = (index - 1, sentences[index - 1][0], sentences[index - 1][1])  # "… . صرح بذلك X"
        found = [] if is_heading else _sentence_claims(sentence, entities, previous or actor, before)
        # no one has spoken yet: the actor of a sentence that opens with a verb ("استقبل سمو
        # الأمير فيصل بن مشعل …") is who a dropped subject in the next sentence goes on with
        # ("وأكد أن"), and only there
        actor = (_opening_actor(sentence, entities)
                 if not found and previous is None and not is_heading and sentence.tokens else None)
        if (
            not found
            and claims
            and not is_heading
            and last_claim_sentence == index - 1
            and paragraph == previous_paragraph + 1
        ):
            quote_end = _opening_quotation_end(sentence)
            if quote_end is not None:  # the quotation goes on in a new paragraph: same claim
                last = claims[-1]
                claims[-1] = replace(last, content_end=quote_end, quote_type=_quote_type(text, last.content_start, quote_end))
                last_claim_sentence = index
        if found:
            # a content without an Arabic word is a link cut at its dots ("نشرته على موقعها:
            # www."), not a claim; its speaker still goes on in the next sentence
            kept = [c for c in found if has_arabic(text[c.content_start:c.content_end])]
            claims.extend(kept)
            last = found[-1]
            previous = _Speaker(last.speaker_entity_id, last.speaker_text, last.speaker_kind, last.speaker_start, last.speaker_end)
            if last.attribution == "source" and last.speaker_kind != "person":
                # "…، وفق وكالة «مسار برس». وقامت النصرة بتسليم القرية. كما تعهدت بإخلاء": a
                # source of the report is not who speaks next; a dropped subject after it has
                # none the rules can trust (nine of twelve read went to the source)
                previous = None
            if kept:
                last_claim_sentence = index
        previous_paragraph = paragraph
    return claims


_THAT_ONE = _n("ذلك بذلك")


def _backward_claim(sentence: _Sentence, entities: dict[str, Entity], before: tuple[int, int, int]):
    """"… . صرح بذلك مدير عام الزراعة المهندس سلمان الصوينع": a cue and "ذلك" (that) open the
    sentence, the speaker follows, and what was said is the sentence before (which made no
    claim of its own). Saudi papers close a news item this way; without it the item had no
    speaker and a later "وأشار إلى أن" went on with someone else. "ذكر ذلك في كلمة له" (no
    speaker named) is left alone."""
    cue = _cue_at(sentence, 0)
    if cue is None or cue.complement == "participle":
        return None
    tokens, text = sentence.tokens, sentence.text
    a = b = 2
    while (b < len(tokens) and b - a < _SPEAKER_MAX_TOKENS and not _is_speaker_stop(sentence, b, cue)
           and (b == a or _cue_at(sentence, b) is None)):
        b += 1
    if b < len(tokens) and (sentence.norm[b] in COMPLEMENTIZERS or tokens[b].text in ":“«\""):
        return None  # "أوضح ذلك رئيس البلدية أن الإزالة تمت": the content follows after all
    if b == a or _adjunct_at(sentence, a) or sentence.norm[a] == "في":
        return None
    speaker = _speaker_from_zone(sentence, (a, b), entities)
    if speaker is None:
        return None
    index, start, end = before
    content_end = _trim_end(text, start, end)
    if content_end <= start:
        return None
    claim = Claim(
        index, speaker.entity_id, speaker.text, speaker.kind, cue.lemma, tokens[0].text, tokens[0].start,
        tokens[0].end, speaker.start, speaker.end, start, content_end, _quote_type(text, start, content_end),
        "explicit",
    )
    return claim, b


def _opening_quotation_end(sentence: _Sentence) -> int | None:
    """End of the quotation a paragraph opens with, if it opens with one and names no speaker."""
    tokens = sentence.tokens
    if not tokens or tokens[0].text not in "“«\"" or not sentence.quoted:
        return None
    q_start, q_end = sentence.quoted[0]
    return q_end if q_start == tokens[0].start else None


def _sentence_claims(
    sentence: _Sentence, entities: dict[str, Entity], previous: _Speaker | None,
    before: tuple[int, int, int] | None = None,
) -> list[Claim]:
    """The claims of one sentence; ``before``: (index, start, end) of the sentence before it when
    that one made no claim, for an attribution that follows its content ("… . صرح بذلك X")."""
    claims: list[Claim] = []
    consumed_until = -1  # token index before which cues belong to an earlier claim's speaker zone
    subject: _Speaker | None = None  # of a cue verb opening the sentence that made no claim
    tokens = sentence.tokens
    lexicon = cue_lexicon()
    for i, token in enumerate(tokens):
        norm = sentence.norm[i]
        if i > 1 and norm not in lexicon and _strip_wa(norm) not in lexicon and norm not in _REPORT_WORDS:
            continue  # most words: no cue, no source word, not a headline's start
        if i < consumed_until or sentence.in_quote(token.start):
            continue
        if claims and claims[-1].content_start <= token.start < claims[-1].content_end and not _starts_clause(sentence, i):
            continue  # a report nested inside the previous claim's content
        current = _Speaker(claims[-1].speaker_entity_id, claims[-1].speaker_text, claims[-1].speaker_kind,
                           claims[-1].speaker_start, claims[-1].speaker_end) if claims else (subject or previous)
        if norm in _ATTRIBUTION_WORDS:
            if claims and i > 1:
                continue  # "قال كيم إن …، وفقا لوكالة الأنباء": the source of Kim's words, not a claim
            found = _attribution(sentence, i, entities)
        elif norm in _RELAY_WORDS:
            found = _relayed(sentence, i, entities, current)
        elif norm in _LEARNED:
            found = _learned(sentence, i, entities) if i == 0 or tokens[i - 1].text in '،,.:؛"”»' else None
        elif i == 0 or (i == 1 and tokens[0].text in "“«\""):
            backward = i == 0 and before is not None and len(tokens) > 2 and sentence.norm[1] in _THAT_ONE
            found = (
                (_backward_claim(sentence, entities, before) if backward else None)
                or _headline(sentence, i, entities) or _cue_claim(sentence, i, entities, current)
            )
        else:
            found = _cue_claim(sentence, i, entities, current, continues=bool(claims) or subject is not None)
        if found is None:
            if not claims and subject is None:
                subject = _clause_verb_subject(sentence, i, entities)
            continue
        claim, next_i = found
        if claims and claims[-1].content_end > (claim.cue_start or claim.content_start):
            last = claims[-1]
            cut = _trim_end(sentence.text, last.content_start, claim.cue_start or claim.content_start)
            claims[-1] = _replace_content_end(last, cut, sentence.text)
        claims.append(claim)
        consumed_until = next_i
    return [_without_dangling_dash(c) for c in claims if c.content_end > c.content_start]


_CLAUSE_OPENERS = _n("حيث فيما بينما حين")  # حين: "في حين أشارت المخابرات إلى أن" (whereas)


def _starts_clause(sentence: _Sentence, i: int) -> bool:
    """A cue that opens a new clause: "، وأضاف", "، قائلا", "”، ونقلت", "، حيث يقول"."""
    if i == 0:
        return True
    prev = sentence.tokens[i - 1].text
    if sentence.norm[i - 1] in _CLAUSE_OPENERS:
        return True
    return prev in "،,؛:" or prev in "”»\"" and sentence.norm[i][:1] == "و"


def _replace_content_end(claim: Claim, end: int, text: str) -> Claim:
    return replace(claim, content_end=end, quote_type=_quote_type(text, claim.content_start, end))


def _cue_claim(
    sentence: _Sentence, i: int, entities: dict[str, Entity], current: _Speaker | None, continues: bool = False
):
    """The claim of the cue at token ``i``; ``continues``: an earlier claim of this sentence
    gave ``current``."""
    cue = _cue_at(sentence, i)
    if cue is None:
        return None
    tokens, norm = sentence.tokens, sentence.norm
    if i > 0 and norm[i - 1] in _NEGATIONS:
        return None  # "ولم تؤكد الوزارة عدد القتلى، لكنها قالت": not said
    if i > 1 and (norm[i - 2] in _MODAL_HEADS and norm[i - 1] in _BARE_COMPLEMENTIZERS
                  or norm[i - 2] in _BEFORE and norm[i - 1] == _TEMPORAL_AN):
        return None  # "ومن المقرر أن يعلن أزفيديو", "قبل أن يعلن بوش ترشحه": not said yet
    if i > 0 and norm[i - 1] in _PREPOSITIONS and not (norm[i - 1] == "علي" and tokens[i - 1].text.endswith("ي")):
        # "أجمع شهود عيان على وصفه بعبارات": a verbal noun; "من يقول إن": whoever says. (Not
        # the name علي, which على folds to: "والمخرج محمد علي قالت هيفاء")
        return None
    if cue.complement.startswith("prep:") and i + 1 < len(tokens) and norm[i + 1] in _MEDIUM_WORDS:
        return None  # "وأكد عبر حسابه": عبر is "via" here, not the cue "عبر عن"
    if cue.lemma == "عبر" and i + 1 < len(tokens) and _quoted_name(sentence, i + 1):
        return None  # 'وفي تغريدة عبر "تويتر" أمس، قال': via a medium named in quotes
    if (norm[i] == _BETWEEN and i > 0 and tokens[i - 1].text not in "،,:؛"
            and norm[i - 1] not in _CLAUSE_OPENERS | _RELATIVES | _ON_ONES_PART):
        return None  # "العلاقات بين إيران وقطر": between, not "explained" (which opens its clause: "وبين")
    if _strip_wa(norm[i]) == _BETWEEN and _pair_follows(sentence, i + 1):
        return None  # "وبين نيس وموناكو، تقع قرية": between two names, even at a clause's start
    if cue.lemma == "شكر" and i > 0 and _strip_wa(norm[i - 1]) in _MESSAGE_NOUNS:
        return None  # "رسالة شكر للحرفية": a letter of thanks, a noun
    if i > 0 and norm[i - 1] in _OR:
        return None  # "رفض إثبات أو نفي صحة", "ما قام به أو صرح به", "إن قلت ذلك أو حذرت": an alternative, no report
    if cue.complement == "participle":
        return _participle(sentence, i, cue, entities, current, continues)
    if i + 1 < len(tokens) and norm[i + 1] in _IN_IT and _statement_before(sentence, i) is not None:
        return _statement_claim(sentence, i, cue, entities, current)
    zone_start, j = speaker_tokens = _speaker_zone(sentence, i, cue)
    k = _skip_adjuncts(sentence, j, cue)
    marker = _content_marker(sentence, k, cue)
    if marker is None and cue.complement == "say" and j > zone_start and not _revealed_thing(sentence, k, cue):
        marker = _distant_marker(sentence, k, cue)
    if marker is None and cue.lemma in _STRESSED and cue.complement == "say":
        cut = _stressed_object(sentence, zone_start, j, cue)
        if cut is not None and cut > zone_start:  # "وأكد الوزير [التزام المملكة] بدعم اليمن"
            j, speaker_tokens, marker = cut, (zone_start, cut), cut
    elif marker is not None and cue.lemma in _STRESSED:
        cut = _stressed_object(sentence, zone_start, j, cue)
        if cut == zone_start:
            return None  # "شددت قوات الجيش الخناق على", "وأكد حرص الوزارة على": no one's words
        if cut is not None:  # "أكد سمو رئيس المدينة حرص المدينة على التعاون": the object begins
            j, speaker_tokens, marker = cut, (zone_start, cut), cut
        elif norm[marker - 1] == _ON and any(norm[t] in _RELATIVES for t in range(zone_start, marker - 1)):
            return None  # "وأكدت مصادر طبية حصيلة الهجومين اللذين تبناهما التنظيم الذي يسيطر على": the object's على
    elif marker is not None and cue.complement == "object" and marker > zone_start:
        cut = _object_after_name(sentence, zone_start, marker, any_noun=True)
        if cut is not None:  # "انتقد … الأمير طلال بن بدر [قرار نقل مباراة] “السوبر”": the object
            j, speaker_tokens, marker = cut, (zone_start, cut), cut
    if marker is not None and cue.lemma == _EXPRESSED and _ABOUT not in norm[marker - 1 : marker + 1] and not (
            marker > 1 and tokens[marker - 1].text == ":" and norm[marker - 2].startswith(_BY_SAYING)):  # "وعبر جفري بقوله: «…»"
        return None  # "اتفاق التجارة الحرة عبر المحيط الهادئ، …، ويؤكد أنه": across, not "expressed"
    if marker is not None and cue.lemma == _REVEALED and not _complementizer_before(sentence, marker):
        return None  # "وكشف «المدلسين» أضحى مكسبا", "كشف «ولد الشيخ أحمد» النقاب عن": no أن, no report
    if marker is None:
        if cue.complement == "object" and j > i + 1 and k < len(tokens) and _medium_at(sentence, j):
            # "نفى نجم هوليوود ويل سميث على موقع «فيس بوك» شائعة طلاقه": the medium ends the subject
            speaker = _speaker_from_zone(sentence, speaker_tokens, entities)
            if speaker is not None:
                return _make(sentence, i, cue, speaker, k, "explicit"), k
        if cue.lemma == _ACCUSED and j > i + 1:
            accused = _accusation(sentence, i, cue, entities, current)
            if accused is not None:
                return accused or None
        if cue.complement == "object" and j > i + 1:
            speaker, speaker_end_tok = None, i + 1
            if _strip_wa(norm[i + 1]) in _PLURAL_PEOPLE:
                # "ويتهم معارضون نكورونزيزا بمخالفة الدستور": after unnamed people in the plural
                # the name is the accused ("وشكر مسؤول النادي عبدالرحمن رشوان" names the official)
                speaker, speaker_end_tok = _descriptor_subject(sentence, i + 1)
            if speaker is None:
                speaker, speaker_end_tok = _first_np_speaker(sentence, i + 1, entities)
            idiom = _idiom_object(sentence, i + 1, j, cue)
            if speaker is None and idiom is not None and idiom > i + 1:
                # "ونفى وزير الداخلية [صحة] الأنباء": whoever stands before the idiom's object
                speaker, speaker_end_tok = _speaker_from_zone(sentence, (i + 1, idiom), entities), idiom
            if speaker is None:
                speaker, speaker_end_tok = _descriptor_subject(sentence, i + 1, idiom)
            if speaker is None:
                return None
            content_start_tok = speaker_end_tok
            return _make(sentence, i, cue, speaker, content_start_tok, "explicit"), content_start_tok
        return None
    content_tok = marker
    idiom = _idiom_object(sentence, zone_start, j, cue)
    if idiom is not None:  # "ولفت التقرير [النظر] إلى أن": the report speaks, not "التقرير النظر"
        if idiom == zone_start and (cue.lemma == _SHED or (i > 0 and norm[i - 1] in _WHICH)):
            # "ما يسلط الضوء على": a fact sheds light; "وتناقش المسرحية … وتسلط الضوء على":
            # a play, a report or a study sheds it more often than the last speaker
            return None
        j, speaker_tokens = idiom, (zone_start, idiom)
    if j == zone_start:
        if i > 1 and norm[i - 1] in ("ما", "لما") and norm[i - 2] in _ATTRIBUTION_WORDS:
            # "بحسب ما ذكرت «ذي دايلي مايل» التي رأت": a source's verb whose source the zone
            # did not yield is nobody's; not the last speaker's ("بحسب ما يقول مدير المرصد"
            # does name its speaker)
            return None
        if cue.lemma in _POINTED and i > 0 and norm[i - 1] in _WHICH:
            return None  # "مما يشير إلى أن": a fact points to something, nobody says it
        kana = _kana_zone(sentence, i)
        if kana is not None:  # "وكانت الشركة قد أكدت أن": the subject stands before the cue
            subject = _speaker_from_zone(sentence, kana, entities) or _organisation_zone(sentence, kana)
            if subject is None:
                return None
            return _make(sentence, i, cue, subject, content_tok, "explicit"), content_tok
        if i > 0 and norm[i - 1] in _RELATIVES:
            # "بيان أحمد الخميس الذي أكد أن", "سوزان رايس، مستشارة الرئيس، التي قالت": the
            # antecedent speaks if it is a name; "شعره الذي يعبر عن التمرد" is no claim
            antecedent = _antecedent(sentence, i - 1)
            if antecedent is None:
                return None
            speaker = _speaker_for_mention(antecedent, entities, sentence.text)
            return _make(sentence, i, cue, speaker, content_tok, "explicit"), content_tok
        fronted = _fronted_zone(sentence, i)
        subject = _speaker_from_zone(sentence, fronted, entities) if fronted is not None else None
        if subject is not None:  # "لكن طهران أكدت أن", "إلا أن المدرب الفرنسي قال إن"
            return _make(sentence, i, cue, subject, content_tok, "explicit"), content_tok
        subject = _subject_before(sentence, i, entities)
        if subject is not None:  # "لكن خبراء يقولون إن"
            return _make(sentence, i, cue, subject, content_tok, "explicit"), content_tok
        if norm[i] in _IMPERSONAL_CUES or _relative_cue(sentence, i):
            return None
        if cue.lemma in _POINTED and _noun_points(sentence, i):
            return None  # "ولم يعد هناك أي بوادر تشير إلى": signs point, no speaker goes on
        subject = (_clause_subject(sentence, i, entities) or _organisation_subject(sentence, i, entities)) if (
            current is None or current.start is None or current.start < sentence.start) else None
        if subject is not None and _agrees(tokens[i], subject):  # "وقد استخدم كيم لغة مماثلة، حيث قال إن": Kim speaks
            return _make(sentence, i, cue, subject, content_tok, "carried_over"), content_tok
        if current is None or not _agrees(tokens[i], current):
            # "وأعرب سموه عن": with no speaker to go on with, "His Highness" is the person the
            # article last introduced with his honorific ("سمو الأمير فيصل بن مشعل أمير منطقة القصيم")
            referent = _honorific_referent(sentence, i, entities)
            if referent is None or not _agrees(tokens[i], referent):
                return None
            return _make(sentence, i, cue, referent, content_tok, "carried_over"), content_tok
        speaker = current
        attribution = "carried_over"
    else:
        speaker = _speaker_from_zone(sentence, speaker_tokens, entities, current=current)
        attribution = "explicit"
        if speaker is None:
            return None
    return _make(sentence, i, cue, speaker, content_tok, attribution), content_tok


# "أصدرت الشركة بيانا قالت فيه: …", "في تغريدة قال فيها إن": the cue of a relative clause on
# a statement, whose maker speaks (``_statement_claim``).
_IN_IT = _n("فيه فيها")
_STATEMENT_NOUNS = _n(
    "بيان بيانا تغريدة تغريدات رسالة رسالتها رسالته كلمة كلمته كلمتها خطاب خطابا مقال مقالا "
    "تصريح تصريحا تصريحات تدوينة منشور منشورا مقابلة حوار حوارا مؤتمر مؤتمرا تقرير تقريرا "
    "فيديو مقطع مقطعا شريط شريطا تسجيل تسجيلا"
)
_STATEMENT_REACH = 4  # tokens between the statement noun and the cue ("بيانا صحفيا مقتضبا")


def _statement_before(sentence: _Sentence, i: int) -> int | None:
    """The token of a statement noun ("بيانا", "تغريدة", "كلمة") within ``_STATEMENT_REACH``
    tokens before the cue at ``i``, with no punctuation between."""
    tokens, norm = sentence.tokens, sentence.norm
    for k in range(i - 1, max(-1, i - 1 - _STATEMENT_REACH), -1):
        if not any(ch.isalpha() for ch in tokens[k].text):
            return None
        if norm[k] in _STATEMENT_NOUNS or _strip_wa(norm[k]) in _STATEMENT_NOUNS:
            return k
    return None


_AUTHOR_REACH = 20  # tokens from the statement noun back to its author's name


def _statement_claim(sentence: _Sentence, i: int, cue: Cue, entities: dict[str, Entity], current: _Speaker | None):
    """The claim of "… بيانا قالت فيه: …": the words come after فيه, and the speaker is who made
    the statement — the person or organisation named last before the statement noun ("ألقى
    وزير الخارجية [عادل الجبير] كلمة أعرب فيها", "أصدرت [وزارة الشباب والرياضة العراقية]
    بيانا … أكدت فيه", "أصدر [مسعود بارزاني]، الذي …، بيانا عبر فيه"; a person's name right
    after a head noun names the organisation: "مجموعة محمد المعجل"), else the subject of the
    sentence's first verb ("وأصدرت الوزارة بيانا"), else the speaker going on. A statement "of"
    someone ("مقالا للكاتب نيك …") is that person's, or no one's we can name."""
    marker = _content_marker(sentence, _skip_adjuncts(sentence, i + 2, cue), cue)
    noun = _statement_before(sentence, i)
    if marker is None or noun is None:
        return None
    tokens = sentence.tokens
    if noun + 1 < i and sentence.norm[noun + 1].startswith("ل"):
        # "نشرت صحيفة نيويورك تايمز مقالا [للكاتب نيك …] أشار فيه": the article's writer, not the paper
        writer = next((m for m in sentence.mentions
                       if tokens[noun + 1].start <= m.start and m.end <= tokens[i].start and m.entity_type == "PERSON"), None)
        if writer is None:
            return None  # "تصريحات للمدرب قال فيها": someone unnamed here
        speaker = _speaker_for_mention(writer, entities, sentence.text)
        return _make(sentence, i, cue, speaker, marker, "explicit"), marker
    reach = tokens[max(0, noun - _AUTHOR_REACH)].start
    named = [m for m in sentence.mentions
             if reach <= m.start and m.end <= tokens[noun].start and m.entity_type in ("PERSON", "ORG")]
    speaker = None
    if named:
        last = named[-1]
        k = sentence.token_at(last.start)
        if last.entity_type == "PERSON" and k is not None and k > 0:
            speaker = _organisation_zone(sentence, (k - 1, sentence.token_after(last.end, len(tokens))))
        if speaker is None:
            speaker = _speaker_for_mention(last, entities, sentence.text)
    else:
        speaker = _verb_subject(sentence, noun, entities)
    attribution = "explicit"
    if speaker is None or not _agrees(tokens[i], speaker):
        if current is None or not _agrees(tokens[i], current):
            return None
        speaker, attribution = current, "carried_over"
    return _make(sentence, i, cue, speaker, marker, attribution), marker


_NEGATIONS = _n("لم ولم فلم لن ولن")
# Words after which "أن + cue" is a plan, a wish or a possibility, not a report: "ومن المقرر أن
# يعلن أزفيديو", "والمفترض أن تعلن الهيئة", "يمكن أن توقع الزوجة", "فأردت أن أقول", "ويكفي أن
# تقول النصر والهلال". The verb after them is subjunctive: nothing has been said yet. ("سبق أن
# قال", "بعد أن أكدت", "من الطبيعي أن تشير المصادر إلى أن" are reports and stay.) "قبل أن يعلن"
# ("before he announces") is the time clause's أن (_TEMPORAL_AN) after قبل.
_MODAL_HEADS = _n(
    "المقرر المفترض المنتظر المتوقع المرتقب المزمع المأمول المحتمل الممكن المستحيل الضروري"
    " يمكن ويمكن يمكنه يمكنها يمكننا يمكنك يجب ويجب ينبغي وينبغي لابد بد يتعين عسى"
    " أراد أرادت أردت أردنا يريد تريد نريد أريد يود تود نود أود يكفي ويكفي"
    " يكره تكره نكره أكره يستطيع تستطيع نستطيع أستطيع يحق يحاول تحاول"
)
_BEFORE = _n("قبل وقبل")
_HE_IS = _n("وهو وهي")
_ON_ONES_PART = _n("جانبه جانبها جانبهم جهته جهتها جهتهم ناحيته ناحيتها")  # "من جانبه بين …": he explained
_OR = _n("أو او")  # a cue right after "or" is an alternative, no report
_MESSAGE_NOUNS = _n("رسالة برقية كلمة خطاب شهادة شهادات رسائل برقيات عبارات كلمات")


def _pair_follows(sentence: _Sentence, k: int) -> bool:
    """Do two names joined by و start at token ``k`` ("نيس وموناكو", "[الرياض] و[جدة]") — the
    objects of the preposition بين, not the subject of the verb بيّن?"""
    if k >= len(sentence.tokens):
        return False
    first = next((m for m in sentence.mentions if m.start == sentence.tokens[k].start), None)
    if first is None:
        return False
    after = sentence.token_after(first.end)
    if after is None or not sentence.norm[after].startswith("و"):
        return False
    return any(m.start in (sentence.tokens[after].start, sentence.tokens[after].start + 1) for m in sentence.mentions)


_REVEALED = "كشف"
# "issued by": "كشفت تقارير صادرة عن مؤسسات دولية أن" — this عن is the speaker's, not the cue's
_ISSUED = frozenset(normalize_word(w) for w in ("صادر", "صادرة", "الصادر", "الصادرة", "صادرين", "الصادرين"))


def _complementizer_before(sentence: _Sentence, m: int) -> bool:
    """Does the content at token ``m`` open with, or right after, a complementizer or a colon?"""
    return _complementizer_at(sentence, m) or (
        m > 0 and (sentence.norm[m - 1] in COMPLEMENTIZERS or sentence.tokens[m - 1].text == ":")
    )


def _revealed_thing(sentence: _Sentence, k: int, cue: Cue) -> bool:
    """"كشف X عن خطة": X revealed a thing, no words of X's (a quotation further on is not
    X's content); "كشف X عن أن" and "كشف X أن" report. (كشف is also a noun, "بمناسبة كشف",
    so it reports only through a complementizer or a colon: see ``_cue_claim``.)"""
    return cue.lemma == _REVEALED and k < len(sentence.tokens) and sentence.norm[k] == "عن"


def _is_speaker_stop(sentence: _Sentence, j: int, cue: Cue) -> bool:
    tok, norm = sentence.tokens[j], sentence.norm[j]
    if (tok.text in "“«\"" and _quoted_name(sentence, j)) or _abbreviation_dot(sentence, j):
        return False
    if tok.text in "”»\"" and j > 0 and sentence.in_quote(sentence.tokens[j - 1].start):
        return False
    if tok.text in "،,:؛.؟?!\"“”«»" or norm in COMPLEMENTIZERS:
        return True
    if norm in _HE_IS and j > 0 and any(m.end == sentence.tokens[j - 1].end and m.entity_type == "PERSON"
                                        for m in sentence.mentions):
        return True  # "أوضح ناصر عايش وهو بائع بأحد المحال أنه": what he is, not who else
    if norm in _TIME_WORDS and not sentence.in_quote(tok.start):
        return True  # not the paper "اليوم" ("today") in 'لـ"اليوم": إن'
    if cue.complement.startswith("prep:"):
        prep = normalize_word(cue.complement[5:])
        if norm == prep or (prep == "ب" and norm.startswith("ب") and norm not in _SON_OF
                            and not _mention_starts(sentence, tok.start)):
            return True
        if norm == _OTHER_PREPOSITION.get(cue.lemma):
            return True  # "ونوه كفاين إلى متابعة الرئيس": not "كفاين إلى متابعة الرئيس هادي"
    if norm == "في" and j + 1 < len(sentence.tokens) and sentence.norm[j + 1] in _ADJUNCT_NOUNS:
        return True  # "في بيان", "في مداخلة مع قناة الإخبارية": where, not who
    if _medium_at(sentence, j):
        return True  # "وكتب في صفحته على فيسبوك أن": where, not who
    if norm == _ON and cue.complement == "say" and (_complementizer_at(sentence, j + 1) or _stressed_on(sentence, j, cue)):
        return True  # "وشدد الوزير على أن", "وأكد الوزير على أهمية": على is the cue's, not the speaker's
    if norm in _ON_BEHALF:
        return True  # "وأعرب الملك باسمه واسم شعب المملكة عن": on whose behalf, not who
    if norm.startswith(_BY_SAYING):
        return True  # "وعبر الرئيس التنفيذي صالح الجاسر بقوله:": how he said it, not who
    if (norm == "عن" and cue.lemma == _REVEALED and not _inside_mention(sentence, tok.start)
            and not (j > 0 and sentence.norm[j - 1] in _ISSUED)):
        return True  # "وكشف مدير المعرض عن أن": عن is the cue's, not "تقارير صادرة عن"
    if norm in ("من", "الي") and cue.complement in ("say", "object"):
        if norm == "من" and j > 0 and sentence.norm[j - 1] == "كل":
            return False  # "وتنفي كل من بيونغ يانغ وموسكو"
        return not _inside_mention(sentence, tok.start)
    return False


# Ranks that titles.py (a fixed NER feature list) lacks, before an apposed holder's name:
# "إمام مسجد قوات الطوارئ بعسير، العريف عبد الله الشهراني،"
_RANKS = _n("العريف الرقيب الرائد المقدم الفريق الجندي عريف رقيب رائد مقدم جندي")


def _title_or_rank(sentence: _Sentence, k: int) -> bool:
    return is_title(sentence.tokens[k].text) or sentence.norm[k] in _RANKS


def _past_apposed_name(sentence: _Sentence, a: int, j: int) -> int:
    """The end of a speaker zone ``[a, j)`` that a comma stops after a title, when the title's
    holder follows between commas: "وقال رئيس مجلس المقاومة في تعز، الشيخ حمود المخلافي، إن"
    is Hamoud al-Mikhlafi speaking, not an unnamed official. ``j`` otherwise."""
    tokens = sentence.tokens
    if j == a or j + 1 >= len(tokens) or tokens[j].text not in "،," or not _starts_with_title(sentence, a):
        return j
    if any(m.entity_type == "PERSON" for m in sentence.mentions_between(tokens[a].start, tokens[j].start)):
        return j  # the zone names its speaker already
    k = j + 1
    if not any(m.start == tokens[k].start for m in sentence.mentions) and not _title_or_rank(sentence, k):
        # "أمين عام الهيئة، التابعة لرابطة العالم الإسلامي، عبدالحميد العبدالجبار، أن": past
        # a second description between commas
        k = next((n + 1 for n in range(k, min(k + 8, len(tokens) - 1)) if tokens[n].text in "،,"), k)
    while k < len(tokens) - 1 and _title_or_rank(sentence, k):  # الشيخ، الدكتور، العريف
        k += 1
    name = next((m for m in sentence.mentions if m.start == tokens[k].start and m.entity_type == "PERSON"), None)
    if name is None:
        return j
    end = sentence.token_after(name.end, len(tokens))
    if end < len(tokens) and (tokens[end].text in "،," or sentence.norm[end] in COMPLEMENTIZERS):
        return end
    return j


def _past_quoted_name(sentence: _Sentence, j: int) -> int | None:
    """The token after the short quoted name that opens at token ``j`` ("وكالة “يونهاب”",
    "لصحيفة «الرياض»: إن", "قالت شركة «سنتريكا» البريطانية إنها"), or None when no quotation
    opens there or it is a quotation, not a name: a name is followed by a comma, a colon or a
    complementizer (after its adjectives, if any), or follows an organisation's head noun, or
    stands between a title and the name of its holder ("أوضح مدير "فنون أبها" أحمد السروي، أن")."""
    tokens = sentence.tokens
    if tokens[j].text not in "“«\"":
        return None
    for a, b in sentence.quoted:
        if a == tokens[j].start:
            inner = [t for t in tokens if a < t.start < b - 1]
            after = sentence.token_after(b)
            past = _past_modifiers(sentence, after) if after is not None else None
            named = len(inner) <= 4 and after is not None and (
                (past is not None and (tokens[past].text in "،,:؛" or sentence.norm[past] in COMPLEMENTIZERS))
                or normalize_word(tokens[after].text) in COMPLEMENTIZERS
                or (j > 0 and is_org_head(tokens[j - 1].text))
                or (j > 0 and is_title(tokens[j - 1].text) and _mention_starts(sentence, tokens[after].start))
                # 'مدير الإعلام في "عكاظ" محمد سمان، أن': the holder's name after his title's place
                or (j > 0 and sentence.norm[j - 1] in _OF_PLACE and _person_starts(sentence, tokens[after].start))
                or (j > 0 and len(inner) <= 3 and _says(_cue_at(sentence, j - 1))
                    and sentence.norm[j - 1] not in _MEDIUM_PREPOSITIONS  # not 'عبر «فيسبوك»' (via)
                    and any(a < m.start and m.end < b for m in sentence.mentions))  # 'وتتوقع «أوبك» ارتفاع'
            )
            return after if named else None
    return None


_OF_PLACE = _n("في ب بـ ل لـ")


def _person_starts(sentence: _Sentence, pos: int) -> bool:
    return any(m.entity_type == "PERSON" and pos <= m.start <= pos + 1 for m in sentence.mentions)


def _says(cue: Cue | None) -> bool:
    """A cue whose content is said ("وتتوقع «أوبك» أن"), not an object ("وصف «مون إكسبريس» بأنها")."""
    return cue is not None and cue.complement == "say"


def _past_modifiers(sentence: _Sentence, k: int) -> int | None:
    """The first token from ``k`` past a quoted name's adjectives, complement and time word,
    within three: "قالت "اكسور" الايطالية القابضة؛", "على موقع «تويتر» للتواصل الاجتماعي، أن",
    'لـ"الوطن" أمس، أن'. None when all three are such words."""
    tokens = sentence.tokens
    return next((m for m in range(k, min(k + 3, len(tokens)))
                 if not tokens[m].text.startswith(("ال", "لل")) and sentence.norm[m] not in _TIME_WORDS), None)


def _quoted_name(sentence: _Sentence, j: int) -> bool:
    """A short quoted name ("وكالة “يونهاب”") rather than the start of a quotation."""
    return _past_quoted_name(sentence, j) is not None


def _mention_starts(sentence: _Sentence, pos: int) -> bool:
    return any(m.start <= pos + 1 and m.start >= pos for m in sentence.mentions)


def _inside_mention(sentence: _Sentence, pos: int) -> bool:
    return any(m.start <= pos < m.end for m in sentence.mentions)


_PREP_PRONOUNS = _n("به بها بهم بهما عنه عنها عنهم له لها لهم منه منها")
# Honorifics with a pronoun ("His Highness", "His Excellency", "His Eminence"): a dropped subject
_HONORIFIC_PRONOUNS = _n("سموه سموها معاليه معاليها سماحته فضيلته سعادته سعادتها جلالته فخامته دولته")
# The honorific noun each honorific pronoun stands for: سموه → (صاحب) السمو / سمو, معاليه →
# معالي, فضيلته → فضيلة … (دولته, "His Excellency" of a prime minister, is also "its state": left out)
_HONORIFIC_NOUNS = {
    normalize_word(pronoun): normalize_word(noun)
    for noun, pronouns in (("سمو", "سموه سموها"), ("معالي", "معاليه معاليها"), ("سماحة", "سماحته"),
                           ("فضيلة", "فضيلته"), ("سعادة", "سعادته سعادتها"), ("جلالة", "جلالته"),
                           ("فخامة", "فخامته"))
    for pronoun in pronouns.split()
}
_HONORIFIC_REACH = 3000  # characters back to the honorific that introduced the person
_HONORIFIC_NAME_REACH = 20  # tokens from the honorific to the person's name


def _honorific_referent(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """The person an honorific pronoun after the cue at ``i`` ("وأعرب [سموه] عن", "وأكد
    [فضيلته] أن") stands for: the first person named after the article's last use of its
    honorific noun, within the same sentence ("… سمو [الأمير فيصل بن مشعل] أمير منطقة القصيم",
    "فضيلة إمام وخطيب المسجد النبوي الشيخ [صلاح البدير]")."""
    if i + 1 >= len(sentence.tokens):
        return None
    noun = _HONORIFIC_NOUNS.get(sentence.norm[i + 1])
    if noun is None:
        return None
    text, end = sentence.text, sentence.tokens[i].start
    window = tokenize(text, max(0, end - _HONORIFIC_REACH), end)
    for k in range(len(window) - 1, -1, -1):
        word = normalize_word(window[k].text)
        if word not in (noun, "ال" + noun, "و" + noun, "ل" + noun, "ب" + noun):
            continue
        after = window[k + 1:k + 1 + _HONORIFIC_NAME_REACH]
        stop = next((t.start for t in after if t.text in ".؟?!" or "\n" in text[window[k].end:t.start]), None)
        limit = stop if stop is not None else (after[-1].end if after else window[k].end)
        person = next((m for m in sentence.article_mentions
                       if window[k].end <= m.start < limit and m.entity_type == "PERSON"), None)
        return _speaker_for_mention(person, entities) if person is not None else None
    return None


# Whom words are said to, alone after the cue: the reporter ("وقال لي إن") or an audience
_SELF_ADDRESSEES = _n("لي لنا")
_AUDIENCES = _n("للصحافيين للصحفيين للإعلاميين للمراسلين للصحيفة للوكالة للقناة للموقع للتلفزيون للإذاعة للحضور")


def _speaker_zone(sentence: _Sentence, i: int, cue: Cue) -> tuple[int, int]:
    """The tokens after the cue at ``i`` that may name its speaker, up to the content marker or
    another stop: past an object pronoun and an addressee, over a parenthetical aside."""
    tokens, norm = sentence.tokens, sentence.norm
    j = i + 1
    if j < len(tokens) and norm[j] in _PREP_PRONOUNS:
        j += 1  # "أشادت به بيونج يانج": the object pronoun comes before the subject
    if j < len(tokens) and norm[j] in _HONORIFIC_PRONOUNS:
        j += 1  # "وأكد سموه أن", "وقال معاليه إن": "His Highness" is the one just named
    addressee_end = _past_addressee(sentence, j)
    addressed = 0
    if addressee_end is not None:  # "وأوضح لـ«عكاظ» المتحدث الرسمي … أن": to whom, then who
        addressed, j = addressee_end - j, addressee_end
    zone_start = j
    while (j < len(tokens) and (j - i - addressed <= _SPEAKER_MAX_TOKENS or _inside_mention(sentence, tokens[j].start))
           and (not _is_speaker_stop(sentence, j, cue) or _source_origin(sentence, zone_start, j, cue)
                or (j == zone_start + 1 and norm[j] in _FROM and norm[zone_start] in _QUANTIFIERS))):
        if tokens[j].text == "(":  # "رئيس الجمعية الوطنية (الغرفة السفلى من البرلمان)": an aside
            close = next((n for n in range(j + 1, min(j + 12, len(tokens))) if tokens[n].text == ")"), None)
            if close is not None:
                j = close + 1
                continue
        j += 1
    return zone_start, _past_apposed_name(sentence, zone_start, j)


_OBJECT_PREPOSITIONS = _n("على علي عن إلى الى")


def _told_outlet(sentence: _Sentence, k: int) -> bool:
    """Is token ``k`` an outlet told, glued to لـ ("مصادر صحفية من مأرب [لوكالة] الأنباء
    الألمانية إن")? Only an outlet: after a title the لـ is "of" ("الأمين العام لمجلس التعاون",
    "السكرتير الصحفي للرئاسة")."""
    word = sentence.norm[k]
    if not word.startswith("ل") or len(word) < 4:
        return False
    return _after_lam(word) in _OUTLET_HEADS or normalize_word(sentence.tokens[k].text[1:]) in _OUTLET_HEADS


def _after_lam(word: str) -> str:
    """A normalized word without its glued لـ (or the لل of لـ + the article): "لصحيفة" → "صحيفه"."""
    return word[2:] if word.startswith("لل") else word[1:]


def _source_origin(sentence: _Sentence, a: int, j: int, cue: Cue) -> bool:
    """Is the "من" at token ``j`` where unnamed sources come from — "مصادر صحفية من مأرب",
    "مسؤول من وزارة الخارجية" — right after an official's or a group's head word (and up to
    two adjectives) that opens the zone at ``a``, before a name or a definite noun? Then it
    belongs to the speaker. Not after "حذر" ("warned of": "حذر اقتصاديون من سماسرة الديون")."""
    tokens, norm = sentence.tokens, sentence.norm
    return (
        norm[j] == "من" and 0 < j - a <= 3 and cue.lemma not in _WARNINGS and j + 1 < len(tokens)
        and (norm[j + 1].startswith("ال") or _mention_starts(sentence, tokens[j + 1].start))
        and _strip_wa(norm[a]) in _OFFICIAL_WORDS | _GROUP_WORDS
        and not any(t.text in "،,:" for t in tokens[a:j])
    )


_WARNINGS = frozenset({"حذر", "خشي"})


def _opening_actor(sentence: _Sentence, entities: dict[str, Entity]) -> _Speaker | None:
    """The subject of the verb that opens ``sentence``, when it is a person named right after
    the verb or an office holder the article named ("واستقبل [الأمير فيصل بن مشعل] …", "التقى
    [خالد الفالح] …")."""
    tokens, first = sentence.tokens, _strip_wa(sentence.norm[0])
    if (len(tokens) < 3 or _fronted(sentence.norm[0]) or _mention_starts(sentence, tokens[0].start)
            or first.startswith("ال") or is_title(tokens[0].text) or not first.isalpha()):
        return None  # no verb opens it: "الكابتن عمر رئيس لجنة الحكام" (a photo's caption)
    person = next((m for m in sentence.mentions if m.start == tokens[1].start and m.entity_type == "PERSON"), None)
    if person is not None:
        return _speaker_for_mention(person, entities)
    subject = _verb_subject(sentence, len(tokens), entities)
    # a person only: an organisation or a place as the actor was wrong as often as right when
    # tried ("استقبل المستشفى حادثين …. وأكد أنهم": a relative of the dead speaks)
    return subject if subject is not None and subject.kind == "person" else None


def _clause_verb_subject(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """The subject of a cue verb that opens the sentence (or its clause after a fronted "من
    جهته،") and made no claim: "أكد مصدر في لجنة المسابقات، عدم وصول اعتراضات، وقال: …",
    "حذر استشاري … الدكتور حذيفة الخراط، من الأضرار …، مشيرا إلى أن" — who goes on speaking in
    the sentence's later cues (without it they went to a name inside the object, or to none)."""
    cue = _cue_at(sentence, i)
    if cue is None or cue.complement == "participle":
        return None
    opener = i > 0 and sentence.norm[i - 1] in _CLAUSE_OPENERS  # "…، فيما أعلنت المفوضية انزعاجها، وقالت"
    if i > 0 and sentence.tokens[i - 1].text not in "،," and not opener:
        return None
    if not opener and (i > 5 or (i > 0 and not (sentence.norm[0] in _FRONTED or _strip_wa(sentence.norm[0]) in _FRONTED))):
        return None
    a, b = _speaker_zone(sentence, i, cue)
    tokens, norm = sentence.tokens, sentence.norm
    for k in range(a + 1, b):  # "تركي الخليفة على دور الأهل", "عدنان مندورة متطرقا": the object begins
        if _inside_mention(sentence, tokens[k].start):
            continue
        if (norm[k] in _OBJECT_PREPOSITIONS and not is_title(tokens[k - 1].text) and norm[k - 1] != "العام") or (
            tokens[k].text.endswith(("ًا", "اً")) or _cue_at(sentence, k) is not None
        ):
            b = k
            break
    if b <= a:
        return None
    speaker = _speaker_from_zone(sentence, (a, b), entities, attribution=True)
    if speaker is not None and speaker.kind == "person" and speaker.start is not None:
        # the zone may run on into the object ("لويز موشيكيوابو أي علاقة لبلدها"): end at the name
        name = next((m for m in sentence.mentions if m.entity_id == speaker.entity_id
                     and speaker.start <= m.start and m.end < speaker.end), None)
        if name is not None:
            speaker = _Speaker(speaker.entity_id, sentence.text[speaker.start:name.end], "person", speaker.start, name.end)
    return speaker


def _past_addressee(sentence: _Sentence, j: int) -> int | None:
    """The token after the addressee that opens the zone at token ``j`` — the paper a speaker
    told ("وأوضح لـ«عكاظ» المتحدث الرسمي … أن", "كشفت لـ "الاقتصادية" مصادر مطلعة، أن",
    "وقال لصحيفة «الحياة» مدير الشركة إن"), the reporter ("وقال لي إن"), an audience ("وقال
    للصحافيين") — or None when none opens there. In Saudi papers the addressee comes first
    more often than not (cue + لـ + a quoted paper: 469 times in SaudiNewsNet), and these
    zones gave no claim at all: the quotation mark ended them. A speaker after the addressee is
    the zone's; with none, the subject was dropped ("وأكد لـ«الشرق الأوسط» أن": the previous
    speaker) or stands before the cue ("مطر الكواري الذي قال لرويترز إن")."""
    tokens, norm = sentence.tokens, sentence.norm
    n = len(tokens)
    if j >= n:
        return None
    word = norm[j]
    if word in _SELF_ADDRESSEES:  # not "لي كه تشيانغ": only right before the content
        return j + 1 if j + 1 < n and (norm[j + 1] in COMPLEMENTIZERS or tokens[j + 1].text in ":،,") else None
    if word in _AUDIENCES:
        k: int | None = j + 1
    elif word == "ل":  # the detached لـ of 'لـ "الاقتصادية"', 'لـ(عكاظ)'
        k = _past_name(sentence, j + 1)
    elif word.startswith("ل") and len(word) > 3:
        token = tokens[j]
        glued = [m for m in sentence.mentions if token.start < m.start < token.end]
        if glued:  # "لرويترز", "لصحيفة الحياة"
            k = sentence.token_after(max(m.end for m in glued), n)
        elif _after_lam(word) in _OUTLET_HEADS or is_org_head(token.text[1:]) or (
            word == _TO_SITE and j + 1 < n and tokens[j + 1].text in "“«\""
        ):  # 'لموقع «الحملة الدولية لحقوق الإنسان»' (not every موقع is an outlet: "موقع تويتر")
            k = _past_name(sentence, j + 1) or _noun_phrase_end(sentence, j, min(n, j + 8))
        else:
            return None
    else:
        return None
    if k is None:
        return None
    while k < n and is_adjective(tokens[k].text) and tokens[k - 1].text in "”»\")":
        k += 1  # 'لـ"الاقتصادية" السعودية'
    if k + 1 < n and tokens[k].text in "،," and not (
        norm[k + 1] in COMPLEMENTIZERS or tokens[k + 1].text in "“«\"" or norm[k + 1] in _TIME_WORDS
    ):
        k += 1  # "وقال لـ«الشرق الأوسط»، الدكتور فهمي صبحة … إن"
    if k < n and norm[k] == "عن":  # "قال لتلفزيون رويترز عن خدمات المستشفى “…”": about what
        return next((m for m in range(k + 1, min(n, k + 8))
                     if tokens[m].text in "“«\":" or norm[m] in COMPLEMENTIZERS), k)
    return k


_TO_SITE = normalize_word("لموقع")


def _past_name(sentence: _Sentence, k: int) -> int | None:
    """The token after the name that starts at token ``k``: a short quoted or bracketed name
    («عكاظ»، "الاقتصادية"، (عكاظ)) or a mention; None if none starts there."""
    tokens = sentence.tokens
    if k >= len(tokens):
        return None
    text = tokens[k].text
    if text in "“«\"":
        span = next(((a, b) for a, b in sentence.quoted if a == tokens[k].start), None)
        if span is None or sum(span[0] < t.start < span[1] - 1 for t in tokens) > 5:
            return None
        return sentence.token_after(span[1], len(tokens))
    if text == "(":
        close = next((m for m in range(k + 1, min(k + 7, len(tokens))) if tokens[m].text == ")"), None)
        return None if close is None else close + 1
    starting = [m for m in sentence.mentions if m.start == tokens[k].start]
    return sentence.token_after(max(m.end for m in starting), len(tokens)) if starting else None


def _antecedent(sentence: _Sentence, r: int) -> Mention | None:
    """The named person or organisation that the relative pronoun at token ``r`` refers to:
    right before it ("الأزهر الشريف الذي"), or before an apposition between commas ("سوزان
    رايس، مستشارة الرئيس أوباما، التي")."""
    start = sentence.tokens[r].start
    for mention in reversed([m for m in sentence.mentions if m.end <= start and m.entity_type in ("PERSON", "ORG")]):
        between = sentence.text[mention.end:start]
        words = between.split()
        if len(words) > 12 or "." in between:
            return None
        if not words or between.lstrip()[:1] in "،,":
            return mention  # right before it, or before an apposition between commas
        if len(words) <= 3 and all(w.strip("\"«»“”").startswith("ال") or not w.strip("\"«»“”") for w in words):
            return mention  # and its adjectives: "شركة "سايبم" الإيطالية التي"
    return None


def _subject_before(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """Subject-verb order: a group word or a named person right before the cue, or an unnamed
    subject that opens the sentence ("مصدر أمني متابع للقضية قال لـ«الشرق الأوسط» إن")."""
    if i == 0:
        return None
    tokens, norm = sentence.tokens, sentence.norm
    prev = tokens[i - 1]
    kind = _unnamed_kind(_strip_wa(norm[i - 1]), documents=True)
    if kind is not None:  # "خبراء يقولون", "اتفاقا يتعهد"
        return _Speaker(None, prev.text, kind, prev.start, prev.end)
    mention = next((m for m in sentence.mentions if m.end == prev.end and m.entity_type == "PERSON"), None)
    if mention is not None and (i - 2 < 0 or tokens[i - 2].end <= mention.start or tokens[i - 2].text in "،,"):
        return _speaker_for_mention(mention, entities)
    kind = _unnamed_kind(_strip_wa(norm[0]))
    if kind is not None and i <= _OPENING_SUBJECT_TOKENS and not any(
        t.text in "،,:؛()\"“”«»" for t in tokens[:i]
    ) and not any(m.start < prev.end for m in sentence.mentions if m.entity_type == "PERSON"):
        start = tokens[0].start + (1 if _strip_wa(norm[0]) != norm[0] else 0)
        return _Speaker(None, sentence.text[start:prev.end], kind, start, prev.end)
    return _sources_within(sentence, i)


# an unnamed subject that opens the sentence, its adjectives and complement: "مصدر أمني متابع للقضية قال"
_OPENING_SUBJECT_TOKENS = 6


def _in_aside(sentence: _Sentence, mention: Mention, a: int, b: int) -> bool:
    """Is ``mention`` inside a parenthesis among the zone's tokens ``a..b``?"""
    depth = 0
    for token in sentence.tokens[a:b]:
        if token.start >= mention.start:
            return depth > 0
        depth += {"(": 1, ")": -1}.get(token.text, 0)
    return False


_WITHIN = _n("داخل في من لدى")


def _sources_within(sentence: _Sentence, i: int) -> _Speaker | None:
    """Unnamed sources of an organisation or place before a present-tense cue: "مصادر داخل
    طالبان تفيد بأن", "مسؤولون في الحكومة العراقية يقولون", "مصادر مقربة من حماس تقول" — a
    group or official word, at most one adjective, a preposition, and a name right before the cue."""
    tokens, norm = sentence.tokens, sentence.norm
    name = next((m for m in sentence.mentions if m.end == tokens[i - 1].end and m.entity_type in ("ORG", "LOC")), None)
    p = sentence.token_at(name.start) if name is not None else None
    if p is None or p < 2 or norm[p - 1] not in _WITHIN:
        return None
    for h in (p - 2, p - 3):
        if h < 0 or (h == p - 3 and (not tokens[p - 2].text.isalpha() or norm[p - 2].startswith("ال"))):
            return None  # "مصادر مقربة من": one indefinite adjective at most
        head = _strip_wa(norm[h])
        kind = _unnamed_kind(head)
        if kind is not None:
            start = tokens[h].start + (1 if head != norm[h] else 0)
            return _Speaker(None, sentence.text[start:name.end], kind, start, name.end)
    return None


_COUNTED_PEOPLE = _GROUP_WORDS | _n(
    "المتخصصين المختصين الاقتصاديين المراقبين الناشطين الحضور المشاركين المواطنين المستثمرين "
    "النواب نواب الأعضاء أعضاء الخبراء الأهالي"
)


_NUMBER = normalize_word("عدد")


def _people_plural(word: str) -> bool:
    """A definite sound masculine plural ("المستهلكين", "المحللون"): people, counted by a
    quantifier ("وقال عدد من المستهلكين إنهم", which the word lists did not hold)."""
    return word.startswith("ال") and word.endswith(("ين", "ون")) and len(word) > 6


def _unnamed_kind(head: str, documents: bool = False) -> str | None:
    """The kind of speaker an unnamed subject's head word makes: "خبراء" a group, "مسؤول" an
    unnamed official, and, where ``documents``, "دراسة" or "اتفاق" a document. (The word lists
    are disjoint.)"""
    if head in _GROUP_WORDS:
        return "group"
    if head in _OFFICIAL_WORDS:
        return "unnamed_official"
    return "document" if documents and head in _DOCUMENT_WORDS else None


def _relative_cue(sentence: _Sentence, i: int) -> bool:
    """A present-tense cue right after an indefinite feminine or plural noun that no rule made
    a speaker describes that noun: "مفاهيم خاطئة تقول إن", "شائعات تقول إن" — things that are
    said, no one's claim."""
    if i == 0 or sentence.norm[i][:1] not in "يت":
        return False
    prev = sentence.tokens[i - 1].text
    norm = sentence.norm[i - 1]
    if not (prev.isalpha() and not norm.startswith(("ال", "وال")) and prev.endswith(("ة", "ات"))
            and not _inside_mention(sentence, sentence.tokens[i - 1].start)):
        return False
    # not after a fronted topic: "وحول فكرة أصغر لوحة تشكيلية يقول إنه" is the artist's
    clause = next((k + 1 for k in range(i - 1, -1, -1) if sentence.tokens[k].text in "،,:؛"), 0)
    return not any(_topic_word(sentence.norm[k]) for k in range(clause, i))


_TOPIC_WORDS = _n("حول عن بشأن بخصوص وفيما فيما")
_WHEN = _n("عندما حينما حين لما بعدما كلما")  # a fronted time clause, with or without و


def _topic_word(word: str) -> bool:
    """A word that fronts a topic, with or without و / ف (also the short "وعن")."""
    return _strip_wa(word) in _TOPIC_WORDS or word in _SHORT_TOPIC_WORDS


_SHORT_TOPIC_WORDS = _n("وعن فعن")  # too short for _strip_wa
# "وعن أبي هريرة رضي الله عنه قال": a hadith's narrator, named with his honorific, speaks
_HONORIFIC_BLESSING = normalize_word("رضي")
_KANA = _n("كان كانت كانوا")
_QAD = normalize_word("قد")


def _kana_zone(sentence: _Sentence, i: int) -> tuple[int, int] | None:
    """The tokens of the subject between كان (or أن) and قد before a cue: "وكانت شركة آسيا سيل،
    إحدى شركات الهاتف، قد أكدت أن", "كما أن منصور البلوي قد أكد", "وكان العميد صقر الجروشي،
    قائد سلاح الجو، قد أعلن أن" — news' pluperfect, where the subject stands before the verb."""
    if i < 3 or sentence.norm[i - 1] != _QAD:
        return None
    for k in range(i - 2, max(-1, i - 16), -1):
        word = sentence.norm[k]
        if _strip_wa(word) in _KANA or word in _BARE_COMPLEMENTIZERS:
            end = i - 1
            while end > k + 1 and sentence.tokens[end - 1].text in "،,":
                end -= 1  # "وكان كروكر، السفير السابق، قد": the apposition's last comma
            return (k + 1, end) if k + 1 < end else None
        if sentence.tokens[k].text in ".؛:؟?!" or _cue_at(sentence, k) is not None:
            return None
    return None


_BUT = _n("لكن ولكن")
_BUT_HEADS = _n("إلا الا غير بيد كما")  # + أن: "إلا أن", "غير أن", "بيد أن", "كما أن"
_THAT = _n("أن")
_OTHER_ADJECTIVES = _n("آخرين آخرون أخرى")


def _fronted_zone(sentence: _Sentence, i: int) -> tuple[int, int] | None:
    """The subject between "لكن" / "إلا أن" / "غير أن" / "كما أن" and a cue right after it:
    "لكن طهران أكدت", "إلا أن المصادر الأمنية والطبية شددت على أن", "لكن محللين آخرين قالوا"
    — these particles put the subject before the verb, so it is not a dropped subject that
    continues the last speaker. Only names, definite words and unnamed-speaker words count:
    "إلا أن أوساطا إعلامية أخذت تعرب" holds a verb, and "إلا أنه أكد" (a pronoun) does go on
    with the last speaker. An unnamed subject may take indefinite adjectives: "لكن مسؤولا
    [ليبيا] رفيعا قال إن", "غير أن مصدرا مطلعا أكد أن" (the accusative after these particles)."""
    tokens, norm = sentence.tokens, sentence.norm
    indefinite = 0
    for k in range(i - 1, max(-1, i - 9), -1):
        word = norm[k]
        if word in _BUT or (word in _THAT and k > 0 and _strip_wa(norm[k - 1]) in _BUT_HEADS):
            if k + 1 >= i:
                return None
            if indefinite and (_unnamed_kind(_strip_wa(norm[k + 1])) is None or norm[k + 1] in _INDEFINITE_HEADS_NOT):
                return None
            return k + 1, i
        bare = _strip_wa(word)
        if not (
            _inside_mention(sentence, tokens[k].start) or bare.startswith("ال") or bare in _OTHER_ADJECTIVES
            or _unnamed_kind(bare, documents=True) is not None
        ):
            if not tokens[k].text.isalpha() or indefinite == _FRONTED_ADJECTIVES:
                return None
            indefinite += 1
    return None


_FRONTED_ADJECTIVES = 2  # indefinite adjectives of an unnamed subject: "مسؤولا ليبيا رفيعا"
# unnamed-official words that are no subject with adjectives after them: "أحد" (one of …)
_INDEFINITE_HEADS_NOT = _n("أحد إحدى")


def _organisation_zone(sentence: _Sentence, zone: tuple[int, int]) -> _Speaker | None:
    """An organisation the tagger did not name, from its head noun: "شركة آسيا سيل"."""
    a, b = zone
    if not is_org_head(sentence.tokens[a].text):
        return None
    start, end = sentence.tokens[a].start, sentence.tokens[b - 1].end
    return _Speaker(None, sentence.text[start:end], "organization", start, end)


def _organisation_subject(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """A place or an organisation that is the subject of the sentence's first verb ("وترفض
    إسرائيل ذلك، وتقول إنهم", "وحثت منظمة هيومان رايتس ووتش …، وقالت في بيان"): the subject of
    a later cue with none of its own. Not an office holder, whom the carried-over speaker names
    better."""
    subject = _verb_subject(sentence, i, entities)
    return subject if subject is not None and subject.kind != "person" and subject.kind != "unnamed_official" else None


def _clause_subject(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """The first named person before the cue in this sentence (not an addressee, not in a
    fronted topic: "وعن مفاوضات الأهلي في ضم الزبيدي، أجاب" — the topic runs to the comma
    right before the cue)."""
    tokens, norm = sentence.tokens, sentence.norm
    topic_end = -1
    if i > 1 and tokens[i - 1].text in "،," and _topic_word(norm[0]) and _HONORIFIC_BLESSING not in norm[:i]:
        topic_end = tokens[i - 1].start
    if i > 1 and tokens[i - 1].text in "،," and (norm[0] in _WHEN or _strip_wa(norm[0]) in _WHEN):
        # "وعندما ألح عليه [أنور السادات] في السؤال، قال له إن": the man of the time clause
        # asked; who answers is the one the article was quoting
        topic_end = tokens[i - 1].start
    for mention in sentence.mentions:
        if mention.end > tokens[i].start:
            break
        if mention.start < topic_end:
            continue
        if mention.entity_type == "PERSON" and not _addressee(sentence, mention) and not _topic(sentence, mention):
            return _speaker_for_mention(mention, entities, sentence.text)
    return None


def _topic(sentence: _Sentence, mention: Mention) -> bool:
    """Is ``mention`` in a topic fronted at the start of its clause ("وفيما يتعلق بقضية رائف
    بدوي قال", "وعن هيكل قال")? Then it is whom the words are about, not who speaks."""
    k = sentence.token_at(mention.start)
    if k is None:
        return False
    for n in range(k - 1, max(-1, k - 6), -1):
        if sentence.tokens[n].text in "،,:؛":
            return False
        if _topic_word(sentence.norm[n]):
            after = sentence.token_after(mention.end)
            if after is not None and sentence.norm[after] == _HONORIFIC_BLESSING:
                return False  # "وعن أبي هريرة رضي الله عنه قال": the narrator
            return n == 0 or sentence.tokens[n - 1].text in "،,:؛"
    return False


def _distant_marker(sentence: _Sentence, k: int, cue: Cue) -> int | None:
    """'وقال بوتين في المقال الذي نشرته الوكالة "نحن ..."': a quotation or colon after a longer
    adjunct, within the clause (no sentence punctuation, no other cue in between), or a
    complementizer after a comma ("وذكرت الشرطة أمس الأول الأربعاء، أنها"). A short
    quoted name is passed to the complementizer after it ('في مقابلة مع قناة "سكاي نيوز عربية"
    إن')."""
    tokens = sentence.tokens
    m, limit = k, min(len(tokens), k + 20)
    while m < limit:
        if (tokens[m].text in ".؛!؟?" and not _abbreviation_dot(sentence, m)) or (
            m > k and _cue_at(sentence, m) is not None and not sentence.norm[m].startswith(_BY_SAYING)
        ):
            return None
        if tokens[m].text == ":":
            return m + 1 if m + 1 < len(tokens) else None
        if m > k and tokens[m - 1].text in "،," and _complementizer_at(sentence, m):
            return _content_marker(sentence, m, cue)  # "وذكرت الشرطة أمس الأول الأربعاء، أنها اعتقلت"
        if tokens[m].text in "“«\"" and not sentence.in_quote(tokens[m].start):
            after = _past_quoted_name(sentence, m)
            past = _past_modifiers(sentence, after) if after is not None else None
            if past is not None and _complementizer_at(sentence, past):  # 'قناة "الجزيرة" القطرية إن'
                return _content_marker(sentence, past, cue)
            return m  # a quotation (or a name the content does not follow: no better guess)
        m += 1
    return None


def _skip_adjuncts(sentence: _Sentence, k: int, cue: Cue | None = None) -> int:
    """Skip commas, time expressions and "في بيان"-type phrases between speaker and content."""
    tokens, norm = sentence.tokens, sentence.norm
    guard = 0
    while k < len(tokens) and guard < 20:
        guard += 1
        if tokens[k].text in "،,":
            # a comma-enclosed apposition or adverbial: jump to the next comma if a marker follows
            # — past a relative clause's own أن: "وقال القيادي الحوثي، التي يرجح أن تسجيلها تم
            # قبل تحرير عدن، إن …"
            closing = _relative_clause_end(sentence, k)
            if closing is not None:
                k = closing
                continue
            nxt = _next_marker_after(sentence, k + 1, cue)
            if nxt is None:
                return k
            k = nxt
            continue
        past = _past_quoted_name(sentence, k)
        if past is not None:
            k = past  # 'لصحيفة "الرياض": إن': the paper's name, not the quotation
            continue
        past = _past_addressee(sentence, k) if norm[k][:1] == "ل" else None
        if past is not None and past > k:
            k = past  # "وقال الوزير لوكالة الأنباء الألمانية إن": to whom
            continue
        if _medium_at(sentence, k):
            # "عبر حسابه في «تويتر» أن": on to the complementizer or colon after the medium
            nxt = _next_marker_after(sentence, k + 1, cue)
            if nxt is None or tokens[nxt].text in "“«\"":
                return k
            k = nxt
            continue
        if is_adjective(tokens[k].text) and k > 0 and tokens[k - 1].text in "”»\"":
            k += 1  # 'لصحيفة “حريت” التركية إنه': the paper's country, after its quoted name
            continue
        if norm[k] in _ATTRIBUTION_WORDS or norm[k] in _ON_BEHALF or norm[k] in _SOURCING:
            # "وفقا لـ …" / "باسمه واسم شعب المملكة" / "استنادا إلى …": on to the content marker
            nxt = _next_marker_after(sentence, k + 1, cue)
            if nxt is None:
                return k
            k = nxt
            continue
        if norm[k] == "في" and k + 1 < len(tokens) and norm[k + 1] in _ADJUNCT_NOUNS:
            # "في بيان لها أمس أن", "في مؤتمر صحفي مشترك مع العربي، إن": where, on to the marker
            nxt = _next_marker_after(sentence, k + 2, cue)
            if nxt is not None and tokens[nxt].text not in "“«\"":
                k = nxt
                continue
        if norm[k] in _ADJUNCT_PREPOSITIONS and (cue is None or cue.complement != "prep:" + norm[k]):
            # "وقال الجبير خلال المؤتمر إن", "وأكد عقب لقائه الرئيس أن": when or where, on to
            # a complementizer close after it (not the cue's own preposition: "أعرب عن")
            nxt = _next_marker_after(sentence, k + 1, cue)
            if nxt is not None and 1 < nxt - k <= _ADJUNCT_REACH and norm[nxt] in COMPLEMENTIZERS:
                k = nxt  # (not a complementizer right after it: "كشف … عن أن" is the cue's own)
                continue
        if norm[k] in _HE_IS:  # "ناصر عايش وهو بائع بأحد محال تأجير الخيام أنه": an aside on him
            nxt = _next_marker_after(sentence, k + 1, cue)
            if nxt is not None and nxt - k <= _ADJUNCT_REACH + 4 and norm[nxt] in COMPLEMENTIZERS:
                k = nxt
                continue
        if norm[k] in _TIME_WORDS or norm[k] in _IN_CONTEXT_WORDS or norm[k] == "في":
            k += 1
            continue
        return k
    return k


_ADJUNCT_REACH = 8  # tokens from an adjunct's preposition to the complementizer after it
_RELATIVE_CLAUSE_REACH = 25


def _relative_clause_end(sentence: _Sentence, k: int) -> int | None:
    """For a comma at ``k`` that opens a relative clause ("، التي يرجح أن …،"), the token after
    the comma that closes it, when a complementizer, colon or quotation follows that comma."""
    tokens, norm = sentence.tokens, sentence.norm
    if k + 1 >= len(tokens) or norm[k + 1] not in _RELATIVES:
        return None
    for m in range(k + 2, min(len(tokens) - 1, k + _RELATIVE_CLAUSE_REACH)):
        if tokens[m].text in ".؛:؟?!":
            return None
        if tokens[m].text in "،," and (norm[m + 1] in COMPLEMENTIZERS or tokens[m + 1].text in ":“«\""):
            return m + 1
    return None


def _next_marker_after(sentence: _Sentence, k: int, cue: Cue | None = None) -> int | None:
    """Index of the content marker that ends a parenthetical starting at k (within 25 tokens)."""
    tokens, norm = sentence.tokens, sentence.norm
    prep = normalize_word(cue.complement[5:]) if cue is not None and cue.complement.startswith("prep:") else None
    m, limit = k, min(len(tokens), k + 25)
    while m < limit:
        past = _past_quoted_name(sentence, m)
        if past is not None:
            m = past  # "عبر حسابه في «تويتر» أن": a quoted name, not the quotation
            continue
        if tokens[m].text in "،,":
            closing = _relative_clause_end(sentence, m)
            if closing is not None:
                return closing  # "في الحلقة، التي يرجح أن تسجيلها …، إن": past the clause's own أن
        if norm[m] in COMPLEMENTIZERS or tokens[m].text in ":“«\"" or (prep and norm[m] == prep):
            return m
        if tokens[m].text in "؛." and not _abbreviation_dot(sentence, m):
            return None
        if m > 0 and tokens[m - 1].text in "،," and _cue_at(sentence, m) is not None and not norm[m].startswith(_BY_SAYING):
            return None  # "ونفت الوزيرة أي علاقة، وقالت: «…»": another cue's words, not this one's
            # (but "انتقد أوباما نتنياهو، بقوله إنه": how this cue's speaker said it)
        m += 1
    return None


def _medium_at(sentence: _Sentence, k: int) -> bool:
    """Does a medium phrase start at ``k`` ("عبر حسابه", "في صفحته", "على تغريدة")?"""
    norm = sentence.norm
    return k + 1 < len(norm) and norm[k] in _MEDIUM_PREPOSITIONS and norm[k + 1] in _MEDIUM_WORDS


def _complementizer_at(sentence: _Sentence, k: int) -> bool:
    return k < len(sentence.tokens) and sentence.norm[k] in COMPLEMENTIZERS


def _content_marker(sentence: _Sentence, k: int, cue: Cue) -> int | None:
    tokens, norm = sentence.tokens, sentence.norm
    if k >= len(tokens):
        return None
    if tokens[k].text == ":":
        return k + 1 if k + 1 < len(tokens) else None
    if tokens[k].text in "“«\"":
        if not cue.complement.startswith("prep:"):
            return k
        # a cue that takes a preposition has it: inside the quotation ("وتعهد «بمواجهة
        # التطرف»"), or after a quoted name ("وعبر محمد «جد الطفلة» عن امتنانه"); otherwise
        # the quotation is something else ("عاصي الحلاني عبر «خليجية»": via a channel)
        prep = normalize_word(cue.complement[5:])
        if k + 1 < len(tokens) and norm[k + 1].startswith(prep):
            return k
        close = next((m for m in range(k + 1, min(len(tokens), k + 7)) if tokens[m].text in "”»\""), None)
        if close is None:
            return None
        for after in range(close + 1, min(len(tokens), close + 7)):  # "صحيفة "الديلي ميل" البريطانية، الفيديو، بأنه"
            if tokens[after].text in ".؛:؟?!“«\"":
                return None
            if norm[after] == prep:
                return after + 1 if after + 1 < len(tokens) else None
            if prep == "ب" and norm[after].startswith("ب") and len(norm[after]) > 2:
                return after
        return None
    if norm[k].startswith(_BY_SAYING) and k + 2 < len(tokens) and tokens[k + 1].text == ":":
        return k + 2  # "وعبر جفري بقوله: «…»"
    if (norm[k].startswith(_BY_SAYING) and k + 1 < len(tokens) and norm[k + 1] in COMPLEMENTIZERS
            and cue.complement != "object"):  # an object cue's "بقوله إن" is taken as a cue of its own
        return _past_complementizer(sentence, k + 1)  # "وعلق الوزير بقوله إن"
    if norm[k] in COMPLEMENTIZERS:
        return _past_complementizer(sentence, k)
    if cue.complement.startswith("prep:"):
        prep = normalize_word(cue.complement[5:])
        if norm[k] == prep or norm[k] == _OTHER_PREPOSITION.get(cue.lemma):
            return k + 1 if k + 1 < len(tokens) else None
        if prep == "ب" and norm[k].startswith("ب") and norm[k] not in _SON_OF:
            return k  # "أشاد بالجهود"; not "صالح بن حسين", a name going on
    if cue.complement == "say" and cue.lemma in ("حذر",) and norm[k] == "من":
        return k
    if cue.complement == "say" and norm[k] in ("من", _ON, "عن") and _complementizer_at(sentence, k + 1):
        return _past_complementizer(sentence, k + 1)  # "يخشى ... من أن", "وشدد على أن", "وكشف عن أن"
    if (_stressed_on(sentence, k, cue)
            and k + 1 < len(tokens) and (tokens[k + 1].text.isalpha() or tokens[k + 1].text in "“«\"")
            and norm[k + 1] not in _VACUOUS):
        return k + 1  # "وأكد الوزير على أهمية التعاون", "مشددا على ضرورة …": what was stressed
    if cue.complement == "say" and cue.lemma in _POINTED and norm[k] == "الي" and k + 1 < len(tokens):
        # "وأشار إلى أن …", and with a noun phrase: "وأشار المرصد إلى ارتفاع عدد القتلى",
        # "ولفت إلى وجود تنافس" — what was pointed out, reported (not "إلى ذلك": nothing said)
        if norm[k + 1] in COMPLEMENTIZERS:
            return _past_complementizer(sentence, k + 1)
        return k + 1 if tokens[k + 1].text.isalpha() and norm[k + 1] not in _VACUOUS else None
    return None


def _past_complementizer(sentence: _Sentence, c: int) -> int:
    """Where the content begins after the complementizer at token ``c``: past a bare أن / إن
    (when words follow it), at one that carries the subject's pronoun ("أنه", "إنها")."""
    return c + 1 if sentence.norm[c] in _BARE_COMPLEMENTIZERS and c + 1 < len(sentence.tokens) else c


# Cues of pointing out, whose content follows إلى: a complement clause or a noun phrase.
_POINTED = frozenset({"أشار", "لفت"})
_SON_OF = _n("بن بنت")  # words that begin with ب and are no preposition: a name going on
# Cues of stressing, whose content may follow على as a noun phrase ("أكد على أهمية").
_STRESSED = frozenset({"أكد", "شدد"})


def _stressed_on(sentence: _Sentence, k: int, cue: Cue) -> bool:
    """Is token ``k`` the preposition على (written with ى, not the name علي, which
    normalization folds it into) after a cue of stressing, "أكد / شدد على"?"""
    return (cue.complement == "say" and cue.lemma in _STRESSED and sentence.norm[k] == _ON
            and sentence.tokens[k].text.endswith("ى"))


# What شدد tightens, not stresses: "شددت قوات الجيش الخناق على آخر معاقل الحوثيين".
_TIGHTENED = _n("الخناق الحصار القبضة قبضتها قبضته قبضتهم الطوق الحراسة الرقابة الإجراءات الحظر العقوبات")
# Words before a cue of pointing that leave its subject the one who spoke last: "لكنه أشار إلى
# أن", "كما أشار", "وكان يشير إلى ما حدث".
_SPEAKER_GOES_ON = _n("لكنه لكنها ولكنه ولكنها إنه أنه إنها أنها وهو وهي فهو فهي كما وكما ثم قد وقد كان وكان كانت وكانت")


def _noun_points(sentence: _Sentence, i: int) -> bool:
    """Is the cue of pointing at ``i`` the verb of a noun before it that is no speaker — "أي
    بوادر تشير إلى", "فالسيرة النبوية تشير إلى أن", "ربما يشير"? Not after و / ف, a comma, a
    name or a quotation mark, or a particle that carries the last speaker ("لكنه أشار")."""
    if _starts_clause(sentence, i) or sentence.norm[i][:1] in "وف":
        return False
    prev = sentence.tokens[i - 1]
    return (prev.text.isalpha() and not _inside_mention(sentence, prev.start)
            and sentence.norm[i - 1] not in _SPEAKER_GOES_ON)


_WHICH = _n("ما مما بما وهذا")  # "مما يشير", "وهذا يشير": not "وهو يشير" (he)
# Verbal nouns that are what أكد / شدد takes as its object, before a على of their own: "وأكد
# حرص الوزارة على تهيئة …" (the ministry's keenness to …) names no speaker.
_STRESSED_OBJECTS = frozenset(
    form for w in "حرص أهمية ضرورة دعم استعداد التزام رغبة عزم اهتمام وقوف تضامن حق وجود عدم".split()
    for stem in [normalize_word(w)]
    for form in (stem, "ال" + stem, *(stem.removesuffix("ه") + ("ت" if stem.endswith("ه") else "") + p
                                      for p in ("ه", "ها", "هم", "نا")))
)


# Idioms whose object stands between the subject and the rest: "لفت التقرير [النظر] إلى أن"
# (drew attention to), "سلط رئيس الإقليم [الضوء] على" (shed light on), "نفى المسؤول [صحة]
# الشائعات" (denied the truth of). The object is no part of who speaks.
_IDIOM_OBJECTS = {
    "لفت": _n("النظر الانتباه الأنظار"),
    "سلط": _n("الضوء الأضواء"),
    "نفى": _n("صحة وجود علمه علمها علمهم"),
}
_SHED = "سلط"


def _idiom_object(sentence: _Sentence, a: int, b: int, cue: Cue) -> int | None:
    """The token in ``[a, b)`` where the cue's idiomatic object (``_IDIOM_OBJECTS``) begins."""
    objects = _IDIOM_OBJECTS.get(cue.lemma)
    if not objects:
        return None
    return next((t for t in range(a, min(b, len(sentence.norm))) if sentence.norm[t] in objects
                 and not _inside_mention(sentence, sentence.tokens[t].start)), None)


def _stressed_object(sentence: _Sentence, a: int, b: int, cue: Cue) -> int | None:
    """Where the object of a cue of stressing begins in the zone ``[a, b)`` after it: ``a`` for
    a grip that شدد tightens ("الخناق", "الحصار": no claim at all), or the token of a verbal
    noun أكد affirms ("وأكد [حرص الوزارة] على", "أكد رئيس المدينة [حرص المدينة] على"); None
    when the zone is all subject."""
    norm = sentence.norm
    if cue.lemma == "شدد" and any(norm[t] in _TIGHTENED for t in range(a, min(b, len(norm)))):
        return a
    listed = next((t for t in range(a, min(b, len(norm)))
                   if _strip_wa(norm[t]) in _STRESSED_OBJECTS
                   and not _inside_mention(sentence, sentence.tokens[t].start)), None)
    after_name = _object_after_name(sentence, a, min(b, len(norm)))
    if listed is None or (after_name is not None and after_name < listed):
        return after_name  # "وأكد الجبير [ترحيب المملكة] بأي اتفاق يضمن عدم قدرة إيران": the first object
    return listed


_LINEAGE_WORDS = _n("ابن أبو ابو آل")  # inside a name (بن and ولد, with their ب and و, are left out anyway)


def _object_after_name(sentence: _Sentence, a: int, b: int, any_noun: bool = False) -> int | None:
    """The token in ``[a, b)`` right after a person's name where an indefinite noun in the
    construct state begins the cue's object: "أكد وزير الداخلية عبده الحذيفي [سيطرة الأجهزة
    الأمنية] على مدينة عدن". Not a title ("الجبير وزير الخارجية"), a lineage word, a
    preposition or a time word ("خلال المؤتمر", "صباح اليوم"), nor a word with a glued
    preposition ("لوكالة الأنباء"). ``any_noun``: an object cue's object (انتقد، نفى) need not be
    followed by a definite word ("انتقد الأمير طلال بن بدر قرار نقل مباراة")."""
    tokens, norm = sentence.tokens, sentence.norm
    for m in sentence.mentions:
        if m.entity_type != "PERSON" or m.start < tokens[a].start:
            continue
        k = sentence.token_after(m.end)
        if k is None or k + 1 >= b:
            return None
        word = norm[k]
        if (word.startswith(("ال", "و", "ل", "ب", "ف", "ك")) or word.endswith("ي")  # "[أخصائي] الأمراض": who he is
                or word in _LINEAGE_WORDS or is_title(tokens[k].text)
                or word in _PREPOSITIONS or word in _TIME_WORDS or word in _ADJUNCT_PREPOSITIONS
                or not word.isalpha() or _inside_mention(sentence, tokens[k].start)):
            return None
        after = norm[k + 1]
        return k if any_noun or _definite(after) or _mention_starts(sentence, tokens[k + 1].start) else None
    return None


# Words that point back and say nothing themselves: "وأشار إلى ذلك".
_VACUOUS = _n("ذلك هذا هذه تلك ذاك هؤلاء")


def _participle(
    sentence: _Sentence, i: int, cue: Cue, entities: dict[str, Entity], current: _Speaker | None,
    continues: bool = False,
):
    tokens = sentence.tokens
    if cue.lemma == "شدد" and not (_starts_clause(sentence, i) or tokens[i - 1].text in "”»\")"):
        return None  # "حصارا حوثيا مشددا على عدن", "إجراءات أمنية مشددة على": tight, not stressing
    k = i + 1
    while k < len(tokens) and (sentence.norm[k] in _TIME_WORDS or sentence.norm[k].startswith("لل") or sentence.norm[k] in _IN_CONTEXT_WORDS
                               or sentence.norm[k] in ("في", "وقت", "لاحق", "الماضي", "الضوء")):
        k += 1
    as_verb = Cue(cue.lemma, _PARTICIPLE_COMPLEMENTS.get(cue.lemma, "say"))
    k = _skip_adjuncts(sentence, k, as_verb)
    marker = _content_marker(sentence, k, as_verb)
    if marker is None:
        return None
    if sentence.norm[i].startswith(_BY_SAYING):
        speaker = None if continues else _by_saying_subject(sentence, i, entities)
        return (_make(sentence, i, cue, speaker, marker, "explicit"), marker) if speaker is not None else None
    # The subject of the clause: the first named mention before the participle in this sentence,
    # or the subject right after the sentence's verb ("أصدرت إسرائيل بيانا ... مؤكدة أن"). After
    # a claim of this sentence, its speaker: "وأوضح أن [المشرف على المركز] يشدد …، مشيرا إلى أن"
    # goes on with the speaker of أوضح, whose content names the centre.
    speaker = current
    attribution = "carried_over"
    if not continues and (current is None or current.start is None or current.start < sentence.start):
        named = [m for m in sentence.mentions if m.end <= tokens[i].start and m.entity_type in ("PERSON", "ORG")
                 and not _likened(sentence, m)]
        before = [m for m in named if not _governed(sentence, m)]
        # The opening verb's subject goes first if it stands before every name and agrees
        # ("وكانت [الوزارة] قد تلقت بلاغا … على موقع “تويتر” لافتة إلى" is the ministry's);
        # otherwise the first name.
        subject = _verb_subject(sentence, i, entities)
        by_name = False
        if before and not _subject_before_names(sentence, i, subject, before):
            subject, by_name = _speaker_for_mention(_holder(sentence, before), entities), True
        if subject is None and named:  # "وبدا الارتباك على [سون] …، وصرح قائلا": no other
            subject, by_name = _speaker_for_mention(_holder(sentence, named), entities), True
        # a plural participle is no one name's ("استنكر دبلوماسيون عرب مزاعم [نوري المالكي]، مؤكدين"),
        # nor a masculine one a feminine organisation's ("… الهيئة العامة للسياحة، مبينا": the
        # official the article quotes) or a feminine one a man's
        by_name = by_name and not _plural_form(_strip_wa(sentence.norm[i])) and not (
            subject is not None and _genders_differ(_cue_gender(tokens[i]), _speaker_gender(subject)))
        if subject is not None and (by_name or _agrees(tokens[i], subject)):
            speaker, attribution = subject, "explicit"
    if speaker is None or (attribution == "carried_over" and not _agrees(tokens[i], speaker)):
        group = None if continues else _plural_subject(sentence, i)
        if group is None:
            return None
        speaker, attribution = group, "explicit"
    return _make(sentence, i, cue, speaker, marker, attribution), marker


# words after the opening verb that are no subject: "وأشار إلى …، مؤكدين", "وقدموا الشكر …"
_NOT_SUBJECTS = COMPLEMENTIZERS | _ADJUNCT_PREPOSITIONS | _n(
    "من إلى الى على علي مع بين حول تجاه ضد ذلك هذا هذه هؤلاء كما أيضا أمس اليوم"
)
_PLURAL_TITLES = _n("الوزراء وزراء القادة قادة الرؤساء رؤساء السفراء سفراء النواب نواب الأعضاء أعضاء")
_KIN_PLURALS = _n("ذوو ذوي أهالي الأهالي أسر")  # "وأعرب ذوو الشهداء …، مؤكدين"


def _plural_looking(word: str) -> bool:
    """Does the normalized noun ``word`` look plural: a sound masculine plural (محللون،
    المختصين), a broken plural of the shapes فعلاء (خطباء، الوزراء) or فعّال (زوار، التجار), a
    quantifier ("عدد من …") or an unnamed-speaker word ("مسؤولون", "خبراء")?"""
    bare = word[2:] if word.startswith("ال") else word
    return (
        bare.endswith(("ون", "ين")) or (bare.endswith("اء") and len(bare) >= 4)
        or (len(bare) == 4 and bare[2] == "ا") or word in _QUANTIFIERS or word in _PLURAL_TITLES
        or word in _KIN_PLURALS
        or _unnamed_kind(word) is not None
    )


def _plural_subject(sentence: _Sentence, i: int) -> _Speaker | None:
    """The plural subject of the verb that opens the sentence, for a plural participle that no
    named or carried speaker agrees with: "دعا [عدد من المختصين] إلى …، مؤكدين أن", "ودعا
    [الوزراء] مجددا …، مؤكدين", "ندد [خطباء الجوامع] بمحافظة أملج …، مؤكدين", "اعتبر [محللون
    سياسيون أردنيون] تصرفات …". The participle agrees with it, so it is plural even when its
    head is a broken plural the word lists do not hold; it runs over definite words and
    indefinite plural adjectives. Not a name, a singular title ("الوزير"; "الوزراء" is one),
    an organisation's head, a feminine singular head ("الحكومة") or a plural of things in ات
    ("سهرات", whose verb would be feminine singular)."""
    if not _plural_form(_strip_wa(sentence.norm[i])):
        return None
    tokens, norm = sentence.tokens, sentence.norm
    verb = _opening_verb(sentence, i)
    if verb is None:
        return None
    opening_cue = _cue_at(sentence, verb)
    if opening_cue is not None and opening_cue.complement == "say":
        return None  # a cue whose own claim this sentence has
    subject = verb + 1
    head = norm[subject]
    if not _plural_looking(head):
        return None  # "وكان [ملف] مكافحة الإرهاب حاضرا …، مؤكدين": the participle's subject is elsewhere
    if (not tokens[subject].text.isalpha() or _inside_mention(sentence, tokens[subject].start)
            or is_title(tokens[subject].text) and not (head.endswith(("ون", "ين")) or head in _PLURAL_TITLES)
            or is_org_head(tokens[subject].text)
            or head.endswith(("ه", "ات")) or head in _NOT_SUBJECTS or head.startswith(("لل", "بال", "كال", "فال"))):
        return None
    end = subject + 1
    if head in _QUANTIFIERS and end + 1 < i and norm[end] in _FROM:  # "عدد من المختصين"
        end += 2
    while end < i and norm[end] not in _TIME_WORDS and (
        _definite(norm[end]) or (norm[end].endswith(("ون", "ين")) and not _definite(head))
    ):
        end += 1
    start, stop = tokens[subject].start, tokens[end - 1].end
    return _Speaker(None, sentence.text[start:stop], "group", start, stop)


def _by_saying_subject(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """The speaker of "بقوله" ("by his saying"): the subject of the verb of its own clause —
    "وخاطب [العمري] وزير الإسكان بقوله:", "وقدم [وزير الري الإثيوبي] … تطمينات بقوله إن". It
    goes with the verb right before it, whose subject a dropped one or a name earlier in a long
    sentence often is not ("حاول لاحقا اللعب على الكلام بقوله", "واختتمت بيانها بقولها"), so
    only a subject in the same clause is taken (no punctuation or clause opener between), never
    a name after a relative pronoun ("الأمور التي يعتبرها [مارك] …") or the complement of a
    prepositional object ("على تصريح [كاميرون]")."""
    tokens, norm = sentence.tokens, sentence.norm
    clause = 0
    for k in range(i - 1, -1, -1):
        if norm[k] in _RELATIVES:
            # "[رغد] التي تدرس في السنة الثالثة تحدثت … بقولها": the name before the relative
            # clause is the subject; a name inside it is not
            antecedent = next((m for m in sentence.mentions if k > 0 and m.end == tokens[k - 1].end
                               and m.entity_type in ("PERSON", "ORG")), None)
            speaker = _speaker_for_mention(antecedent, entities) if antecedent is not None else None
            return speaker if speaker is not None and _agrees(tokens[i], speaker) else None
        if tokens[k].text in "،,:؛" or norm[k] in _CLAUSE_OPENERS:
            clause = k + 1
            break
    subject = _verb_subject(sentence, i, entities)
    if subject is not None and subject.start is not None and subject.start >= tokens[clause].start and _agrees(tokens[i], subject):
        return subject
    for mention in sentence.mentions:
        if mention.start < tokens[clause].start or mention.entity_type not in ("PERSON", "ORG"):
            continue
        if mention.end > tokens[i].start:
            break
        k = sentence.token_at(mention.start)
        if k is None or _governed(sentence, mention) or _likened(sentence, mention) or (
                k >= 2 and _strip_wa(norm[k - 2]) in _PREPOSITIONS and not _definite(norm[k - 1])):
            continue
        speaker = _speaker_for_mention(mention, entities)
        return speaker if _agrees(tokens[i], speaker) else None
    return None


def _governed(sentence: _Sentence, mention: Mention) -> bool:
    """Is ``mention`` the object of a preposition — glued ("التابعة [للخطوط الجوية الماليزية]",
    "[بالأمم المتحدة]") or before it ("عن [منظمة الصحة]")? Then it is not the subject that a
    participle later in the sentence goes on with, while the sentence has another."""
    k = sentence.token_at(mention.start)
    if k is None:
        return False
    word = _strip_wa(sentence.norm[k])
    return word.startswith(("لل", "بال")) or (k > 0 and _strip_wa(sentence.norm[k - 1]) in _PREPOSITIONS)


def _subject_before_names(sentence: _Sentence, i: int, subject: _Speaker | None, before: list[Mention]) -> bool:
    """Does the opening verb's ``subject`` speak for the participle at ``i`` rather than the
    names ``before`` it? Only if it ends before the first, agrees with the participle, no
    clause opens between, and it is not a title whose holder is named next ("رئيس نادي الأحساء
    الأدبي [ظافر الشهري]", "مدير مكتب [الرئاسة العامة …] بالباحة [ناصر الغامدي]": the title's
    zone stops at the first indefinite word, the name is its holder)."""
    if subject is None or subject.start is None or subject.end is None or subject.end > before[0].start:
        return False
    if not _agrees(sentence.tokens[i], subject):
        return False
    end = sentence.token_after(subject.end, i)
    if any(word in _CLAUSE_OPENERS or _strip_wa(word) in _CLAUSE_OPENERS for word in sentence.norm[end:i]):
        return False  # "وأزاح أمير المنطقة الستار …، فيما ألقى مدير … [الفرطيش] كلمة …، مبينا"
    person = next((m for m in before if m.entity_type == "PERSON"), None)
    if subject.kind == "unnamed_official" and person is not None:
        between = sentence.text[subject.end:person.start]
        return any(mark in between for mark in "،,:؛")
    return True


def _likened(sentence: _Sentence, mention: Mention) -> bool:
    """Is ``mention`` compared with, not named as an actor — "تدريب فريق [كالشباب]" ("a team
    like Al-Shabab")? Such a name is never a participle's subject."""
    k = sentence.token_at(mention.start)
    return k is not None and _strip_wa(sentence.norm[k]).startswith("كال")


def _holder(sentence: _Sentence, before: list[Mention]) -> Mention:
    """The first of the mentions ``before``, or the person right after it when it is the
    complement of his title: "زعيم [المتمردين الحوثيين] [عبد الملك الحوثي] …، قائلا" is the man."""
    first = before[0]
    if first.entity_type != "PERSON" and len(before) > 1 and before[1].entity_type == "PERSON":
        k, at = sentence.token_after(first.end), sentence.token_at(first.start)
        if (k is not None and sentence.tokens[k].start == before[1].start and at
                and is_title(sentence.tokens[at - 1].text)):  # not "مليشيات الحوثي وصالح"
            return before[1]
    person = next((m for m in before if m.entity_type == "PERSON"), None)
    if first.entity_type != "PERSON" and person is not None and _closes_title_chain(sentence, first, person):
        return person
    return first


_CHAIN_REACH = 10  # tokens from a title to the name that closes its chain


def _closes_title_chain(sentence: _Sentence, first: Mention, person: Mention) -> bool:
    """Is ``person`` the holder of a title whose complements name ``first`` — "المدير العام
    للمكتب التنفيذي لـ[مجلس وزراء الصحة] لدول [مجلس التعاون] البروفيسور [توفيق خوجة]"? The
    title opens the chain right before ``first`` (over definite words), and only definite
    words, genitive nouns, titles and mentions stand between ``first`` and the name: no
    punctuation, no verb-like word with neither article nor mention."""
    norm, tokens = sentence.norm, sentence.tokens
    at, end = sentence.token_at(first.start), sentence.token_at(person.start)
    if at is None or end is None or end - at > _CHAIN_REACH:
        return False
    k = at - 1
    while k >= 0 and not is_title(tokens[k].text) and (_definite(norm[k]) or is_org_head(tokens[k].text)) and at - k <= 4:
        k -= 1  # over definite words and heads: "مدير [مكتب] [الرئاسة العامة …]"
    if k < 0 or not is_title(tokens[k].text):
        return False
    for j in range(at, end):
        word = norm[j]
        if tokens[j].text in "،,:؛-–—()«»\"“”" or word in _TIME_WORDS:
            return False
        if not (_definite(word) or is_title(tokens[j].text) or _inside_mention(sentence, tokens[j].start)
                or _mention_starts(sentence, tokens[j].start) or word.startswith(("ل", "بال"))):
            return False
    return True


# A second preposition a cue takes: "نوه بـ" praises, "نوه إلى" points out.
_OTHER_PREPOSITION = {"نوه": normalize_word("إلى")}
_PARTICIPLE_COMPLEMENTS = {"أشاد": "prep:ب", "نوه": "prep:ب", "سلط": "prep:على", "أعرب": "prep:عن"}
_PREPOSITIONS = _n("في من إلى الى على عن مع بين حول تجاه ضد لدى عند منذ خلال بعد قبل")
_FRONTED = _PREPOSITIONS | _n("بدوره بدورها بدورهم")


def _verb_subject(sentence: _Sentence, i: int, entities: dict[str, Entity]) -> _Speaker | None:
    """The subject of the verb that opens the sentence (after a fronted "من جانبها،"), when it is
    a place speaking for its government, an office holder or an organisation named by its head
    noun: "من جانبها، أصدرت [إسرائيل] بيانا ... مؤكدة أن", "وبدت [رئيسة المجلس] متحمسة ...، قائلة
    إن", "أكدت [حكومة الثني] …، معتبرة أن". The verb is the clause's first word, the subject its
    second."""
    tokens, norm = sentence.tokens, sentence.norm
    verb = _opening_verb(sentence, i)
    if verb is None:
        return None
    subject = verb + 1
    if is_title(tokens[verb].text) or is_org_head(tokens[verb].text):
        return None  # a clause that opens with a noun ("رئيس مجلس إدارة …، إن"): no verb, no subject
    start = tokens[subject].start
    place = next((m for m in sentence.mentions if m.start == start and m.entity_type == "LOC"), None)
    if place is not None:
        return _Speaker(place.entity_id, place.surface, "organization", place.start, place.end)
    title = norm[subject] in _OFFICE_TITLES
    unnamed = _unnamed_kind(norm[subject], documents=True)  # "ورفض ممثلو الأمن العام التعليق، قائلين"
    if title or unnamed is not None or is_org_head(tokens[subject].text):
        # the title or organisation and its definite complements ("رئيسة المجلس", "وزير الري
        # والمياه الإثيوبي", "حكومة الثني"), or a name: not the predicate after it ("متحمسة",
        # "حديثه", "عمق العلاقات")
        end = subject + 1
        while end < i and norm[end] not in _TIME_WORDS and (
            _definite(norm[end]) or _inside_mention(sentence, tokens[end].start)
            or _mention_starts(sentence, tokens[end].start)
            or (norm[end] in _REGION_NOUNS and end + 1 < i and (  # "أمين [منطقة] المدينة المنورة"
                _definite(norm[end + 1]) or _mention_starts(sentence, tokens[end + 1].start)))
        ):
            end += 1
        speaker = _speaker_from_zone(sentence, (subject, end), entities)
        if title:
            return speaker if speaker is not None and speaker.kind in ("person", "unnamed_official") else None
        if unnamed is not None:
            return speaker
        return speaker or _organisation_zone(sentence, (subject, end))
    return None


def _opening_verb(sentence: _Sentence, i: int) -> int | None:
    """The token of the verb that opens the sentence before the cue at ``i`` — its first word,
    or the first after a fronted "من جانبها،" — when a subject can stand between it and the
    cue; None when the sentence opens with a name or a long fronted topic ("وعن الاتفاق
    النووي مع إيران الذي …، أكد أن")."""
    tokens, norm = sentence.tokens, sentence.norm
    verb = 0
    if _fronted(norm[0]):
        # "من جانبها،", "وبدوره،", "وفي الرياض،": the clause starts after the comma
        verb = next((k + 1 for k in range(1, min(i, 5)) if tokens[k].text in "،,"), 0)
    if verb + 1 >= i or _fronted(norm[verb]) or _mention_starts(sentence, tokens[verb].start):
        return None
    return verb


def _fronted(word: str) -> bool:
    """Does the normalized ``word`` front a phrase before the verb — a preposition or "بدوره",
    with or without و ("وفي", "وعن", "فعن")? Not "وبين", the verb "and he explained"."""
    return (word in _FRONTED or word in _SHORT_TOPIC_WORDS
            or (word[:1] == "و" and word[1:] in _FRONTED and word[1:] != _BETWEEN))


_REGION_NOUNS = _n("منطقة محافظة مدينة ولاية إقليم بلدية")  # in a title, before the region's name


_LEARNED_CUE = Cue("علم", "say")
_THE_PAPER = _n("الصحيفة")


def _learned(sentence: _Sentence, i: int, entities: dict[str, Entity]):
    """"علمت «الوطن» من مصادر مطلعة أن …" / "وعلمت الصحيفة أن …": a paper's own report (Saudi
    papers' exclusives) — what the sources it names told it, or the paper's when it names none.
    Not a claim cue elsewhere: "علمت الأم أن" (the mother learned) says nothing. A later
    dropped subject ("وأشار إلى أن") goes on with this speaker, not with a name in the report."""
    tokens, norm, text = sentence.tokens, sentence.norm, sentence.text
    if i + 2 >= len(tokens):
        return None
    outlet = tokens[i + 1].text in '“«"(' or _strip_wa(norm[i + 1]) in _MEDIA_WORDS or norm[i + 1] in _THE_PAPER
    marker = next((k for k in range(i + 2, min(len(tokens), i + 16)) if norm[k] in COMPLEMENTIZERS), None)
    if not outlet or marker is None:
        return None
    sources = next((k + 1 for k in range(i + 2, marker - 1) if norm[k] == "من"), None)
    speaker = None
    if sources is not None:
        head = norm[sources]
        head = head[:-2] if head.endswith("ها") and _unnamed_kind(head[:-2]) else head  # "من مصادرها"
        kind = _unnamed_kind(head)
        if kind is not None:
            end = marker
            while end > sources + 1 and tokens[end - 1].text in "،,":
                end -= 1
            start, stop = tokens[sources].start, tokens[end - 1].end
            speaker = _Speaker(None, text[start:stop], kind, start, stop)
    if speaker is None:
        end = sources - 1 if sources is not None else marker
        while end > i + 2 and tokens[end - 1].text in "،,":
            end -= 1
        speaker = _speaker_from_zone(sentence, (i + 1, end), entities)
        if speaker is None and tokens[i + 1].text in '“«"(':  # an outlet the tagger left out: 'وعلمت "سبق" أن'
            close = next((k for k in range(i + 2, end) if tokens[k].text in '”»")'), None)
            if close is not None and close > i + 2:
                start, stop = tokens[i + 2].start, tokens[close - 1].end
                speaker = _Speaker(None, text[start:stop], "media", start, stop)
        if speaker is None or speaker.kind not in ("media", "organization"):
            return None
        speaker = _Speaker(speaker.entity_id, speaker.text, "media", speaker.start, speaker.end)
    content = _past_complementizer(sentence, marker)
    return _make(sentence, i, _LEARNED_CUE, speaker, content, "explicit"), content


def _relayed(sentence: _Sentence, i: int, entities: dict[str, Entity], current: _Speaker | None):
    """"ونقل عن X قوله: ..." / "ونقلت عنه وسائل إعلام روسية قوله: ..." / "ونقلت وكالة تسنيم
    للأنباء عن X قوله إن ..." (the outlet that relays before عن; X speaks)."""
    tokens, norm = sentence.tokens, sentence.norm
    qawl = next((k for k in range(i + 1, min(len(tokens), i + 22)) if norm[k] in _QAWL_WORDS), None)
    if qawl is None or i + 1 >= len(tokens):
        return None
    # عن right after the cue, or after the outlet that relays ("وكالة "رويترز"", "وسائل إعلام
    # محلية أمس السبت") within the clause
    at = next((k for k in range(i + 1, min(qawl, i + 1 + _RELAYER_TOKENS))
               if norm[k] in ("عن", "عنه", "عنها", "عنهم") or tokens[k].text in "،,.:؛"), None)
    about = norm[at] if at is not None else ""
    if about in ("عنه", "عنها", "عنهم") and at == i + 1:
        speaker, attribution = current, "carried_over"
    elif about == "عن" and at + 1 < qawl:
        # the source ends before a description of it ("عن مصدر وصفته بأنه موثوق قوله") or a comma
        end = next((k for k in range(at + 1, qawl) if tokens[k].text in "،," or _cue_at(sentence, k) is not None), qawl)
        speaker = _speaker_from_zone(sentence, (at + 1, end), entities)
        attribution = "explicit"
    else:
        return None
    if speaker is None:
        return None
    k = _past_addressee(sentence, qawl + 1) or qawl + 1
    if k == qawl + 1 < len(tokens) and norm[k].startswith("ل") and is_title(tokens[k].text[1:]):
        k = _noun_phrase_end(sentence, k, min(len(tokens), k + 8))  # "قولها لرئيس الوزراء التركي إنه": to whom
    k = _skip_adjuncts(sentence, k)
    said = Cue("قال", "say")
    marker = _content_marker(sentence, k, said) or _distant_marker(sentence, k, said)
    if marker is None:
        return None
    return _make(sentence, i, Cue("نقل", "say"), speaker, marker, attribution, cue_end_tok=qawl), marker


_RELAYER_TOKENS = 10  # "ونقلت وكالة أنباء الجمهورية الإسلامية الإيرانية عن": the relaying outlet


# "وفقا لـ" / "حسب" before a law, a plan or a decision means "in accordance with", not "according
# to" a source: "وفقا لميثاق الأمم المتحدة", "حسب الخطة", "وفق الجدول الزمني".
_RULE_WORDS = _n(
    "ميثاق قانون القانون دستور الدستور نظام النظام أنظمة الأنظمة قوانين القوانين لائحة اللائحة "
    "لوائح اللوائح قرار القرار قرارات القرارات مادة المادة الشريعة معايير المعايير خطة الخطة "
    "برنامج البرنامج جدول الجدول تعليمات التعليمات ضوابط الضوابط آلية الآلية شروط الشروط "
    "إجراءات الإجراءات توجيهات التوجيهات أحكام الأحكام مبدأ المبدأ مبادئ المبادئ أسس الأسس "
    "رؤية الرؤية استراتيجية الاستراتيجية الأصول العادة التوقيت الترتيب "
    "اتفاق الاتفاق اتفاقية الاتفاقية اتفاقيات الاتفاقيات عقد العقد عقود العقود "
    "مصلحة المصلحة مصالح المصالح"  # "وفقا للمصلحة العربية": in the interest of
)


def _rule_word(word: str) -> bool:
    """Is ``word`` (a source's first word, لـ attached or not) in ``_RULE_WORDS``?"""
    if word.startswith("لل") and len(word) > 4:
        word = "ال" + word[2:]
    elif word.startswith("ل") and len(word) > 3 and word not in _RULE_WORDS:
        word = word[1:]
    return word in _RULE_WORDS


def _attribution(sentence: _Sentence, i: int, entities: dict[str, Entity]):
    """"وفق ما ذكرت شبكة X" / "بحسب X" / "وفقا لـ X": the rest of the sentence is X's."""
    tokens, norm, text = sentence.tokens, sentence.norm, sentence.text
    j = i + 1
    if j < len(tokens) and norm[j] in ("ما", "لما"):  # "وفق ما ذكرت", "وفقا لما أوردته"
        j += 1
        if j < len(tokens) and (_cue_at(sentence, j) is not None or _reported_verb(norm[j])):
            j += 1
        if j < len(tokens) and norm[j] in ("عنه", "عنها"):
            j += 1
    if j < len(tokens) and norm[j] == "ل":
        j += 1  # "وفقا لـ رويترز"
    end = j
    while end < len(tokens) and end - j < 10 and (
        (tokens[end].text not in "،,.؛:!؟?" and norm[end] not in _SOURCE_ENDS)
        or sentence.in_quote(tokens[end].start)  # 'شبكة "سي. إن. إن"'
        or _inside_mention(sentence, tokens[end].start)  # "لويس فان غال": Van, not فإن
    ):
        end += 1
    if end == j or _rule_word(norm[j]):
        return None  # "وفقا لميثاق الأمم المتحدة": in accordance with a rule, not a source
    # the لـ of "وفقا لـ X" is the attribution's, not an addressee's (a mid-sentence one after a
    # claim never gets here: see _sentence_claims)
    speaker_end = end
    while speaker_end > j + 1 and norm[speaker_end - 1] in _TIME_WORDS:
        speaker_end -= 1  # "وفق ما أفادت مصادر عسكرية أمس الأحد": when, not who
    speaker = _speaker_from_zone(sentence, (j, speaker_end), entities, attribution=True, own_lam=True)
    if speaker is None:
        return None
    # Content: the clause this attribution is attached to.
    attribution_start = tokens[i].start
    if i <= 1:  # "وحسب تقارير غربية، استخدمت ..." → what follows
        first = end + 1 if end < len(tokens) and norm[end] not in _SOURCE_ENDS else end
        if first < len(tokens) and norm[first] in _BARE_SOURCE_ENDS:
            first += 1  # "وبحسب رويترز، فإن الهجوم": the content starts after فإن; "فإنه سيزور" keeps its pronoun
        content_start = tokens[first].start if first < len(tokens) else None
        content_end = sentence.end
    else:  # "..., وفق موقع أكسيوس" → what precedes, from the sentence start
        content_start = sentence.start
        content_end = _trim_end(text, sentence.start, attribution_start)
        if end < len(tokens) - 1 and tokens[end].text not in "،,":
            return None  # mid-sentence attribution attached to an unclear clause
    if content_start is None or content_end <= content_start:
        return None
    claim = Claim(sentence.index, speaker.entity_id, speaker.text, speaker.kind, _source_lemma(tokens[i].text),
                  tokens[i].text, tokens[i].start, tokens[i].end, speaker.start, speaker.end, content_start,
                  _trim_end(text, content_start, content_end), "indirect", "source")
    return claim, end


# Verbs of publishing after "وفقا لما" / "بحسب ما" (no claim cues on their own: "نشرت الصحيفة
# صورا"), with or without the object pronoun: "وفقا لما أوردته وكالة أنباء الإمارات".
_REPORTED_VERBS = _n(
    "أورد أوردت أورده أوردته أوردتها نشر نشرت نشره نشرته نشرتها أفاد أفادت أفادته أفادتها "
    "نقل نقلت نقله نقلته نقلتها"
)


def _reported_verb(word: str) -> bool:
    """A cue or publishing verb, with an object pronoun, after ما: "أوردته", "ذكره", "نقلته"."""
    if word in _REPORTED_VERBS:
        return True
    lexicon = cue_lexicon()
    for pronoun in ("ها", "ه"):  # ه is ة folded: "ذكره" is ذكر + ه
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 3 and word[: -len(pronoun)] in lexicon:
            return True
    return False


def _closes_own_quote(descriptor: str) -> bool:
    """Does the mark that ends ``descriptor`` close a quotation opened inside it ("صحيفة
    «آس»", 'صحيفة "ستار"')? A speaker's name keeps that mark."""
    mark = descriptor[-1]
    if mark == '"':
        return descriptor.count('"') % 2 == 0
    return 0 < descriptor.count(QUOTE_OPENERS[mark]) >= descriptor.count(mark)


def _source_lemma(word: str) -> str:
    """The attribution word without its conjunction: "ووفقا" → "وفقا", "وبحسب" → "بحسب", but
    "وفق" stays "وفق" (its و is the word's own)."""
    norm = normalize_word(word)
    return norm[1:] if norm[:1] == "و" and norm[1:] in _ATTRIBUTION_WORDS else norm


def _headline(sentence: _Sentence, i: int, entities: dict[str, Entity]):
    """"X: “...”" at the start of a sentence."""
    tokens = sentence.tokens
    first = next((m for m in sentence.mentions if m.start == tokens[i].start or m.start == tokens[i].start + 1), None)
    if first is None:
        return None
    k = sentence.token_after(first.end)
    if k is None or tokens[k].text != ":" or k + 1 >= len(tokens):
        return None
    speaker = _speaker_for_mention(first, entities)
    content_start = tokens[k + 1].start
    content_end = _trim_end(sentence.text, content_start, sentence.end)
    claim = Claim(sentence.index, speaker.entity_id, speaker.text, speaker.kind, ":", ":", tokens[k].start, tokens[k].end,
                  speaker.start, speaker.end, content_start, content_end,
                  _quote_type(sentence.text, content_start, content_end), "explicit")
    return claim, k + 1


_ACCUSED = "اتهم"
# عبّر عن (expressed) is written like عبر (across, via): only its عن makes it the cue.
_EXPRESSED, _ABOUT = "عبر", "عن"


def _accusation(sentence: _Sentence, i: int, cue: Cue, entities: dict[str, Entity], current: _Speaker | None):
    """The claim of "اتهم" (accused) when what comes before the charge (the بـ word) says who
    accused whom: one name alone is the accused and the subject is dropped ("واتهم أوكرانيا
    بشن قصف": the last speaker accuses, if he agrees with the verb; otherwise no claim, never
    the accused), a title before the name is the accuser ("واتهم الوزير الروسي أوكرانيا بشن").
    ``(claim, content token)``, ``False`` for no claim, or None when neither case holds."""
    tokens, norm = sentence.tokens, sentence.norm
    charge = next((k for k in range(i + 2, min(len(tokens), i + 12))
                   if norm[k].startswith("ب") and len(norm[k]) > 2 and not _inside_mention(sentence, tokens[k].start)), None)
    if charge is None or any(t.text in "،,:؛." for t in tokens[i + 1:charge]):
        return None
    last = next((m for m in reversed(sentence.mentions)
                 if m.start < tokens[charge].start and sentence.token_after(m.end) == charge), None)
    if last is None or last.entity_type == "PERSON":
        return None
    first = sentence.token_at(last.start)
    if first == i + 1:  # one name and the charge: the accused, the subject dropped
        if current is None or not _agrees(tokens[i], current) or not (
                _starts_clause(sentence, i) or norm[i][:1] in "وف"):
            return False
        return _make(sentence, i, cue, current, i + 1, "carried_over"), i + 1
    if first is None or _inside_mention(sentence, tokens[i + 1].start):
        return None
    head = _strip_wa(norm[i + 1])
    if not (is_title(tokens[i + 1].text) or head in _OFFICE_TITLES or _unnamed_kind(head) is not None):
        return None
    inside = sentence.mentions_between(tokens[i + 1].start, tokens[first].start)
    speaker = _speaker_from_zone(sentence, (i + 1, first), entities)
    if speaker is None or (inside and speaker.kind != "person"):
        return None  # "وزير خارجية روسيا أوكرانيا": a place inside the title, left to the usual rule
    return _make(sentence, i, cue, speaker, first, "explicit"), first


def _first_np_speaker(sentence: _Sentence, k: int, entities: dict[str, Entity]):
    mention = next((m for m in sentence.mentions if m.start >= sentence.tokens[k].start and m.start <= sentence.tokens[min(k + 2, len(sentence.tokens) - 1)].start), None)
    if mention is None:
        return None, k
    end_tok = sentence.token_after(mention.end, len(sentence.tokens))
    return _speaker_for_mention(mention, entities), end_tok


def _descriptor_subject(sentence: _Sentence, k: int, stop: int | None = None) -> tuple[_Speaker | None, int]:
    """"ويتهم المسؤولون الأميركيون والكوريون الجنوبيون كوريا الشمالية ...": an unnamed
    subject runs from its head word to the first named entity (the object), or to ``stop``
    ("ونفى المسؤول [صحة] الشائعات")."""
    if k >= len(sentence.tokens):
        return None, k
    kind = _unnamed_kind(_strip_wa(sentence.norm[k]))
    if kind is None or stop == k:
        return None, k
    end = k + 1
    while end < len(sentence.tokens) and end - k < 6 and not _mention_starts(sentence, sentence.tokens[end].start) \
            and sentence.tokens[end].text not in "،,.:" and end != stop:
        end += 1
    start_char, end_char = sentence.tokens[k].start, sentence.tokens[end - 1].end
    return _Speaker(None, sentence.text[start_char:end_char], kind, start_char, end_char), end


def _speaker_for_mention(mention: Mention, entities: dict[str, Entity], text: str | None = None) -> _Speaker:
    entity = entities.get(mention.entity_id)
    kind = "person" if mention.entity_type == "PERSON" else "organization"
    before = [w for w in (text or "")[max(0, mention.start - 14):mention.start].split() if any(c.isalpha() for c in w)]
    if kind == "organization" and (
        (entity is not None and _is_media_entity(entity)) or (before and normalize_word(_strip_wa(before[-1])) in _MEDIA_WORDS)
    ):
        kind = "media"
    return _Speaker(mention.entity_id, mention.surface, kind, mention.start, mention.end)


def _is_media(name: str) -> bool:
    return any(normalize_word(w) in _MEDIA_WORDS for w in name.split()[:2])


def _is_media_entity(entity: Entity) -> bool:
    """An outlet by its name ("صحيفة عكاظ") or, for one the gazetteer knows by a bare name
    ("رويترز", "سي إن إن", "بلومبرغ"), by a spelling it lists ("وكالة رويترز")."""
    if _is_media(entity.canonical_name):
        return True
    entry = load_gazetteer().by_key(entity.name_key)
    return entry is not None and any(normalize_word(v.split()[0]) in _OUTLET_HEADS for v in entry.variants)


# Heads of a news outlet's listed spellings (not "موقع": "موقع تويتر" is a platform)
_OUTLET_HEADS = _n("وكالة صحيفة جريدة شبكة قناة مجلة إذاعة تلفزيون تليفزيون راديو فضائية")


def _speaker_from_zone(
    sentence: _Sentence, zone: tuple[int, int], entities: dict[str, Entity],
    attribution: bool = False, own_lam: bool = False, current: _Speaker | None = None,
) -> _Speaker | None:
    """Resolve the tokens between the cue and the content to a speaker. ``own_lam``: a لـ on the
    zone's first word is the attribution's ("وفقا لوكالة رويترز فإن"), not an addressee's.
    ``current``: the speaker the article was reporting, whom a bare job may name again."""
    a, b = zone
    if a >= b or b > len(sentence.tokens):
        return None
    tokens, text = sentence.tokens, sentence.text
    if tokens[a].text.endswith(("ًا", "اً")) and not attribution:
        # "وأضاف ووقوفًا على …": a word in the accusative is no subject (an adverb, or the
        # object of "كتب عدداً من التغريدات"); without one, better no claim than a wrong one
        return None
    start, end = tokens[a].start, tokens[b - 1].end
    cut = next((k for k in range(a + 1, b) if sentence.norm[k] == "ل" or _adjunct_at(sentence, k)
                or _told_outlet(sentence, k) or sentence.norm[k + 1 : k + 2] == [_TEMPORAL_AN]), None)
    if cut is not None:  # "الوزير لـ«الجزيرة»": the addressee is not part of the speaker, nor
        end = tokens[cut - 1].end  # where or about whom: "جورباتشوف عن الأمير سعود", "الحركة في بيانها"
    if tokens[a].text in "“«\"”»":  # ” and » open names too in some outlets ("وفقاً لـ”العربية نت”")
        start = tokens[min(a + 1, b - 1)].start
    while end > start and text[end - 1] in "”\"»" and not _closes_own_quote(text[start:end]):
        end -= 1  # a quotation's closing mark, not the end of a quoted name ("صحيفة «آس»")
    if end < len(text) and text[end] in "”\"»" and _closes_own_quote(text[start:end + 1]):
        end += 1  # the closing mark of a quoted name the zone stopped before: "بنك «غولدمان ساكس»"
    # the zone's first word, without a conjunction و — unless the word itself starts with و (وسائل، وزارة)
    raw_head = sentence.norm[a]
    head = _strip_wa(raw_head)
    if raw_head in _SPEAKER_HEADS:
        head = raw_head
    zone_start = start  # a mention may begin with the لـ cut off below ("لمعهد …")
    restored = ""
    if own_lam and head.startswith("ل") and len(head) > 3:
        if head.startswith("لل"):  # "وفقا للمفوضية": ل + المفوضية, whose alef is not written
            head, restored = "ا" + head[1:], "ا"
        else:
            head = head[1:]
        if text[start] == "ل":
            start += 1
    descriptor = restored + text[start:end]
    if head in _QUANTIFIERS:  # "بعض الخبراء", "عدد من المتخصصين", "الكثير من المحللين"
        of = a + 1 < len(tokens) and sentence.norm[a + 1] in _FROM
        k = a + 1 + of
        counted = sentence.norm[k] if k < len(tokens) else ""
        kind = "group" if counted in _COUNTED_PEOPLE else _unnamed_kind(counted)
        if kind is None and _people_plural(counted) and (of or head != _NUMBER):
            kind = "group"  # "عدد من المستهلكين"; not "حسب عدد المشتركين" (the number of)
        if kind is not None:
            end = max(end, tokens[k].end)  # the zone stops at من: "عدد [من المتخصصين]"
            return _Speaker(None, text[start:end], kind, start, end)
    if head in _SOME_PEOPLE:  # "واعتبر الكثيرون هذا الطرح …": the pronoun alone, not its object
        end = tokens[a].end
        return _Speaker(None, text[start:end], "group", start, end)
    relative = next((tokens[k].start for k in range(a + 1, b) if sentence.norm[k] in _RELATIVES), end)
    outside = sentence.mentions_between(zone_start, end)
    inside = [
        m for m in outside
        if (own_lam or not _addressee(sentence, m)) and m.start < relative  # not in "الذي …"
    ]
    if not own_lam and raw_head.startswith("ل") and is_org_head(tokens[a].text[1:]):
        return None  # "قال لهيئة الإذاعة الأميركية (سي إن إن) إنه": to whom, and no one else
    if not inside and outside and a == zone[0] and head not in _SPEAKER_HEADS and outside[0].start < tokens[a].end:
        # "تؤكد لموسكو أن": only an addressee, no speaker ("وقال الوزير لـ«الجزيرة»" has one;
        # "أوضح مكتب العمل بجازان" has one before its place)
        return None
    coordinated = _coordinated(sentence, inside, a) or head in _JOINT_WORDS or any(n in _COORD_WORDS for n in sentence.norm[a:b])
    persons = [m for m in inside if m.entity_type == "PERSON" and not _names_organisation(sentence, m)]
    if len(persons) > 1:  # 'محمد المحيشي "بائع"', 'فهد الخنيفر -مشرف-': a quoted word describes the man
        persons = [persons[0]] + [m for m in persons[1:] if not _set_off(text, m)]
    if any(not _in_aside(sentence, m, a, b) for m in persons):
        # "يصف عبد الرحمن الحقباني (ابن أخت سعود الدوسري)، الفقيد بأنه": not the man in the aside
        persons = [m for m in persons if not _in_aside(sentence, m, a, b)]
    if head in _FOLLOWERS and persons and persons[0].start > tokens[a].start:
        # "يقول مؤيدو دورسي إنه": his supporters speak, not Dorsey
        return _Speaker(None, descriptor, "group", start, end)
    if head in _OFFICE_WORDS and not any(m.start <= start and m.entity_type != "LOC" for m in inside):
        # "قال مكتب رئيس الوزراء أحمد داود أوغلو إن": the office speaks, not the man (a named
        # office, "مكتب التحقيقات الفيدرالي", stays the organisation it names)
        return _Speaker(None, descriptor, "organization", start, end)
    if persons and not coordinated and not attribution and _indefinite_subject(sentence, a, persons[0]):
        # "اتهم نائب فرنسي معارض ديفيد كاميرون بالإخفاق": an indefinite subject, then the object
        end = tokens[sentence.token_at(persons[0].start) - 1].end
        return _Speaker(None, text[start:end], "group" if head in _GROUP_WORDS else "unnamed_official", start, end)
    if persons and not coordinated:
        m = persons[-1] if not attribution and not _apposed_title(sentence, persons[0]) else persons[0]
        subject = _subject_before_object(sentence, persons)
        if subject is not None and not attribution:
            m, end = subject, subject.end
            descriptor = text[start:end]
        elif m.end <= relative < end:  # "السفير عبدالله آل الشيخ والذي شدد": the man, not his clause
            end = _trim_end(text, start, relative)
            descriptor = restored + text[start:end]
        return _Speaker(m.entity_id, descriptor if _starts_with_title(sentence, a) else m.surface, "person", start, end)
    if head in _OFFICIAL_WORDS:
        return _Speaker(None, descriptor, "unnamed_official", start, end)
    if coordinated:
        return _Speaker(None, descriptor, "group", start, end)  # "واشنطن وسول", "الزعيمان"
    if head in _JOB_NOUNS and not persons and not inside:
        return _job_holder(sentence, a, b, descriptor, start, end, entities, current)
    if head in _OFFICE_TITLES and not persons:
        holder = _title_antecedent(sentence, _title_keys(sentence.norm[a:b]), start)
        if holder is not None:  # "وقال الوزير إن": the minister named earlier
            return _Speaker(holder.entity_id, descriptor, "person", start, end)
        return _Speaker(None, descriptor, "unnamed_official", start, end)  # "وقال وزير الخارجية الروسي"
    if not inside and head.startswith("ال"):
        antecedent = _definite_antecedent(sentence, head, start)
        if antecedent is not None:  # "الوزارة" → the ministry named earlier
            speaker = _speaker_for_mention(antecedent, entities, text)
            return _Speaker(speaker.entity_id, descriptor, speaker.kind, start, end)
    if head in _GROUP_WORDS:  # "وقال محللون في وحدة «شيبن» للتجارة": the analysts, not their unit
        return _Speaker(None, descriptor, "group", start, end)
    orgs = [m for m in inside if m.entity_type == "ORG"]
    if orgs and not persons and not attribution and is_title(tokens[a].text) and orgs[0].start > tokens[a].start:
        # "عضو [المجلس البلدي] بمدينة عرعر ماجد المطلق": a title's holder, whose name the tagger
        # missed, speaks — not the organisation in his title
        return _Speaker(None, descriptor, "unnamed_official", start, end)
    if head in _MEDIA_WORDS or (orgs and _is_media(text[orgs[0].start:orgs[0].end])):
        m = orgs[0] if orgs else None
        return _Speaker(m.entity_id if m else None, descriptor, "media", start, end)
    if orgs:
        m = orgs[0]
        kind = _speaker_for_mention(m, entities, text).kind
        return _Speaker(m.entity_id, m.surface if m.start == start else descriptor, kind, start, end)
    if head in _DOCUMENT_WORDS:
        return _Speaker(None, descriptor, "document", start, end)
    places = [m for m in inside if m.entity_type == "LOC"]
    if places and places[0].start <= start + 1:
        m = places[0]  # "وتقول واشنطن وسول إن": a capital speaking for its government
        return _Speaker(m.entity_id, descriptor, "organization", start, end)
    if head in _DEFINITE_HEADS or any(m.entity_type == "PERSON" and _names_organisation(sentence, m) for m in inside):
        # "وقالت شرطة سانت لويس إن", "وتزعم إدارة أوباما": the person names the organisation
        return _Speaker(None, descriptor, "organization", start, end)
    if (is_org_head(tokens[a].text) or head in _AUTHORITIES) and _noun_phrase_end(sentence, a, b) == b:
        return _Speaker(None, descriptor, "organization", start, end)  # "وقالت الشركة التي تدير المطار إن"
    if b == a + 1 and not outside:
        person = _surname_of(raw_head, entities)
        if person is not None:  # "وأضاف حزام أن": the tagger missed the surname of a man named before
            return _Speaker(person.entity_id, descriptor, "person", start, end)
    return None


def _job_holder(
    sentence: _Sentence, a: int, b: int, descriptor: str, start: int, end: int,
    entities: dict[str, Entity], current: _Speaker | None,
) -> _Speaker | None:
    """The speaker of a zone that opens with a job or honorific and holds no mention ("وقال
    الباحث إن", "وأضاف المحامي:", "وأكد اللاعب المصري أن"), in this order:

    - the person the article introduced with that title ("الباحثة سارة العتيبي" … "وأضافت
      الباحثة أن");
    - the person of the article whose surname follows ("وأشار الدكتور الغفيص" after "الدكتور
      علي بن ناصر الغفيص") or is the job word itself ("وذكر المهندس" after "ماجد المهندس");
    - a person the tagger did not find, when an indefinite word, his name, follows the job
      and its adjectives ("وأكد التاجر باقر الهبدان"): a person, without an entity;
    - with the job and its definite adjectives alone, the person the article was quoting, as
      news names a speaker again by trade ("وقال كرشيد: …" … "وأضاف المحامي:", "ويعتقد
      فرديناند …" … "وقال المدافع الذي اعتزل"), if the genders agree (a feminine job goes
      back only to a speaker shown feminine: a bare name shows no gender); an unnamed person
      when the article was quoting no named person.

    None when the words after the job run on too long to be a name, or begin with a
    demonstrative, or, with no one to go back to, a long phrase follows the job: the zone took
    in the cue's object ("ويتوقع المواطن تعاطف بعض …", "أن تشكر الكاتبة على طرحها …")."""
    holder = _title_antecedent(sentence, _title_keys(sentence.norm[a:b]), start)
    if holder is not None:
        return _Speaker(holder.entity_id, descriptor, "person", start, end)
    words = [k for k in range(a, b) if sentence.tokens[k].end <= end]
    for k in words:  # the job word itself may be the surname: "وذكر المهندس" after "ماجد المهندس"
        named = _surname_of(sentence.norm[k], entities)
        if named is not None:
            return _Speaker(named.entity_id, descriptor, "person", start, end)
    words = words[1:]
    rest = 0  # the zone's words after the job's description
    for n, k in enumerate(words):
        word = sentence.norm[k]
        if (not sentence.tokens[k].text.isalpha() or word in _RELATIVES or _strip_wa(word) in _PREPOSITIONS
                or (word[:1] in "لب" and (_definite(word[1:]) or is_org_head(word[1:]) or is_title(word[1:])))):
            rest = len(words) - n  # the description ends: "المدافع الذي اعتزل", "المنتقل إلى", "السابق لنادي"
            break
        if _definite(word) or (word[:1] == "و" and is_title(word[1:])):
            continue  # an adjective, or another title: "المهاجم الألماني الدولي", "اللاعب والمدرب"
        if word in _KIN_NOUNS:  # "الطالبة ابنة المعلمة المتوفية": someone's daughter
            return _Speaker(None, descriptor, "unnamed_official", start, end)
        if len(words) - n > _NAME_MAX_WORDS or word in _VACUOUS:
            return None  # "ويتوقع المواطن تعاطف بعض أولئك", "وصف المهندس هذه المناسبة": the object
        return _Speaker(None, descriptor, "person", start, end)  # a name the tagger missed
    unnamed = _Speaker(None, descriptor, "unnamed_official", start, end)
    if (current is not None and current.kind == "person" and current.entity_id is not None
            and (_speaker_gender(unnamed) or "m") == (_speaker_gender(current) or "m")):
        return _Speaker(current.entity_id, descriptor, "person", start, end)
    if rest > _NAME_MAX_WORDS:
        return None  # "أن تشكر الكاتبة على طرحها البناء وحرصها …": whom, not who, and no one to go back to
    return unnamed


_NAME_MAX_WORDS = 4


_KIN_NOUNS = _n("ابن ابنة بنت نجل كريمة شقيق شقيقة أخ أخت زوج زوجة والد والدة أبو أم أرملة حفيد حفيدة")


def _set_off(text: str, mention: Mention) -> bool:
    """Is the one-word ``mention`` set off by quotation marks or dashes ('"بائع"', "-مشرف-")?"""
    before, after = text[max(0, mention.start - 1):mention.start], text[mention.end:mention.end + 1]
    return " " not in mention.surface and before in "\"“«-–" and before != "" and after in "\"”»-–" and after != ""


def _surname_of(word: str, entities: dict[str, Entity]) -> Entity | None:
    """The one person of the article whose name ends in ``word`` (normalized, without و): the
    taggers miss a bare surname more often than a full name ("وأضاف حزام أن" after "نبيل
    حزام"). None when no person, or more than one, has that last word, or the word is a
    common given name."""
    word = _strip_wa(word)
    if len(word) < 3 or word in COMMON_NAMES:
        return None
    found = [e for e in entities.values() if e.entity_type == "PERSON" and len(e.canonical_name.split()) > 1
             and normalize_word(e.canonical_name.split()[-1]) == word]
    return found[0] if len(found) == 1 else None


# Offices that begin another person's description after a name (honorifics such as الدكتور,
# الشيخ, الأمير or النائب come before the speaker's own name, and are not here).
_OBJECT_TITLES = _n(
    "رئيس الرئيس رئيسة الرئيسة وزير الوزير وزيرة الوزيرة سفير السفير سفيرة السفيرة زعيم الزعيم "
    "مدير المدير مديرة المديرة مبعوث المبعوث مندوب المندوب مستشار المستشار مستشارة أمين الأمين "
    "حاكم الحاكم مفوض المفوض مدرب المدرب متحدث المتحدث متحدثة المتحدثة ناطق الناطق محلل"
)


def _apposed_title(sentence: _Sentence, person: Mention) -> bool:
    """Is ``person`` followed by a comma and a title — an apposition describing him ("صادق زيبا
    كلام، مستشار الرئيس روحاني،")? Then he speaks, not a name inside his description."""
    k = sentence.token_after(person.end)
    return (
        k is not None and k + 1 < len(sentence.tokens) and sentence.tokens[k].text in "،,"
        and is_title(sentence.tokens[k + 1].text)
    )


def _indefinite_subject(sentence: _Sentence, a: int, person: Mention) -> bool:
    """Does the zone at token ``a`` open with an indefinite official and its adjectives ("نائب
    فرنسي معارض", "مسؤول أمريكي") right before ``person``? A name follows a definite title
    ("النائب الفرنسي ديفيد"), so after an indefinite one the person is the cue's object. After
    indefinite people in the plural no one name can be in apposition, even right after the
    head: "ويتهم معارضون نكورونزيزا بمخالفة الدستور" is the opponents' claim, and "فقال
    مسؤولون روس" the officials' where the tagger made a person of روس."""
    p = sentence.token_at(person.start)
    head = _strip_wa(sentence.norm[a])
    plural = head in _PLURAL_PEOPLE
    if p is None or p - a < (1 if plural else 2) or p - a > 4:  # a head and its adjectives ("مستشار خامنئي": whose)
        return False
    if not plural and head not in _OFFICIAL_WORDS and not (is_title(head) and not head.startswith("ال")):
        return False
    return all(
        sentence.tokens[k].text.isalpha() and not _inside_mention(sentence, sentence.tokens[k].start)
        and not sentence.norm[k].startswith(("ال", "لل"))
        and (sentence.tokens[k].text.endswith("ي") or sentence.norm[k] in _INDEFINITE_ADJECTIVES
             or (plural and sentence.norm[k].endswith(("يون", "يين"))))  # "باحثون بريطانيون"
        for k in range(a + 1, p)
    )  # adjectives only: after "رئيس بلدية تشاتانوغا" (a noun) the name is the mayor's


# Indefinite people in the plural, who may open a speaker's description: the sound and
# construct plurals of the group and official words, and their broken plurals (not the
# definite المحللون: "قال المحللون في بنك X" is unaffected, and a definite head is named).
_PLURAL_PEOPLE = frozenset(
    w for w in (_GROUP_WORDS | _OFFICIAL_WORDS) - _SOME_PEOPLE - _n("إحدى دبلوماسي قيادي")
    if not w.startswith("ال")
    and (w.endswith(("ون", "ين", "و", "ي")) or w in _n("خبراء شهود سكان علماء تجار أطباء نشطاء مصادر منظمات"))
)


_INDEFINITE_ADJECTIVES = _n("معارض سابق كبير بارز رفيع مطلع")


def _subject_before_object(sentence: _Sentence, persons: list[Mention]) -> Mention | None:
    """The first of two people when a title right after the first begins the second, the
    object of the cue: "انتقد الرئيس الأمريكي باراك أوباما [رئيس الوزراء الإسرائيلي بنيامين
    نتنياهو]، بقوله إنه", "وقال دينيس روس [مستشار أوباما] السابق". An office, not an honorific:
    "مستشار خامنئي الدكتور علي أكبر ولايتي" and "شيخ قبيلة بني عامر الشيخ عبدالعزيز" are the second
    man's titles, and so is "المتحدث باسم الرئيس الروسي فلاديمير بوتين دميتري بيسكوف" (no title
    between the two)."""
    for first, second in zip(persons, persons[1:]):
        k = sentence.token_after(first.end)
        if k is None or sentence.norm[k] not in _OBJECT_TITLES:
            continue
        between = sentence.text[first.end:second.start]
        if not any(ch in between for ch in "،,") and " و" not in between:
            return first
    return None


def _adjunct_at(sentence: _Sentence, k: int) -> bool:
    """Does an adjunct of the speaker's words start at token ``k``: "في بيانها", "في تقرير", or a
    preposition right after a person's name ("قال جورباتشوف عن الأمير سعود", "وقال الوزير هان
    أمام المؤتمر", "وقال السيسي في الحفل")?"""
    norm = sentence.norm
    if norm[k] == "في" and k + 1 < len(norm) and norm[k + 1] in _ADJUNCT_NOUNS:
        return True
    previous_end = sentence.tokens[k - 1].end
    return norm[k] in _ADJUNCT_PREPOSITIONS and any(
        m.end == previous_end and m.entity_type == "PERSON" for m in sentence.mentions
    )


def _noun_phrase_end(sentence: _Sentence, a: int, b: int) -> int:
    """Where the noun phrase that begins at token ``a`` ends, by ``b`` at most: its head and the
    definite words, names and quoted names after it, and a relative clause on it ("الشركة التي
    تدير المطار"); not an object after it ("حكومة الثني [عمق العلاقات]")."""
    end = a + 1
    while end < b:
        word = sentence.norm[end]
        if word in _RELATIVES:
            return b
        token = sentence.tokens[end]
        if not (_definite(word) or _inside_mention(sentence, token.start)
                or _mention_starts(sentence, token.start) or token.text in "“”«»\""
                or sentence.in_quote(token.start)):  # 'شركة «سنتريكا» البريطانية'
            return end
        end += 1
    return end


_COORD_WORDS = _n("وحلفاؤها وحلفاؤه وحلفائها وشركاؤها وشركاؤه وشركائها ونظيره ونظيرته ونظيرها ونظراؤه")
_HONORIFICS = _n("السيدة الملك الأمير الأميرة الشيخ الشيخة الإمام")


def _names_organisation(sentence: _Sentence, mention: Mention) -> bool:
    """A person named right after an organisation's head noun without its article names the
    organisation, and is not its voice: "وقالت الدراسة التي نفذها مركز السيدة [خديجة خويلد]
    لسيدات الأعمال إن", "مؤسسة [الأمير سلطان] الخيرية". An honorific may stand between them.
    After a definite head the name is the office holder's: "رئيس النادي [سعود الحربي]"."""
    index = sentence.token_at(mention.start)
    if index is None or index == 0:
        return False
    before = index - 1
    if sentence.norm[before] in _HONORIFICS and before > 0:
        before -= 1
    head = _strip_wa(sentence.norm[before])
    if head.startswith(("ال", "لل", "بال")) or sentence.tokens[before].text.endswith("نادى"):
        return False  # نادى is the verb "called", not نادي, a club
    return is_org_head(sentence.tokens[before].text)


def _addressee(sentence: _Sentence, mention: Mention) -> bool:
    """A name glued to a preposition ("لبوتين", "بموسكو", "للجيش") or after a detached "لـ" ("لـ محمد بن
    سلمان", "لـ«الحياة»") is an addressee or object, not a speaker — unless the لـ is that of
    "وفقا لـ" ("وفقًا لمعهد الأمن القومي": the source)."""
    index = sentence.token_at(mention.start)
    if index is None:
        return False
    token = sentence.tokens[index]
    source = index > 0 and sentence.norm[index - 1] in _ATTRIBUTION_WORDS
    if mention.start > token.start:
        glued = sentence.text[token.start]
        return glued == "ب" or (glued == "ل" and not source)
    if token.text.startswith("لل") and len(token.text) > 4:
        return not source  # "تابع [للجيش البريطاني]": ل + the article, whose alef is gone
    while index > 0 and sentence.tokens[index - 1].text in "“«\"":
        index -= 1
    return index > 0 and sentence.norm[index - 1] == "ل"


_JOINT_WORDS = _n("الزعيمان الزعيمين الجانبان الجانبين البلدان البلدين الطرفان الطرفين الرئيسان الوزيران")
# "وأعلنت السلطات التركية أن", "وقالت سلطات الاحتلال إن", "ذكرت الأجهزة الأمنية أن": a state's
# organs speak as one organisation (not heads of organisation names, so not among the NER's).
_AUTHORITIES = _n("السلطات سلطات الأجهزة أجهزة")
_DEFINITE_HEADS = _n("الوزارة الوكالة المعهد الموقع الشبكة الصحيفة الحكومة الجيش السفارة المنظمة الهيئة الحزب الحركة المجلس الرئاسة القناة المركز المخابرات الاستخبارات"
                     " المرصد النيابة الجوازات الأرصاد الخارجية الداخلية البلدية الأمانة العمادة")


def _coordinated(sentence: _Sentence, inside: list[Mention], a: int | None = None) -> bool:
    """Two named speakers joined by و: "واشنطن وسول", "بيونغ يانغ وموسكو", "مشجعو النادي صالح
    الحبشي وخالد العتيبي". Two places or organisations count at the start of the zone that
    begins at token ``a`` ("كل من" may come first), not inside a title: "الرئيس العام لشؤون
    المسجد الحرام والمسجد النبوي عبدالرحمن السديس" is one man."""
    tokens = sentence.tokens
    for first, second in zip(inside, inside[1:]):
        people = first.entity_type == second.entity_type == "PERSON"
        if a is not None and not people and first.start > tokens[min(a + 2, len(tokens) - 1)].end:
            continue
        if first.entity_type == "ORG" and second.entity_type == "LOC" and first.surface.split()[-1][0] in "لب":
            continue  # "الهيئة الملكية للجبيل وينبع": the second place is in the name, no second speaker
        between = sentence.text[first.end:second.start]
        if between.strip() in ("و", "") and between.startswith(" ") and sentence.text[second.start - 1] == "و":
            return True
        if between.strip() == "و":
            return True
        words = between.split()
        if (people and words and len(words) <= 2 and words[0].startswith("و") and len(words[0]) > 2
                and is_title(words[0][1:])):
            return True  # "الملك سلمان والأمير محمد بن نايف", "الوزير خالد الفالح والوزير عادل الجبير"
    return False


def _definite_antecedent(sentence: _Sentence, head: str, before: int) -> Mention | None:
    """The organization a definite description ("الوزارة", "الوكالة", "الموقع") refers back to:
    the latest earlier mention whose name starts with, or is introduced by, the same noun
    ("وزارة الصحة", "المرصد السوري لحقوق الإنسان"). A person introduced by the noun is not it:
    "أكدت حكومة الثني" … "وقالت الحكومة" is the government named after al-Thani, not the man."""
    if head not in _DEFINITE_HEADS:
        return None
    noun = head[2:]
    text = sentence.text
    for mention in reversed(sentence.article_mentions):
        if mention.end > before or mention.entity_type not in ("ORG", "PERSON"):
            continue
        first_word = normalize_word(mention.surface.split()[0]) if mention.surface.split() else ""
        introducer = [w for w in text[max(0, mention.start - 14):mention.start].split() if any(c.isalpha() for c in w)]
        introduced_by = normalize_word(introducer[-1]).strip("\"“«") if introducer else ""
        if {noun, head} & {first_word, _strip_wa(first_word)} or (introduced_by == noun and mention.entity_type != "PERSON"):
            return mention
    return None


# Titles that denote one office holder even without a name: "وقال وزير الخارجية الروسي إن".
_OFFICE_TITLES = _n(
    "رئيس الرئيس رئيسة الرئيسة وزير الوزير وزيرة الوزيرة سفير السفير سفيرة السفيرة الملك ملك "
    "العاهل الأمير أمير زعيم الزعيم مدير المدير مديرة المديرة نائب النائب قائد القائد محافظ "
    "المحافظ عمدة العمدة مبعوث المبعوث مندوب المندوب مستشار المستشار أمين الأمين وكيل الوكيل "
    "حاكم الحاكم مفوض المفوض مدرب المدرب مفتي المفتي مرشد المرشد"  # "وقال المرشد الأعلى، إن"
    " خطيب الخطيب"
) | {_IMAM}  # "قال إمام مسجد …": kept with its hamza (``_with_imam``), not the preposition أمام

# Words that start a speaker's description: the speaker need not be a name.
_SPEAKER_HEADS = (
    _MEDIA_WORDS | _OFFICIAL_WORDS | _GROUP_WORDS | _DOCUMENT_WORDS | _DEFINITE_HEADS | _OFFICE_TITLES
)


def _title_keys(norm_words: list[str]) -> frozenset[str]:
    """The words of a title ("الوزير", "وزير الخارجية الروسي") without و and ال, up to an
    addressee ("لـ«الحياة»") or punctuation."""
    keys = []
    for word in norm_words:
        if word == "ل" or not word.isalpha():
            break
        if word not in _HONORIFIC_ADJECTIVES:  # "الملك المفدى" is the king
            keys.append(_title_key(word))
    return frozenset(keys)


_HONORIFIC_ADJECTIVES = _n("المفدى المفدي المعظم")
# Jobs and honorifics that refer back to the person the article introduced with them ("الباحثة
# سارة العتيبي" … "وأضافت الباحثة أن"; "الدكتور خالد" … "وقال الدكتور إن").
_JOB_NOUNS = _n(
    "الباحث الباحثة الطبيب الطبيبة المهندس المهندسة المحامي المحامية اللاعب اللاعبة الطالب الطالبة "
    "المعلم المعلمة الكاتب الكاتبة الشاعر الشاعرة الفنان الفنانة الممثل الممثلة الروائي الروائية "
    "المخرج المخرجة المغني المغنية الصحفي الصحفية الإعلامي الإعلامية الأستاذ الأستاذة الدكتور الدكتورة "
    "المواطن المواطنة الحارس المهاجم المدافع النجم النجمة الداعية التاجر المستثمر الناشط الناشطة"
)
# A relative clause describes the speaker: "حذر صندوق النقد الدولي، الذي فشلت اليونان في تسديد
# دينه، من أن": the names inside it are not the speaker.
_RELATIVES = _n("الذي التي الذين اللذين اللتين اللواتي اللاتي والذي والتي والذين")
# Words that begin with ال and are no definite noun or adjective: إلى (normalized الي), إلا.
_NOT_DEFINITE = _n("إلى الى إلا") | _RELATIVES


def _definite(word: str) -> bool:
    """Is the normalized ``word`` a definite noun or adjective (ال / وال / لل), which may go on a
    noun phrase ("التقرير السنوي")? Not إلى: "ونبه التقرير إلى أن" ends the phrase at التقرير."""
    return word.startswith(("ال", "وال", "لل")) and word not in _NOT_DEFINITE


_BY_SAYING = normalize_word("بقول")  # بقوله، بقولها، بقولهم
_ON_BEHALF = _n("باسمه باسمها باسمهما باسمهم نيابة")
_SOURCING = _n("استنادا نقلا")  # "وذكرت الصحيفة استنادا إلى مصادر أن", "نقلا عن"


def _title_key(word: str) -> str:
    word = word if word in _OFFICE_TITLES else _strip_wa(word)  # وزير is not و + زير
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _title_antecedent(sentence: _Sentence, keys: frozenset[str], before: int) -> Mention | None:
    """The person a title without a name refers back to: the latest earlier person whose
    introduction holds every word of the title — "وزير الصحة خالد الفالح" … "وقال الوزير".
    The introduction is the six words before the name, back to the nearest punctuation,
    quotation mark or و: the title must stand right before the name, in its own conjunct.
    "وزير الخارجية الروسي" does not find "وزير الخارجية الأمريكي جون كيري"."""
    if not keys:
        return None
    text = sentence.text
    for mention in reversed(sentence.article_mentions):
        if mention.end > before or mention.entity_type != "PERSON":
            continue
        window: list[str] = []
        for word in reversed(text[max(0, mention.start - 80):mention.start].split()[-6:]):
            norm = normalize_word(word)
            if not norm.isalpha():
                break
            if norm[0] == "و" and norm not in _OFFICE_TITLES:  # "وزعيم …": another conjunct
                if _strip_wa(norm) in _OFFICE_TITLES:
                    window.append(_title_key(_strip_wa(norm)))
                break
            window.append(_title_key(norm))
        if keys <= set(window):
            return mention
    return None


def _starts_with_title(sentence: _Sentence, a: int) -> bool:
    return is_title(sentence.tokens[a].text)


def _make(sentence: _Sentence, i: int, cue: Cue, speaker: _Speaker, content_tok: int, attribution: str, cue_end_tok: int | None = None) -> Claim:
    tokens, text = sentence.tokens, sentence.text
    content_start = tokens[content_tok].start if content_tok < len(tokens) else sentence.end
    content_end = _trim_end(text, content_start, sentence.end)
    cue_last = tokens[cue_end_tok if cue_end_tok is not None else i]
    return Claim(
        sentence.index, speaker.entity_id, speaker.text, speaker.kind, cue.lemma,
        text[tokens[i].start:cue_last.end], tokens[i].start, cue_last.end,
        speaker.start if attribution == "explicit" else None, speaker.end if attribution == "explicit" else None,
        content_start, content_end, _quote_type(text, content_start, content_end), attribution,
    )


def _without_dangling_dash(claim: Claim) -> Claim:
    """The claim without a dash its speaker's description ended on, nor the aside that dash
    closes: "مشاري الصفيان –(20) عاماً- إلى" opens an aside with the dash, "العقيد جمعان الغامدي
    -المتحدث الرسمي للدفاع المدني بالمنطقة-" closes one (57 speakers on 3,000 articles). A dash
    inside a name ("كيم جونغ-أون") has no space before it and stays. Applied to every claim of a
    sentence, however it was made."""
    text = (claim.speaker_text or "").rstrip(" \t\n" + _DASHES)
    if not text or text == claim.speaker_text:
        return claim
    opener = max(text.rfind(" " + dash) for dash in _DASHES)
    if opener > 0:
        text = text[:opener].rstrip()
    end = claim.speaker_end
    if end is not None:
        end -= len(claim.speaker_text) - len(text)
    return replace(claim, speaker_text=text, speaker_end=end)


_DASHES = "-–—ـ"


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing white space, sentence punctuation and a dangling "و"/"،" from a content span."""
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or ch in ".،,؛:":
            end -= 1
        elif ch == "و" and end - 1 > start and text[end - 2].isspace():
            end -= 1
        else:
            break
    return end


def _quote_type(text: str, start: int, end: int) -> str:
    span = text[start:end].rstrip(".")
    if not span:
        return "indirect"
    if span[0] in "“«\"" and span[-1] in "”»\"" and not any(c in _QUOTE_CHARS for c in span[1:-1].replace("(", "")):
        return "direct"
    if any(c in _QUOTE_CHARS for c in span):
        return "mixed"
    return "indirect"
