"""Sentence segmentation: (text, expected sentences) tables, plus the offset invariant."""

import pytest

from transforms.sentences import split_sentences


def texts(text):
    return [text[s.char_start:s.char_end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال كيم. وأضاف بوتين.", ["قال كيم.", "وأضاف بوتين."]),
        ("هل يزور بوتين بيونغ يانغ؟ نعم!", ["هل يزور بوتين بيونغ يانغ؟", "نعم!"]),
        ("أولا؛ ثانيا.", ["أولا؛", "ثانيا."]),
        # not inside quotations
        ('وقال: "لسنا قلقين. ما يقلقنا هو التعاون". وأضاف.', ['وقال: "لسنا قلقين. ما يقلقنا هو التعاون".', "وأضاف."]),
        ("وقال: “هذا مهم. جدا”. ثم غادر.", ["وقال: “هذا مهم. جدا”.", "ثم غادر."]),
        ("وقال: «نعم. لا». انتهى.", ["وقال: «نعم. لا».", "انتهى."]),
        # not on abbreviations
        ('وفق ما ذكرت شبكة "سي. إن. إن" الإخبارية.', ['وفق ما ذكرت شبكة "سي. إن. إن" الإخبارية.']),
        ("نقلت وكالة أ. ف. ب الخبر. ثم انتهى.", ["نقلت وكالة أ. ف. ب الخبر.", "ثم انتهى."]),
        ("قال د. محمد إن الوضع صعب.", ["قال د. محمد إن الوضع صعب."]),
        ("a U.S. official said so. Then left.", ["a U.S. official said so.", "Then left."]),
        # not in numbers
        ("ارتفع النمو 2.5 بالمئة. وتراجع التضخم.", ["ارتفع النمو 2.5 بالمئة.", "وتراجع التضخم."]),
        # a word whose last letters carry diacritics is a word, not a one-letter abbreviation
        ("فهي متشابهة تمامًا. وأضاف أن الترفيه غائب.", ["فهي متشابهة تمامًا.", "وأضاف أن الترفيه غائب."]),
        ("زار المدينة المنوّرة. ثم عاد.", ["زار المدينة المنوّرة.", "ثم عاد."]),
        ("قال دُ. محمد إن الوضع صعب.", ["قال دُ. محمد إن الوضع صعب."]),
        # a year's م (or ه) after its digits is no abbreviation
        ("افتتح عام 2015م. وعقد اجتماع.", ["افتتح عام 2015م.", "وعقد اجتماع."]),
        # a two-letter word ending a sentence is still a sentence end
        ("هي الأولى له. وبدأت الزيارة.", ["هي الأولى له.", "وبدأت الزيارة."]),
        # paragraph breaks, headings
        ("قلق غربي\nوقال كيربي إن الأمر مقلق.", ["قلق غربي", "وقال كيربي إن الأمر مقلق."]),
        ("سطر أول\n\n\nسطر ثان", ["سطر أول", "سطر ثان"]),
        # an unbalanced quote protects nothing
        ("قال “نعم. ثم ذهب.", ["قال “نعم.", "ثم ذهب."]),
        # scraper wrappers are not sentences
        ("[ad_1]\nخبر أول.\n[ad_2]\nالمصدر", ["خبر أول."]),
        # nor is page chrome (transforms.boilerplate)
        ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد الوزير أن الخطة جاهزة.", ["أكد الوزير أن الخطة جاهزة."]),
        ("Next Previous \xa0\nعين اليوم – باكستان\nتواصلت الفيضانات.", ["عين اليوم – باكستان", "تواصلت الفيضانات."]),
        ("نص المقال.\n\nللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (3) ثم مسافة ثم نص الرسالة إلى 88591 - Stc 635031 - Mobily 737221 - Zain", ["نص المقال."]),
        ("نص الخبر.\n// انتهى //", ["نص الخبر."]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        ("قلق غربي\nوقال كيربي إن الأمر مقلق.", [True, False]),
        ("ماذا تعني الزيارة لأمريكا؟\nنص.", [False, False]),
        ("بوتين يقبل “هدية” كيم بسرور\nدعوة باحترام قوبلت بسرور.", [True, False]),
    ],
)
def test_headings(text, headings):
    assert [s.is_heading for s in split_sentences(text)] == headings


def test_paragraph_index_counts_non_empty_lines():
    spans = split_sentences("قال كيم. وأضاف بوتين.\n\nانتهى الخبر.")
    assert [s.paragraph_index for s in spans] == [0, 0, 1]


def test_offsets_reproduce_every_seed_sentence(seed_texts):
    for name, text in seed_texts.items():
        spans = split_sentences(text)
        assert spans, name
        for span in spans:
            sentence = text[span.char_start:span.char_end]
            assert sentence == sentence.strip() and sentence, (name, span)
        starts = [s.char_start for s in spans]
        assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('قال "نعم" ثم "لا"', ['"نعم"', '"لا"']),
        ("قال «نعم» و“لا”", ["«نعم»", "“لا”"]),
        ('«قال "نعم" أمس»', ['«قال "نعم" أمس»']),  # ASCII marks inside a paired quotation
        ('قال "نعم', []),  # unbalanced: nothing quoted
        ("«بلا إغلاق ثم “نعم”", ["“نعم”"]),  # an unclosed « quotes nothing, the rest still counts
        ('"أ" «ب» "ج', ['"أ"', "«ب»"]),
        ("", []),
    ],
)
def test_quoted_ranges(text, expected):
    from transforms.sentences import quoted_ranges

    assert [text[a:b] for a, b in quoted_ranges(text, 0, len(text))] == expected


def test_quoted_ranges_within_bounds():
    from transforms.sentences import quoted_ranges

    text = '"أ" قال "نعم" ثم'
    start = text.index("قال")
    assert [text[a:b] for a, b in quoted_ranges(text, start, len(text))] == ['"نعم"']
