"""Short references to well-known people that only their context resolves.

Saudi news calls its kings by title and given name: "الملك سلمان", "للملك فهد", "الملك
المؤسس عبدالعزيز". The gazetteer holds the kings by their full names and must not hold a bare
"سلمان" or "فهد", every other man's name; so on 3,000 random SaudiNewsNet articles "سلمان"
(19 articles), "فهد" (13) and "فيصل" (11) were people of their own, shared across articles with
every other Salman, Fahd and Faisal, while King Salman had 161. Likewise the Yemen war news
says "ميليشيات الحوثي وصالح" and "قوات المخلوع صالح" for Ali Abdullah Saleh (23 articles), and
Syria news "نظام الأسد" for Bashar al-Assad, without ever giving the full name.

``references.tsv`` lists such references, each with the gazetteer entity it names and the
context that makes it that entity:

- ``after``: title words, one of which must stand right before the reference (with or without
  و/ف, ب/ل/ك and the article: "الملك", "والملك", "للملك"); or, when the tagger took the title
  into its span ("[الملك عبدالعزيز]"), begin the span;
- ``with``: gazetteer entities, one of which the article must name (الحوثيون for صالح, سوريا for
  الأسد: "الأسد" in an article about a lion shot in Zimbabwe stays what it was);
- ``without``: gazetteer entities the article must not name ("الملك عبدالله" in an article that
  names Jordan may be Abdullah II).

An empty column sets no condition. ``transforms.entities.mentions`` asks only for a tagger
PERSON span that names nobody of its own article (in-article coreference comes first: after
"حافظ الأسد", a bare "الأسد" is Hafez) — or, for a reference with no ``after`` words, for the
reference joined by و right after a ``with`` entity ("الحوثي وصالح", ``joined_to_anchor``),
tagged or not: the taggers miss that "وصالح" about as often as they find it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from transforms.entities.features import strip_proclitics
from transforms.entities.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from transforms.text import name_key, normalize_word

_COLUMNS = ["reference", "entity", "after", "with", "without"]


def title_stem(word: str) -> str:
    """A title word without و/ف, ب/ل/ك and ال: "للملك" and "الملك" are both "ملك"."""
    return strip_proclitics(normalize_word(word))[1]


@dataclass(frozen=True, slots=True)
class Reference:
    entity: GazetteerEntry
    after: frozenset[str]  # title stems; empty: any word may come before
    within: frozenset[str]  # canonical names; empty: no anchor needed
    without: frozenset[str]

    def holds(self, before: str | None, named: Collection[str]) -> bool:
        if self.after and (before is None or title_stem(before) not in self.after):
            return False
        if self.within and self.within.isdisjoint(named):
            return False
        return self.without.isdisjoint(named)


def _entry(name: str, gazetteer: Gazetteer, line: int) -> GazetteerEntry:
    entry = gazetteer.by_key(name_key(name))
    if entry is None or entry.canonical_name != name:
        raise ValueError(f"references.tsv line {line}: {name!r} is no gazetteer canonical name")
    return entry


def _names(cell: str, gazetteer: Gazetteer, line: int) -> frozenset[str]:
    names = frozenset(n.strip() for n in cell.split("|") if n.strip())
    for name in names:
        _entry(name, gazetteer, line)
    return names


def parse_tsv(text: str, gazetteer: Gazetteer) -> dict[str, Reference]:
    """``references.tsv`` → {name_key of the reference: Reference}. Every entity named must
    be a gazetteer entry's canonical name, and no reference may be listed twice."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != _COLUMNS:
        raise ValueError(f"references.tsv: the header must be {_COLUMNS}")
    references: dict[str, Reference] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(_COLUMNS):
            raise ValueError(f"references.tsv line {number}: {len(cells)} columns, not {len(_COLUMNS)}")
        reference, entity, after, within, without = cells
        key = name_key(reference)
        if key in references:
            raise ValueError(f"references.tsv line {number}: {reference!r} is listed twice")
        references[key] = Reference(
            _entry(entity.strip(), gazetteer, number),
            frozenset(title_stem(w) for w in after.split("|") if w.strip()),
            _names(within, gazetteer, number),
            _names(without, gazetteer, number),
        )
    return references


@lru_cache(maxsize=1)
def load_references() -> dict[str, Reference]:
    text = files("transforms.entities").joinpath("references.tsv").read_text(encoding="utf-8")
    return parse_tsv(text, load_gazetteer())


def resolve(
    words: Sequence[str], before: str | None, named: Collection[str],
    references: dict[str, Reference] | None = None,
) -> tuple[int, GazetteerEntry] | None:
    """The entity the PERSON span ``words`` names in its context, and how many of its leading
    words are a title to leave out of the mention ("[الملك عبدالعزيز]" → 1); ``None`` when it
    names none. ``before``: the word before the span; ``named``: canonical names of the
    gazetteer entities its article names."""
    references = load_references() if references is None else references
    found = references.get(name_key(" ".join(words)))
    if found is not None and found.holds(before, named):
        return 0, found.entity
    if len(words) >= 2:  # the title inside the span
        found = references.get(name_key(" ".join(words[1:])))
        if found is not None and found.after and found.holds(words[0], named):
            return 1, found.entity
    return None


def joined_to_anchor(
    word: str, anchor: str, named: Collection[str],
    references: dict[str, Reference] | None = None,
) -> GazetteerEntry | None:
    """The entity of a reference joined by و to one of its ``with`` entities, ``anchor`` (a
    canonical name) right before it: "ميليشيات الحوثي وصالح" is Saleh even where the tagger
    took "وصالح" for no name. Only references with no ``after`` condition."""
    references = load_references() if references is None else references
    if not word.startswith("و") or len(word) < 4:
        return None
    found = references.get(name_key(word[1:]))
    if found is None or found.after or anchor not in found.within:
        return None
    return found.entity if found.without.isdisjoint(named) else None
