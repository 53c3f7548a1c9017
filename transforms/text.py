"""Arabic text normalization, kept beside the original text and never instead of it.

Outlets spell the same word many ways: diacritics or none, أ/إ/آ/ا, ى/ي, ة/ه, tatweel,
presentation forms, invisible bidi marks. Offsets are always counted in the original
article text; the normalized forms exist only for matching, grouping and search.

Two strengths of normalization:

- ``normalize_text`` — for whole sentences (``sentences.text_norm``): camel-tools
  ``arclean`` + dediacritization + alef / alef-maksura / teh-marbuta folding + tatweel removal.
  Length may change, so it is never used to compute offsets.
- ``normalize_word`` — the same folding for one token; used by the tagger's features and the
  gazetteer.
- ``name_key`` — the aggressive key under which spelling variants of one *name* collapse
  (بيونج يانج / بيونغ يانغ / بيونجيانج, الأميركي / الأمريكي, hyphen vs space). Only for names:
  folding ج/غ in ordinary words would merge unrelated words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

class _ArcleanTable(dict):
    """camel-tools' ``arclean`` character map as a ``str.translate`` table: the same mapping
    (characters the map does not list are dropped, as its default is "") — ``CharMapper``
    walks the string in Python, which dominated sentence normalization. ``arclean`` below
    applies it only to the runs of characters it changes; the whole-string translate is the
    reference the tests compare both with."""

    def __missing__(self, codepoint: int) -> None:
        return None


def _arclean_table() -> _ArcleanTable:
    mapper = CharMapper.builtin_mapper("arclean")
    assert mapper._default == "", "arclean's default changed; revisit _ArcleanTable"  # noqa: SLF001
    return _ArcleanTable({ord(char): (char if value is None else value) for char, value in mapper._charmap.items()})  # noqa: SLF001


_ARCLEAN = _arclean_table()
# Nearly every character of news text maps to itself under arclean (57 of 3,300 per article
# do not): find the runs of the others and translate only those — the same result as
# ``text.translate(_ARCLEAN)`` (checked over the whole BMP) in 40 % of the time.
_ARCLEAN_CHANGES_RE = re.compile(
    "[^" + "".join(re.escape(chr(c)) for c in sorted(_ARCLEAN) if _ARCLEAN[c] == chr(c)) + "]+"
)


def _arclean_run(match: re.Match[str], get=_ARCLEAN.get) -> str:
    return "".join([get(ord(char), "") for char in match.group()])


def arclean(text: str) -> str:
    """camel-tools' ``arclean`` mapping of ``text`` (unlisted characters dropped)."""
    return _ARCLEAN_CHANGES_RE.sub(_arclean_run, text)


TATWEEL = "\u0640"
# Zero-width and bidi control characters that scrapers leave inside words.
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u061c]")
# Quranic/extended marks camel-tools' dediacritizer leaves in place (U+0653–U+065F).
_EXTRA_MARKS_RE = re.compile("[\u0653-\u065f]")
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u0671-\u06d3]")
# "ال" definite article and one-letter proclitics, for stripping in name keys.
_NAME_JOINERS_RE = re.compile(r"[\s\-‐‑–—_·.'’`]+")
_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": ""})


def fold(text: str) -> str:
    """Dediacritize and fold letter variants without touching anything else (length-safe
    for Arabic letters: only removals of diacritics/tatweel/invisibles change the length)."""
    text = INVISIBLE_RE.sub("", text)
    text = _EXTRA_MARKS_RE.sub("", dediac_ar(text)).replace(TATWEEL, "")
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    return normalize_teh_marbuta_ar(text)


def normalize_text(text: str) -> str:
    """Normalized form of a sentence for search and syndication matching."""
    text = arclean(unicodedata.normalize("NFKC", text))
    return " ".join(fold(text).split())  # white space runs → one space, ends stripped (as \s+)


@lru_cache(maxsize=50_000)
def normalize_word(word: str) -> str:
    """Normalized form of a single token (cached: news vocabularies repeat a lot)."""
    return fold(unicodedata.normalize("NFKC", word))


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER_RE.search(text) is not None


# Spelling variants of transliterated names. Applied after ``fold``: first the letters
# (one table), then the patterns, in this order. ``sql/002_macros.sql`` mirrors them.
_NAME_LETTERS = str.maketrans({
    "غ": "ج",  # بيونغ / بيونج, جونغ / جونج
    "ڤ": "ف",
    "پ": "ب",
    "چ": "تش",
    "گ": "ج",
})
_NAME_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # (substring that must be present, pattern, replacement)
    ("امير", re.compile("امير(?=ك)"), "امري"),  # الأميركي / الأمريكي
    ("يي", re.compile("ي{2,}"), "ي"),
    ("وو", re.compile("و{2,}"), "و"),
)


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str:
    """Key under which spelling variants of one name collapse.

    >>> name_key("بيونغ يانغ") == name_key("بيونجيانج") == name_key("بيونج يانج")
    True
    """
    key = fold(unicodedata.normalize("NFKC", name)).translate(_HAMZA_SEATS)
    key = _NAME_JOINERS_RE.sub("", key).lower().translate(_NAME_LETTERS)
    for needle, pattern, replacement in _NAME_PATTERNS:
        if needle in key:
            key = pattern.sub(replacement, key)
    return key
