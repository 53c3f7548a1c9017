"""A ministry or a club named without its country, in an article set in one country: that country's.

News names its own government's ministries bare: "وزارة الداخلية", "وزارة الإسكان". On 3,000
random SaudiNewsNet articles 480 mentions of a bare ministry were left unlinked — "وزارة
الداخلية" alone in 71 articles —, each ministry one entity for every country's, with no English
name. The gazetteer lists ministries with their country ("وزارة الداخلية السعودية"), and must
not list the bare name, which is every country's.

So a bare "وزارة X" (an ORG span of the tagger that names nothing else) is the gazetteer's
"وزارة X <country adjective>" when every place the gazetteer finds in the article belongs to
one country of ``COUNTRIES`` — its name or one of its places ("الرياض", "جدة", "منطقة مكة
المكرمة" for Saudi Arabia) — but for seas and regions that are no one's (``SHARED_PLACES``).
An article that names another place (a Saudi article on a visit to Washington, on Bahrain's
interior ministry) links none: whose ministry it is, the article does not say in a way a list
can read.

Clubs alike (``national_club``): the sports pages name a country's clubs bare ("الأهلي",
"الشباب"), and the gazetteer lists them with their country ("نادي الأهلي السعودي", "الأهلي
المصري"). On the sample 78 bare club mentions in one-country articles were linked, 24 of 25
read right.
"""

from __future__ import annotations

from collections.abc import Collection

from transforms.entities.gazetteer import Gazetteer, GazetteerEntry
from transforms.text import name_key

# country adjective (as the gazetteer's ministries end) → the canonical names of the country
# and its main places in the gazetteer. A country not here has no ministries listed.
COUNTRIES: dict[str, frozenset[str]] = {
    adjective: frozenset(places.split("|"))
    for adjective, places in {
        "السعودية": "المملكة العربية السعودية|الرياض|جدة|مكة المكرمة|المدينة المنورة|الدمام|الطائف|تبوك"
                    "|أبها|بريدة|حائل|جازان|نجران|القطيف|الأحساء|الجبيل|ينبع|عرعر|سكاكا|الباحة|القصيم"
                    "|عسير|الظهران|خميس مشيط|المنطقة الشرقية|منطقة مكة المكرمة|منطقة الرياض"
                    "|حفر الباطن|الخرج|بيشة",
        "الأمريكية": "الولايات المتحدة|واشنطن|نيويورك",
        "الروسية": "روسيا|موسكو",
        "الصينية": "الصين|بكين",
        "البريطانية": "المملكة المتحدة|لندن",
        "الفرنسية": "فرنسا|باريس",
        "الإيرانية": "إيران|طهران",
        "التركية": "تركيا|أنقرة|إسطنبول",
        "المصرية": "مصر|القاهرة",
        "القطرية": "قطر|الدوحة",
        "الإماراتية": "الإمارات العربية المتحدة|أبوظبي|دبي",
        "الإسرائيلية": "إسرائيل|تل أبيب",
        "الكورية الجنوبية": "كوريا الجنوبية|سيول",
    }.items()
}
# Places an article may name whatever country it is set in (gazetteer canonical names).
SHARED_PLACES = frozenset((
    "الشرق الأوسط|الخليج العربي|البحر الأحمر|البحر الأبيض المتوسط|بحر العرب|شبه الجزيرة العربية"
    "|آسيا|أوروبا|أفريقيا|المغرب العربي|بلاد الشام|شمال أفريقيا|المسجد الحرام|المسجد النبوي"
    "|الكعبة المشرفة|الربع الخالي"
).split("|"))
_HEAD = name_key("وزارة")


def country_of(places: Collection[str]) -> str | None:
    """The adjective of the one country of ``COUNTRIES`` that every place of an article
    (``places``: canonical names of the LOC entities the gazetteer found in it) belongs to,
    ``SHARED_PLACES`` aside; ``None`` when there is none or more than one."""
    own = [p for p in places if p not in SHARED_PLACES]
    found = {adjective for adjective, country in COUNTRIES.items() if not country.isdisjoint(own)}
    if len(found) != 1:
        return None
    (adjective,) = found
    return adjective if all(p in COUNTRIES[adjective] for p in own) else None


def national_ministry(surface: str, country: str | None, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The gazetteer's ministry that the bare ``surface`` ("وزارة الداخلية") names in an
    article set in ``country`` (its adjective, from ``country_of``), or ``None``."""
    words = surface.split()
    if country is None or len(words) < 2 or name_key(words[0]) != _HEAD:
        return None
    entry = gazetteer.by_key(name_key(f"{surface} {country}"))
    return entry if entry is not None and entry.entity_type == "ORG" else None


# A bare club name the country's club is not: "الاتحاد" is as often the football federation
# ("قرر الاتحاد"), and "رعاية الشباب" the youth-welfare presidency, not Al-Shabab.
_NOT_CLUBS = frozenset(name_key(w) for w in ("الاتحاد",))
_NOT_CLUB_AFTER = frozenset(name_key(w) for w in ("رعاية", "لرعاية", "ورعاية", "برعاية", "الشباب"))


def national_club(surface: str, before: str | None, country: str | None, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The gazetteer's club that a bare one-word ORG span ("الأهلي", "الشباب") names in an
    article set in ``country`` (its adjective, from ``country_of``): "نادي الأهلي السعودي" in a
    Saudi article, "الأهلي المصري" in an Egyptian one. ``before``: the word before the span."""
    if country is None or len(surface.split()) != 1 or name_key(surface) in _NOT_CLUBS:
        return None
    if before is not None and name_key(before) in _NOT_CLUB_AFTER:
        return None
    masculine = " ".join(word[:-1] if word.endswith("ة") else word for word in country.split())
    for name in (f"نادي {surface} {masculine}", f"النادي {surface} {masculine}", f"{surface} {masculine}"):
        entry = gazetteer.by_key(name_key(name))
        if entry is not None:
            return entry if entry.entity_type == "ORG" else None
    return None
