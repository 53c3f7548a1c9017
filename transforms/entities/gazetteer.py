"""Gazetteer of well-known entities: every known spelling of a name maps to one entry.

Why: the learned tagger misses or mis-types frequent names spelled many ways (بيونج يانج /
بيونغ يانغ / بيونجيانج), and it cannot give English names. ``gazetteer.tsv`` beside this file
lists them; matching is done on ``transforms.text.name_key`` so variants that the key already
folds need not be listed. Pure: the only I/O is reading the bundled TSV, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from transforms.text import name_key
from transforms.tokens import tokenize

ENTITY_TYPES = frozenset({"PERSON", "ORG", "LOC", "MISC"})
MAX_WINDOW = 8  # tokens; the longest listed names are ~7 tokens once "-" and "." count
_CACHE_LIMIT = 100_000  # distinct word forms remembered by the first-token filter (bounded: memory)

# Phrases that are not one known entity although they start with one: the span is consumed
# and yields nothing, so the shorter name inside is not matched. "مجلس الأمن القومي" alone
# may be the US, Israeli, Turkish or Egyptian council (and must not become the UN Security
# Council); "مسقط رأسه" is a birthplace, not Muscat; "صلاة المغرب" is the sunset prayer.
_BLOCKED_PHRASES = (
    "مجلس الأمن القومي",
    "مسقط رأس",
    "مسقط رأسه",
    "مسقط رأسها",
    "مسقط رأسهم",
    "صلاة المغرب",
    "صلاتي المغرب",
    "أذان المغرب",
    "ينبع من",  # "stems from", not Yanbu
    "كوبا من",  # "a cup of", not Cuba
    "لجانا",  # "committees", not Ghana
    "باكرا",  # "early", not Accra
    "أبو العلاء",  # a kunya, not AlUla
    "أبا العلاء",
    "أبي العلاء",
    "مآرب أخرى",  # "other aims", not Marib
    "مآرب خاصة",
    "مآرب سياسية",
    "مآرب شخصية",
    "كلاوس",  # Klaus, not "ك" + Laos
    "وساما",  # "a medal", not "و" + SAMA
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    entity_type: str  # PERSON | ORG | LOC | MISC
    canonical_name: str  # Arabic canonical
    name_en: str
    variants: tuple[str, ...]  # all Arabic spellings incl. canonical


_BLOCKED = GazetteerEntry("MISC", "", "", ())  # sentinel: a matched span that yields nothing
# The key of a run of words glued together while looking for a longer name: nearly every such
# string is new, so it bypasses name_key's cache, where it would only push out the single
# words that do repeat (a third of that cache's misses came from here).
_joined_key = name_key.__wrapped__


def _is_punct(word: str) -> bool:
    return not any(c.isalnum() for c in word) or not name_key(word)


def _stripped_forms(word: str) -> list[tuple[str, bool]]:
    """Readings of a span's first token, fewest proclitics removed first: the word, then
    without و/ف, without ب/ل/ك ("لل" read as "ال"), and last without the article "ال"
    (flagged: such a reading may only start a multi-word name — "الحماس" is enthusiasm,
    not Hamas)."""
    forms = [word]
    bases = [word]
    if len(word) > 3 and word[0] in "وف":
        bases.append(word[1:])
        forms.append(word[1:])
    for base in bases:
        if len(base) > 3 and base.startswith("لل"):
            forms.append("ال" + base[2:])
        if len(base) > 3 and base[0] in "بلك":
            forms.append(base[1:])
    readings = [(form, False) for form in forms]
    readings += [(form[2:], True) for form in forms if len(form) > 3 and form.startswith("ال")]
    seen: set[str] = set()
    return [(f, bare) for f, bare in readings if not (f in seen or seen.add(f))]


class Gazetteer:
    """Lookup by name key and longest-match tagging of token sequences."""

    def __init__(self, entries: list[GazetteerEntry], blocked: tuple[str, ...] = ()) -> None:
        self.entries = tuple(entries)
        index: dict[str, GazetteerEntry] = {}
        ambiguous: set[str] = set()
        starts: set[str] = set()  # keys a span's first token can have
        surfaces = [(v, e) for e in self.entries for v in e.variants]
        surfaces += [(p, _BLOCKED) for p in blocked]
        shapes: dict[str, set[bool]] = {}  # key -> {is the listed spelling one word?}
        for surface, entry in surfaces:
            key = name_key(surface)
            if not key:
                continue
            held = index.get(key)
            if held not in (None, _BLOCKED, entry) and entry is not _BLOCKED:
                ambiguous.add(key)  # two entries claim one key: trust neither
            if held is None or entry is _BLOCKED:
                index[key] = entry
            words = [t.text for t in tokenize(surface) if not _is_punct(t.text)]
            shapes.setdefault(key, set()).add(len(words) == 1)
            starts.add(key)  # the whole name written as one token ("بيونجيانج")
            if words:
                starts.add(name_key(words[0]))
        for key in ambiguous:
            del index[key]
        self._index = index
        # A one-word name only matches one word and a multi-word name only several, so
        # "لي ما" is not Lima and "بتلابيب" is not Tel Aviv; list both shapes when both
        # are written (أبوظبي / أبو ظبي).
        self._one_word = frozenset(k for k, s in shapes.items() if True in s)
        self._multi_word = frozenset(k for k, s in shapes.items() if False in s)
        self.ambiguous_keys = frozenset(ambiguous)
        self._starts = frozenset(k for k in starts if k)
        self._prefixes = frozenset(key[:n] for key in index for n in range(1, len(key) + 1))
        self._first: dict[str, tuple[tuple[str, str, bool], ...]] = {}

    def by_key(self, key: str) -> GazetteerEntry | None:
        entry = self._index.get(key)
        return None if entry is _BLOCKED else entry

    def _first_forms(self, word: str) -> tuple[tuple[str, str, bool], ...]:
        """(form, key, article_stripped) readings of a span's first token that can start
        a name; cached per word form, so most positions cost one dict lookup."""
        forms = self._first.get(word)
        if forms is None:
            if len(self._first) > _CACHE_LIMIT:
                self._first.clear()
            forms = ()
            if not _is_punct(word):
                keyed = ((f, name_key(f), bare) for f, bare in _stripped_forms(word))
                forms = tuple(r for r in keyed if r[1] in self._starts)
            self._first[word] = forms
        return forms

    def _longest_at(
        self, words: list[str], i: int, first_forms: tuple[tuple[str, str, bool], ...]
    ) -> tuple[int, GazetteerEntry] | None:
        last = min(len(words), i + MAX_WINDOW)
        for form, key, article_stripped in first_forms:
            best = None
            entry = self._index.get(key)
            if entry is not None and not article_stripped and key in self._one_word:
                best = (i + 1, entry)
            if key in self._prefixes:
                parts = [form]
                for j in range(i + 1, last):
                    parts.append(words[j])
                    joined = _joined_key("".join(parts))
                    if joined not in self._prefixes:
                        break
                    entry = self._index.get(joined)
                    if entry is not None and joined in self._multi_word and not _is_punct(words[j]):
                        best = (j + 1, entry)
            if best is not None:
                return best
        return None

    def match(self, words: list[str]) -> list[tuple[int, int, GazetteerEntry]]:
        """Longest-match, left-to-right, non-overlapping spans ``[i, j)`` of known names."""
        found: list[tuple[int, int, GazetteerEntry]] = []
        first = self._first
        i, n = 0, len(words)
        while i < n:
            forms = first.get(words[i])
            if forms is None:
                forms = self._first_forms(words[i])
            if not forms:  # most words: a single dict lookup
                i += 1
                continue
            hit = self._longest_at(words, i, forms)
            if hit is None:
                i += 1
                continue
            j, entry = hit
            if entry is not _BLOCKED:
                found.append((i, j, entry))
            i = j
        return found

    def token_labels(self, words: list[str]) -> list[str]:
        """BIO label per token from ``match``: ``B-LOC``, ``I-LOC``, ``O``."""
        return bio_labels(len(words), self.match(words))


def bio_labels(length: int, matches: list[tuple[int, int, GazetteerEntry]]) -> list[str]:
    """BIO labels of ``length`` tokens from ``match``'s spans (the tagger's gazetteer features)."""
    labels = ["O"] * length
    for i, j, entry in matches:
        labels[i] = "B-" + entry.entity_type
        for k in range(i + 1, j):
            labels[k] = "I-" + entry.entity_type
    return labels


def parse_tsv(text: str) -> list[GazetteerEntry]:
    """Entries of a gazetteer TSV (header ``entity_type canonical_name name_en variants``)."""
    lines = text.splitlines()
    header = ["entity_type", "canonical_name", "name_en", "variants"]
    if not lines or lines[0].split("\t") != header:
        raise ValueError("gazetteer.tsv: the first line must be the header " + "\t".join(header))
    entries: list[GazetteerEntry] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"gazetteer.tsv line {number}: expected 4 tab-separated fields, got {len(fields)}")
        entity_type, canonical, name_en, variants = (f.strip() for f in fields)
        if entity_type not in ENTITY_TYPES:
            raise ValueError(f"gazetteer.tsv line {number}: unknown entity_type {entity_type!r}")
        if not canonical or not name_en:
            raise ValueError(f"gazetteer.tsv line {number}: empty canonical_name or name_en")
        spellings = [canonical, *(v.strip() for v in variants.split("|"))]
        unique = tuple(dict.fromkeys(s for s in spellings if s))
        entries.append(GazetteerEntry(entity_type, canonical, name_en, unique))
    return entries


# "الخارجية الأمريكية" names the State Department, but in "وزيرة الخارجية الأمريكية" it is part
# of a (female) minister's title: the adjective agrees with وزيرة, not with a ministry.
_MINISTRY_SHORT_HEADS = ("الخارجية", "الدفاع", "الداخلية", "الصحة", "الخزانة", "العدل")


def _minister_phrases(entries: list[GazetteerEntry]) -> tuple[str, ...]:
    return tuple(
        "وزيرة " + v
        for e in entries
        for v in e.variants
        if v.split(" ", 1)[0] in _MINISTRY_SHORT_HEADS
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = files("transforms.entities").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    entries = parse_tsv(text)
    return Gazetteer(entries, _BLOCKED_PHRASES + _minister_phrases(entries))
