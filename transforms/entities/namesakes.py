"""Places and institutions named after a person: "مستشفى الملك فهد", "جامعة الملك سعود",
"طريق الأمير نايف بن عبدالعزيز", "مركز الملك سلمان للإغاثة".

Why: Saudi news names its hospitals, universities, roads and halls after kings and princes.
The gazetteer and the taggers find the person in them ("مستشفى الملك [فهد]") and the
warehouse counted a hospital as a mention of King Fahd: on 3,000 SaudiNewsNet articles 48
person mentions stood right after such a head noun and a title ("نقل لمستشفى الملك فهد
بالظهران"), and a participle after the hospital's sentence could take King Fahd for its
speaker. A head noun in the construct state (no "ال": the name follows it), then a royal or
religious title, then the person: the whole is the institution (ORG) or the place (LOC, as
FANE's named buildings, airports and roads are). "المسجد الشيخ مروان" (a definite head) is
the mosque's imam, a person, and stays one.

Pure: word lists only; ``named_after`` works on a sentence's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.text import normalize_word


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_word(w) for w in words.split())


# Institutions: the gold's ORG (Educational, Medical-Science, Government …).
_ORG_HEADS = _n(
    "مستشفى مستشفيات جامعة كلية معهد مركز دارة مؤسسة صندوق مكتبة جائزة برنامج مشروع كرسي"
    " مدينة مجمع أكاديمية مدرسة مدارس"
)
# Buildings, airports, roads, grounds: the gold's LOC (FANE Building-Grounds, Airport, Path).
_LOC_HEADS = _n(
    "طريق شارع مطار جسر حي ملعب ستاد استاد حديقة منتزه متنزه مسجد جامع قاعة قصر ميناء"
    " قاعدة محطة برج ميدان دوار نفق"
)
_TITLES = _n("الملك الملكة الأمير الأميرة الشيخ الشيخة الإمام السلطان")
_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
# the institution's purpose is part of its name: "مركز الملك سلمان [للإغاثة]", "صندوق الأمير
# سلطان [لتنمية] المرأة" (ل + a verbal noun in ت)
_PURPOSE = ("لل", "لت")
_AND_THE = "وال"  # "للعلوم [والتقنية]"
_NISBA_ENDINGS = ("ي", "يه")  # normalized ة → ه: "التخصصي", "الطبية", "الدولي"
# definite words after a name that are no part of it: "مركز الملك سلمان للإغاثة [اليوم]"
_NOT_IN_NAMES = _n("اليوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الماضي الحالي المقبل الذي التي الذين")


def head_noun(word: str) -> tuple[int, str] | None:
    """``(proclitic length, ORG | LOC)`` when ``word`` (a surface) is an institution or place
    head noun in the construct state, with or without a proclitic ("لمستشفى", "بجامعة",
    "وطريق")."""
    norm = normalize_word(word)
    for clitic in ("", *_PROCLITICS):
        if norm.startswith(clitic):
            rest = norm[len(clitic):]
            if rest in _ORG_HEADS:
                return len(clitic), "ORG"
            if rest in _LOC_HEADS:
                return len(clitic), "LOC"
    return None


def named_after(words: Sequence[str], start: int, end: int) -> tuple[int, int, str] | None:
    """``(head, end, type)`` when the person span ``words[start:end]`` names the institution
    or place whose head noun stands before its title ("لمستشفى الملك [فهد]" → the hospital).
    ``end`` grows over what the name of the institution carries after the person: one nisba
    adjective ("التخصصي", "الدولي") and a purpose ("للإغاثة", "للعلوم والتقنية", "لتنمية
    المرأة"), never a place after بـ ("بالظهران"). A span that holds its title ("[الملك
    فهد]") works too."""
    title = start if normalize_word(words[start]) in _TITLES else start - 1
    if title < 1 or normalize_word(words[title]) not in _TITLES:
        return None
    head = head_noun(words[title - 1])
    if head is None:
        return None
    norms = [normalize_word(w) for w in words[end : end + 5]]
    grown = 0
    if (norms and norms[0].startswith("ال") and norms[0].endswith(_NISBA_ENDINGS) and len(norms[0]) > 4
            and norms[0] not in _NOT_IN_NAMES):
        grown = 1
    if grown < len(norms) and norms[grown].startswith(_PURPOSE) and len(norms[grown]) > 4:
        grown += 1
        purpose = grown
        while (grown < len(norms) and grown - purpose < 2 and norms[grown].startswith(("ال", _AND_THE))
               and len(norms[grown]) > 4 and norms[grown] not in _NOT_IN_NAMES):
            grown += 1  # "للإغاثة والأعمال الإنسانية", "للقوات المسلحة", "للعلوم والتقنية"
    return title - 1, end + grown, head[1]
