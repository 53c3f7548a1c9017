"""Find entity mentions in an article and resolve them to canonical entities.

Recognition combines three sources, in order of trust:

1. the gazetteer of well-known entities (exact variant-tolerant matches, English names);
2. the learned CRF tagger (``tagger.py``), for the names no list can hold;
3. within-article coreference: a bare surname ("كيربي") or family name ("كيم") resolves to the
   full name introduced earlier in the same article ("جون كيربي").

Canonicalization: one ``entity_id`` per (type, ``name_key``) — ``name_key`` folds the spelling
variants of transliterated names (ج/غ, hamza/alef, hyphen/space, الأميركي/الأمريكي) — or per
gazetteer entry when the gazetteer knows the name, so every spelling of a known entity maps to
one row with its English name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from transforms.entities.gazetteer import GazetteerEntry, load_gazetteer
from transforms.entities.tagger import default_tagger
from transforms.tokens import tokenize
from transforms.text import has_arabic, name_key

_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# Tagger spans of these types are kept; MISC is noisy on news and not needed downstream.
_KEPT_TAGGER_TYPES = {"PERSON", "ORG", "LOC"}


@dataclass(slots=True)
class Entity:
    entity_id: str
    canonical_name: str
    entity_type: str
    name_en: str | None
    name_key: str
    aliases: set[str] = field(default_factory=set)
    alias_keys: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    surface: str
    entity_type: str
    method: str
    sentence_index: int
    entity_id: str


def entity_id_for(entity_type: str, key: str) -> str:
    return hashlib.sha256(f"{entity_type}:{key}".encode("utf-8")).hexdigest()[:16]


def _entity_from_gazetteer(entry: GazetteerEntry) -> Entity:
    key = name_key(entry.canonical_name)
    entity = Entity(entity_id_for(entry.entity_type, key), entry.canonical_name, entry.entity_type, entry.name_en, key)
    entity.alias_keys.update(name_key(v) for v in entry.variants)
    entity.alias_keys.add(key)
    return entity


def _strip_proclitic(word: str, is_known) -> int:
    """How many leading characters of the name ``word`` are a proclitic to drop from its surface.

    A name may itself start with و/ف/ب/ل/ك (بوتين، لافروف، كيربي), so a prefix is only dropped
    when the remainder is known (gazetteer or seen in this article) or is a definite noun."""
    if is_known(name_key(word)):
        return 0
    for clitic in _PROCLITICS:
        rest = word[len(clitic):]
        if word.startswith(clitic) and len(rest) >= 2 and is_known(name_key(rest)):
            return len(clitic)
    if word.startswith(("وال", "فال")) and len(word) > 4:
        return 1
    if word.startswith(("بال", "كال")) and len(word) > 4:
        return 1
    if word.startswith("لل") and len(word) > 4:
        return 1  # "للأمم" → "لأمم" is wrong but rare; the gazetteer handles the known ones
    return 0


@dataclass(slots=True)
class ArticleEntities:
    mentions: list[Mention]
    entities: dict[str, Entity]


def extract_mentions(text: str, sentences: list[tuple[int, int]]) -> ArticleEntities:
    """Mentions of every sentence of one article (``sentences``: (char_start, char_end))."""
    gazetteer = load_gazetteer()
    tagger = default_tagger()
    entities: dict[str, Entity] = {}
    raw: list[tuple[int, int, str, str, int, Entity]] = []  # start, end, type, method, sentence, entity
    persons_seen: list[Entity] = []
    person_counts: dict[str, int] = {}
    seen_keys: set[str] = set()

    def is_known(key: str) -> bool:
        return key in seen_keys or gazetteer.by_key(key) is not None

    sentence_tokens = [tokenize(text, s, e) for s, e in sentences]
    for index, tokens in enumerate(sentence_tokens):
        words = [t.text for t in tokens]
        taken = [False] * len(tokens)
        found: list[tuple[int, int, str, str, Entity | None]] = []
        for i, j, entry in gazetteer.match(words):
            found.append((i, j, entry.entity_type, "gazetteer", _entity_from_gazetteer(entry)))
            for k in range(i, j):
                taken[k] = True
        if tagger is not None and words:
            for span in tagger.spans(words):
                if span.entity_type not in _KEPT_TAGGER_TYPES:
                    continue
                if any(taken[k] for k in range(span.start, span.end)):
                    continue
                found.append((span.start, span.end, span.entity_type, "tagger", None))
        found.sort(key=lambda f: f[0])
        for i, j, entity_type, method, entity in found:
            start_token, end_token = tokens[i], tokens[j - 1]
            end = end_token.end
            start = start_token.start + _strip_proclitic(text[start_token.start:end], is_known)
            surface = text[start:end]
            if not has_arabic(surface) and not surface.isalpha():
                continue
            if entity is None:
                entity = _resolve_unknown(surface, entity_type, persons_seen, person_counts)
            entity = entities.setdefault(entity.entity_id, entity)
            entity.aliases.add(surface)
            entity.alias_keys.add(name_key(surface))
            seen_keys.add(name_key(surface))
            if entity_type == "PERSON" or entity.entity_type == "PERSON":
                if entity not in persons_seen:
                    persons_seen.append(entity)
                person_counts[entity.entity_id] = person_counts.get(entity.entity_id, 0) + 1
                _add_name_parts(entity, surface)
            raw.append((start, end, entity.entity_type, method if entity_type == entity.entity_type or method == "gazetteer" else "coref", index, entity))
    mentions = [
        Mention(start, end, text[start:end], etype, method, index, entity.entity_id)
        for start, end, etype, method, index, entity in raw
    ]
    return ArticleEntities(mentions, entities)


def _add_name_parts(entity: Entity, surface: str) -> None:
    parts = [p for p in tokenize(surface) if p.text.isalpha()]
    if len(parts) >= 2:
        entity.alias_keys.add(name_key(parts[-1].text))


def _resolve_unknown(surface: str, entity_type: str, persons: list[Entity], counts: dict[str, int]) -> Entity:
    """A tagger mention: a single-token person name resolves to an earlier full name in the
    article that begins or ends with it; anything else becomes its own canonical entity."""
    key = name_key(surface)
    parts = [t.text for t in tokenize(surface) if t.text.isalpha()]
    if len(parts) == 1:
        candidates = [e for e in persons if _name_part_match(e, key)]
        if candidates:
            return max(candidates, key=lambda e: (counts.get(e.entity_id, 0), persons.index(e)))
    entity = Entity(entity_id_for(entity_type, key), surface, entity_type, None, key)
    entity.alias_keys.add(key)
    return entity


def _name_part_match(entity: Entity, key: str) -> bool:
    for alias in entity.aliases or {entity.canonical_name}:
        parts = [name_key(t.text) for t in tokenize(alias) if t.text.isalpha()]
        if len(parts) >= 2 and key in (parts[0], parts[-1]):
            return True
    return False
