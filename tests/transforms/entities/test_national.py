"""A ministry or a club named without its country, in an article set in one country: that country's."""

from __future__ import annotations

import pytest

from tests.transforms.entities.test_mentions import _mentions
from transforms.entities.gazetteer import load_gazetteer
from transforms.entities.national import COUNTRIES, SHARED_PLACES, country_of, national_club, national_ministry


@pytest.mark.parametrize(
    ("places", "country"),
    [
        ({"الرياض"}, "السعودية"),
        ({"جدة", "منطقة مكة المكرمة", "المملكة العربية السعودية"}, "السعودية"),
        ({"الرياض", "الخليج العربي"}, "السعودية"),  # a sea is no one's
        ({"الرياض", "واشنطن"}, None),  # two countries
        ({"الرياض", "المنامة"}, None),  # a place of a country not listed
        ({"المنامة"}, None),
        ({"القاهرة", "مصر"}, "المصرية"),
        (set(), None),
        ({"الشرق الأوسط"}, None),
    ],
)
def test_country_of(places, country):
    assert country_of(places) == country


@pytest.mark.parametrize(
    ("surface", "places", "ministry"),
    [
        ("وزارة الداخلية", {"الرياض"}, "وزارة الداخلية السعودية"),
        ("وزارة الإسكان", {"جدة"}, "وزارة الإسكان السعودية"),
        ("وزارة الخارجية", {"موسكو"}, "وزارة الخارجية الروسية"),
        ("وزارة الدفاع", {"واشنطن"}, "البنتاغون"),  # the gazetteer's name for it
        ("وزارة الإسكان", {"موسكو"}, None),  # no Russian housing ministry listed
        ("وزارة الداخلية", {"الرياض", "المنامة"}, None),
        ("هيئة الاتصالات", {"الرياض"}, None),  # not a ministry
    ],
)
def test_national_ministry(surface, places, ministry):
    found = national_ministry(surface, country_of(places), load_gazetteer())
    assert (found.canonical_name if found else None) == ministry


@pytest.mark.parametrize(
    ("surface", "before", "places", "club"),
    [
        ("الأهلي", "النادي", {"جدة"}, "نادي الأهلي السعودي"),
        ("الأهلي", "لآمال", {"القاهرة"}, "النادي الأهلي المصري"),
        ("الهلال", None, {"الرياض"}, "نادي الهلال السعودي"),
        ("الشباب", "رعاية", {"الرياض"}, None),  # the youth-welfare presidency
        ("الاتحاد", None, {"جدة"}, None),  # as often the football federation
        ("الهلال", None, {"الرياض", "طهران"}, None),  # an away match: whose club, the list can't say
        ("الأهلي", None, set(), None),
        ("الوزارة", None, {"الرياض"}, None),
    ],
)
def test_national_club(surface, before, places, club):
    found = national_club(surface, before, country_of(places), load_gazetteer())
    assert (found.canonical_name if found else None) == club


def test_every_place_listed_is_a_gazetteer_place():
    gazetteer = load_gazetteer()
    names = set().union(*COUNTRIES.values()) | SHARED_PLACES
    known = {e.canonical_name for e in gazetteer.entries if e.entity_type == "LOC"}
    assert names <= known, sorted(names - known)


def test_a_bare_ministry_of_a_saudi_article_is_the_saudi_ministry():
    text = "أصدرت وزارة الداخلية أمس بيانا في الرياض عن تنفيذ حكم القتل."
    assert ("وزارة الداخلية", "context", "وزارة الداخلية السعودية") in _mentions(text, "method")
