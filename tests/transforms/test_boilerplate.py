"""Page chrome: (paragraph, the article's own part of it) tables."""

import pytest

from transforms.boilerplate import content_range


def own_part(paragraph):
    found = content_range(paragraph, 0, len(paragraph))
    return None if found is None else paragraph[found[0]:found[1]]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # Okaz's share bar, fused with the first sentence
        ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك اعتمد المجلس الخطة.", " اعتمد المجلس الخطة."),
        ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك", None),
        # Ain Alyoum's slider before the byline
        ("Next Previous حامد القرشي – عين اليوم", " حامد القرشي – عين اليوم"),
        ("Next Previous \xa0", None),
        # a columnist's SMS footer (Al-Madina; Okaz), with the e-mail glued before it
        (
            "aaljamili@yahoo.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (3) ثم مسافة ثم نص الرسالة إلى 88591 - Stc 635031 - Mobily 737221 - Zain",
            "aaljamili@yahoo.com",
        ),
        ("للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين تبدأ بالرمز 153 مسافة ثم الرسالة", None),
        # wire end marks and a "more" link
        ("// انتهى //", None),
        ("// يتبع //", None),
        (" ...المزيد", None),
        # the article's own words stay, even with the same words inside
        ("وقال إن المستخدمين يشاركون من خلال تويتر.", "وقال إن المستخدمين يشاركون من خلال تويتر."),
        ("وأعلنت الشركة عن خدمة للتواصل مع العملاء.", "وأعلنت الشركة عن خدمة للتواصل مع العملاء."),
        ("انتهى الاجتماع // دون اتفاق", "انتهى الاجتماع // دون اتفاق"),
        ("Next week the talks resume.", "Next week the talks resume."),
    ],
)
def test_content_range(paragraph, expected):
    assert own_part(paragraph) == expected


def test_offsets_are_those_of_the_whole_text():
    text = "عنوان\nشارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك قال الوزير."
    start = text.index("\n") + 1
    found = content_range(text, start, len(text))
    assert text[found[0]:found[1]] == " قال الوزير."
