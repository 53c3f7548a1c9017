"""Find entity mentions in an article and resolve them to canonical entities.

Recognition combines three sources, in order of trust:

1. the gazetteer of well-known entities (exact variant-tolerant matches, English names);
2. the learned tagger (``tagger.py``: a BiLSTM-CRF, a CRF or both, see ``KHABAR_NER``), for the
   names no list can hold;
3. within-article coreference: a bare surname ("كيربي"), family name ("كيم", "آل جعثم")
   resolves to the full name introduced earlier in the same article ("جون كيربي"), and an
   organisation's name without its head noun ("الهلال") to the organisation the article names
   in full ("نادي الهلال"). Common words that fold to a name part (على / علي, الله) are none;
4. context: a tagger's person span that its title or its article's subject makes a well-known
   person ("الملك سلمان", "الحوثي وصالح": ``transforms.entities.references``), a bare
   ministry in an article set in one country ("وزارة الداخلية": ``transforms.entities.national``),
   and a person in the name of an institution or place named after them, which is that
   institution or place ("مستشفى الملك فهد": ``transforms.entities.namesakes``).

Canonicalization: one ``entity_id`` per (type, ``name_key``) — ``name_key`` folds the spelling
variants of transliterated names (ج/غ, hamza/alef, hyphen/space, الأميركي/الأمريكي) — or per
gazetteer entry when the gazetteer knows the name, so every spelling of a known entity maps to
one row with its English name. A bare common given or family name that nothing resolves
("محمد", "العتيبي") gets an entity of its own article: it names no one person across the news.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from transforms.entities import references
from transforms.entities.features import load_clusters
from transforms.entities.gazetteer import Gazetteer, GazetteerEntry, bio_labels, load_gazetteer
from transforms.entities.given_names import COMMON_NAMES, GIVEN_NAMES
from transforms.entities.namesakes import head_noun, named_after
from transforms.entities.national import country_of, national_club, national_ministry
from transforms.entities.spans import Span
from transforms.entities.tagger import bio_spans, default_tagger
from transforms.entities.titles import is_org_head, is_title
from transforms.sentences import QUOTE_OPENERS, QUOTE_PAIRS
from transforms.tokens import Token, tokenize
from transforms.text import has_arabic, name_key, normalize_word

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


# Given names that start with و although the rest of the word is a common word too: وسام is
# not "and Sam", واين روني not "and where Rooney" (see ``_conjunction``); والتر is not و + التر.
_WAW_NAMES = frozenset(normalize_word(w) for w in """
    واين وايت ويلي ويلى وليام واصف وارين واير وارد وسام وجدي وجدى وصفي وصفية وهبة وهيبة وردة
    وضحى وانيس وجيه وودي ويندي وندي ووين وديان وافي وعود وسمي وقاص والتر والاس
""".split())


def _strip_proclitic(word: str, entity_type: str, is_known) -> int:
    """How many leading characters of the name ``word`` are a proclitic to drop from its surface.

    A name may itself start with و/ف/ب/ل/ك (بوتين، لافروف، كيربي، وليد), so a prefix is only
    dropped when the remainder is known (gazetteer or seen in this article), is a definite noun,
    or follows the conjunction و (``_conjunction``)."""
    if _conjunction_on_waw_word(word, entity_type):
        return 1
    if is_known(name_key(word)):
        return 0
    for clitic in _PROCLITICS:
        rest = word[len(clitic):]
        if word.startswith(clitic) and len(rest) >= 2 and is_known(name_key(rest)):
            return len(clitic)
    if word.startswith("وال") and len(word) > 4 and normalize_word(word.split(maxsplit=1)[0]) not in _WAW_NAMES:
        return 1
    if word.startswith("فال") and len(word) > 4 and _article_after_fa(word):
        return 1
    if word.startswith(("بال", "كال")) and len(word) > 4:
        return 1
    # "للأمم المتحدة" (ل + الأمم) keeps its ل: no substring of the text spells "الأمم" there.
    return 1 if _conjunction(word, entity_type) else 0


def _conjunction_on_waw_word(word: str, entity_type: str) -> bool:
    """Is ``word`` the conjunction و on a word that itself begins with و — an organisation's
    head, a title or a given name ("ووزارة الخارجية", "ووكالة الأنباء", "ووائل")? The name key
    folds وو into و (داوود / داود), so such a surface counts as known and kept its و: on 6,000
    SaudiNewsNet articles 30 mentions did, and "ووزارة الخارجية" became an entity's name. Not
    a transliterated W (وول ستريت، وولتر، وود), whose rest is no such word."""
    first = word.split(maxsplit=1)[0]
    if not first.startswith("وو") or len(first) < 5:
        return False
    rest = first[1:]
    if entity_type == "PERSON":
        return normalize_word(rest) in GIVEN_NAMES or is_title(rest)
    return is_org_head(rest) or is_title(rest)


def _article_after_fa(word: str) -> bool:
    """Does the name ``word`` (a surface) begin with the particle ف and a definite word
    ("فالحكومة")? Not a name that begins so — فالح، فالنسيا، فاليري، فالون: a word of the
    unlabelled news whose remainder (الح، النسيا) is none; on 3,000 SaudiNewsNet articles
    "فالح العيساوي" was "الح العيساوي" 9 times, Valencia "النسيا" 5. A word the news never
    shows either way is cut."""
    first = word.split(maxsplit=1)[0]
    vocabulary = load_clusters()[0]
    return normalize_word(first[1:]) in vocabulary or normalize_word(first) not in vocabulary


def _conjunction(surface: str, entity_type: str) -> bool:
    """Is the leading و of this name the conjunction "and" (or, before an organisation's head
    noun, the leading ب / ل / ك a preposition: "بوزارة الدفاع")?

    Tokens keep their clitics, so the second of two names listed ("الحوثي وصالح", "سالم الدوسري
    وياسر القحطاني") is tagged with its و, and without this the warehouse held وصالح and وياسر
    القحطاني as people of their own (on 3,000 SaudiNewsNet articles ~700 mentions: ومحمد 67,
    وصالح 47, وعبدالله 43 ...). A person's first word drops its و when the rest is a word of the
    unlabelled news the word clusters were learned from (محمد، صالح، ياسر; not ليد of وليد or
    ائل of وائل) and the whole is not a given name of ``_WAW_NAMES``; an organisation's or a
    place's when the rest is an organisation head (ووزارة الداخلية، وقوات صالح) — not a bare
    vocabulary test there: وزارة and وادي would lose their first letter."""
    first = surface.split(maxsplit=1)[0]
    if (
        entity_type != "PERSON" and len(first) >= 5 and first[0] in "بلك"
        and not first.startswith("لل") and is_org_head(first[1:])
    ):  # "بوزارة الدفاع", "لوزارة الداخلية": a preposition before the head noun ("للاتحاد" is
        # ل + الاتحاد, its alef gone: no surface to cut)
        return True
    if (
        entity_type == "PERSON" and len(first) >= 4 and first[0] in "بل" and not first.startswith(("لل", "بال"))
        and _glued_given_name(first)
    ):  # "وفقاً [لعبد الله] الموسى", "[لمحمد] العتيبي", "[بحسن] نصر الله": a preposition on a given name
        return True
    if len(first) < 4 or not first.startswith("و") or first.startswith("وال"):
        return False
    rest = first[1:]
    if entity_type == "PERSON":
        norm = normalize_word(rest)
        return (
            len(norm) >= 3 and norm in load_clusters()[0]
            and normalize_word(first) not in _WAW_NAMES
        )
    return is_org_head(rest)


def _glued_given_name(word: str) -> bool:
    """Is ``word`` ب / ل on a common given name (لمحمد، بحسن، لعبدالرحمن، لعبد of "لعبد الله")
    rather than a name of its own (بسام، لبنى: the whole is a name or the rest is none)? The
    taggers keep the preposition in the person's span: 19 such mentions on 3,000 SaudiNewsNet
    articles, each a person of its own ("لعبد الله الموسى")."""
    norm = normalize_word(word)
    rest = norm[1:]
    return norm not in COMMON_NAMES and (rest in GIVEN_NAMES or (rest.startswith("عبد") and len(rest) >= 3))


@dataclass(slots=True)
class ArticleEntities:
    mentions: list[Mention]
    entities: dict[str, Entity]
    sentence_tokens: list[list[Token]]  # reused by claim extraction


def extract_mentions(text: str, sentences: list[tuple[int, int]]) -> ArticleEntities:
    """Mentions of every sentence of one article (``sentences``: (char_start, char_end))."""
    return extract_mentions_many([(text, sentences)])[0]


@dataclass(slots=True)
class _Matched:
    """One article's tokens and gazetteer matches, waiting for the tagger."""

    text: str
    sentence_tokens: list[list[Token]]
    words: list[list[str]]
    matches: list[list[tuple[int, int, GazetteerEntry]]]
    labels: list[list[str]]  # the gazetteer's BIO labels: features for the tagger


def _match(text: str, sentences: list[tuple[int, int]], gazetteer: Gazetteer) -> _Matched:
    sentence_tokens = [tokenize(text, s, e) for s, e in sentences]
    words = [[t.text for t in tokens] for tokens in sentence_tokens]
    matches = [gazetteer.match(w) for w in words]
    labels = [bio_labels(len(w), found) for w, found in zip(words, matches)]
    return _Matched(text, sentence_tokens, words, matches, labels)


# Head nouns followed by the organisation's own name (نادي الهلال، تنظيم القاعدة), unlike وزارة
# or مجلس, whose complement describes (وزارة الخارجية: "الخارجية" alone is no name).
_NAMING_HEADS = frozenset(normalize_word(w) for w in (
    "نادي النادي تنظيم حركة جماعة حزب صحيفة جريدة مجلة قناة شبكة وكالة شركة مجموعة مصرف بنك"
).split())


def _short_form(variant: str) -> str | None:
    """The name of an organisation without its naming head noun (نادي الهلال → الهلال, تنظيم
    القاعدة → القاعدة). Not without the country after it: "القادسية الكويتي" in an article is
    named so to set it apart from the local القادسية."""
    words = variant.split()
    if len(words) < 2 or normalize_word(words[0]) not in _NAMING_HEADS:
        return None
    return name_key(" ".join(words[1:]))


def _short_names(matched: _Matched, gazetteer: Gazetteer) -> dict[str, GazetteerEntry]:
    """Short names of the organisations the gazetteer found in one article, each with its
    entry: a tagger span "الهلال" or "القاعدة" is the club or the group that the article names in
    full (نادي الهلال، تنظيم القاعدة), where the gazetteer, which must not match such common
    words on their own, leaves it unlinked. A short name that two of the article's
    organisations share, or that is a gazetteer name of its own, links to neither."""
    found: dict[str, GazetteerEntry | None] = {}
    for sentence in matched.matches:
        for _, _, entry in sentence:
            if entry.entity_type != "ORG":
                continue
            for variant in entry.variants:
                key = _short_form(variant)
                if key is None or len(key) < 3 or gazetteer.by_key(key) is not None:
                    continue
                held = found.setdefault(key, entry)
                if held is not None and held is not entry:
                    found[key] = None
    return {key: entry for key, entry in found.items() if entry is not None}


def extract_mentions_many(articles: Sequence[tuple[str, list[tuple[int, int]]]]) -> list[ArticleEntities]:
    """``extract_mentions`` for many articles ``(text, sentences)``: the tagger decodes all
    their sentences in one batch, which is what makes it fast, each article as one document
    (a name it finds once is favoured where it recurs: ``transforms.entities.consistency``)."""
    gazetteer = load_gazetteer()
    tagger = default_tagger()
    matched = [_match(text, sentences, gazetteer) for text, sentences in articles]
    tags: list[list[str]] = []
    if tagger is not None:
        tags = tagger.tag_many(
            [w for m in matched for w in m.words],
            [g for m in matched for g in m.labels],
            [article for article, m in enumerate(matched) for _ in m.words],
        )
    out = []
    first = 0
    for m in matched:
        n = len(m.words)
        out.append(_resolve(m, tags[first:first + n] if tagger is not None else None, gazetteer))
        first += n
    return out


def _resolve(matched: _Matched, tags: list[list[str]] | None, gazetteer: Gazetteer) -> ArticleEntities:
    """Mentions and entities of one article from its gazetteer matches and tagger labels."""
    text = matched.text
    entities: dict[str, Entity] = {}
    raw: list[tuple[int, int, str, str, int, Entity]] = []  # start, end, type, method, sentence, entity
    persons: dict[str, list[tuple[int, Entity]]] = {}  # name part → (start, entity) of full names, in order
    seen_keys: set[str] = set()
    short_names = _short_names(matched, gazetteer)  # "الهلال" where the article names نادي الهلال
    # A bare common name that nothing resolves ("محمد", "عبد الله", "العتيبي") is someone of
    # this article, not one person of every article: its entity_id is the article's own.
    article_scope = "@" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    named = {entry.canonical_name for sentence in matched.matches for _, _, entry in sentence}
    # the one country every place of the article belongs to, if any (a bare "وزارة الداخلية" is its)
    country = country_of({e.canonical_name for sentence in matched.matches for _, _, e in sentence if e.entity_type == "LOC"})

    def is_known(key: str) -> bool:
        return key in seen_keys or gazetteer.by_key(key) is not None

    def add(start: int, end: int, entity_type: str, method: str, index: int, entity: Entity) -> None:
        surface = text[start:end]
        entity = entities.setdefault(entity.entity_id, entity)
        entity.aliases.add(surface)
        entity.alias_keys.add(name_key(surface))
        seen_keys.add(name_key(surface))
        if entity.entity_type == "PERSON":
            parts = _name_parts(surface)
            entity.alias_keys |= {_alias_key(part) for part in parts}
            for part in parts:  # later bare mentions of this part refer back to this person
                persons.setdefault(part, []).append((start, entity))
        raw.append((start, end, entity.entity_type, method, index, entity))

    sentence_tokens = matched.sentence_tokens
    sentence_taken: list[list[bool]] = []
    for index, tokens in enumerate(sentence_tokens):
        words = matched.words[index]
        taken = [False] * len(tokens)
        sentence_taken.append(taken)
        found: list[tuple[int, int, str, str, Entity | None]] = []
        spans = bio_spans(tags[index]) if tags is not None else []
        matches = within_lineages(words, within_organisations(words, matched.matches[index], spans), spans)
        for i, j, entry in matches:
            found.append((i, j, entry.entity_type, "gazetteer", _entity_from_gazetteer(entry)))
            taken[i:j] = [True] * (j - i)
        for i, j, entry in matches:  # "الحوثي وصالح": Saleh, tagged or not
            if j < len(tokens) and not taken[j] and (
                joined := references.joined_to_anchor(tokens[j].text, entry.canonical_name, named)
            ):
                found.append((j, j + 1, "PERSON", "context", _entity_from_gazetteer(joined)))
                taken[j] = True
        if tags is not None:
            for span in spans:
                if span.entity_type in _KEPT_TAGGER_TYPES and not any(taken[span.start:span.end]):
                    i, j = trim_punctuation(tokens, *balance_quotes(tokens, span.start, span.end, taken))
                    if i < j:
                        found.append((i, j, span.entity_type, "tagger", None))
                        taken[i:j] = [True] * (j - i)
        found = [_namesake(words, taken, *f) for f in found]
        found.sort(key=lambda f: f[0])
        for i, j, entity_type, method, entity in found:
            end = tokens[j - 1].end
            start = tokens[i].start + (
                head_noun(tokens[i].text)[0] if method == _NAMESAKE  # "[لـ]مستشفى الملك فهد"
                else _strip_proclitic(text[tokens[i].start:end], entity_type, is_known)
            )
            surface = text[start:end]
            if not has_arabic(surface) and not surface.isalpha():
                continue
            if method == _NAMESAKE:  # "مستشفى الملك فهد": the hospital, its own entity
                key = name_key(surface)
                known = gazetteer.by_key(key)
                entity = (
                    _entity_from_gazetteer(known) if known is not None and known.entity_type == entity_type
                    else Entity(entity_id_for(entity_type, key), surface, entity_type, None, key, alias_keys={key})
                )
                method = "context"
            if entity is None:
                entity = _resolve_part(_part_key(words[i:j], surface), start, persons)
                short = short_names.get(name_key(surface)) if entity_type == "ORG" else None
                if entity is None and short is not None:
                    entity = _entity_from_gazetteer(short)
                if entity is not None:
                    method = "coref"
                elif entity_type == "PERSON" and (referred := _referred(tokens, i, j, surface, named)):
                    skip, entity, method = *referred, "context"  # "الملك [سلمان]"
                    start = tokens[i + skip].start if skip else start  # "[الملك عبدالعزيز]"
                elif entity_type == "ORG" and (national := national_ministry(surface, country, gazetteer)
                                                or national_club(surface, _word_before(tokens, i), country, gazetteer)):
                    entity, method = _entity_from_gazetteer(national), "context"  # "وزارة الداخلية", "الأهلي"
                else:
                    key = name_key(surface)
                    fatherless = _without_father(surface) if entity_type == "PERSON" else None
                    known = gazetteer.by_key(fatherless) if fatherless else None
                    if known is not None and known.entity_type == "PERSON":
                        entity = _entity_from_gazetteer(known)  # "أنور بن محمد قرقاش" is أنور قرقاش
                    else:
                        scope = article_scope if entity_type == "PERSON" and key in _COMMON_KEYS else ""
                        entity = Entity(entity_id_for(entity_type, key + scope), surface, entity_type, None, key, alias_keys={key})
                        if fatherless:
                            entity.alias_keys.add(fatherless)  # entities_named("عزام الدخيل") finds him
            add(start, end, entity_type, method, index, entity)
    # A bare surname ("كيربي") or family name ("كيم") nobody tagged: resolve it to the full name
    # introduced earlier in the article.
    if persons:
        for index, (tokens, taken) in enumerate(zip(sentence_tokens, sentence_taken)):
            for k, (token, is_taken) in enumerate(zip(tokens, taken)):
                if is_taken or len(token.text) < 3 or not token.text.isalpha():
                    continue
                if k and name_key(tokens[k - 1].text) in _LINEAGE:
                    # "الأمير سعود بن [عبدالعزيز]": another man's father, not a reference; but
                    # "وقال آل جعثم" is حسين آل جعثم, unless آل ends a lineage ("بن عبدالعزيز آل سعود")
                    family = name_key(tokens[k - 1].text) == _AL and not (
                        k >= 3 and name_key(tokens[k - 3].text) in _LINEAGE
                    )
                    entity = (
                        _resolve_part(_family_key(token.text), token.start, persons) if family else None
                    )
                    if entity is not None:
                        add(tokens[k - 1].start, token.end, "PERSON", "coref", index, entity)
                    continue
                offset, entity = _bare_name(token.text, token.start, persons)
                if entity is not None:
                    add(token.start + offset, token.end, "PERSON", "coref", index, entity)
    raw.sort(key=lambda r: r[0])
    mentions = [Mention(s, e, text[s:e], t, m, i, ent.entity_id) for s, e, t, m, i, ent in raw]
    return ArticleEntities(mentions, entities, sentence_tokens)


def _namesake(
    words: Sequence[str], taken: list[bool], i: int, j: int, entity_type: str, method: str, entity: Entity | None
) -> tuple[int, int, str, str, Entity | None]:
    """A person found in the name of an institution or place named after them ("لمستشفى الملك
    [فهد]", ``transforms.entities.namesakes``) is that institution or place: a mention of its
    own (method ``context``), not of the person."""
    if entity_type != "PERSON":
        return i, j, entity_type, method, entity
    found = named_after(words, i, j)
    if found is None or any(taken[found[0] : i]) or any(taken[j : found[1]]):
        return i, j, entity_type, method, entity
    head, end, facility_type = found
    taken[head:end] = [True] * (end - head)
    return head, end, facility_type, _NAMESAKE, None


_NAMESAKE = "namesake"  # a found item's method until its entity is made; then "context"


def within_organisations(
    words: Sequence[str], matches: list[tuple[int, int, GazetteerEntry]], spans: Sequence[Span]
) -> list[tuple[int, int, GazetteerEntry]]:
    """The gazetteer matches of one sentence, without the places and people inside a tagger
    organisation's longer name with a head noun: "جامعة [حائل]", "بنك [إيطاليا] المركزي",
    "مؤسسة [الدوحة] للأفلام", "الجمعية [السعودية] للسكر" name a university, a bank, a
    foundation, a society — not the city or the country that the gazetteer, trusted first,
    made of them. On 3,000 SaudiNewsNet articles 312 such spans, 48 of 50 read right; the
    ~115 without a head noun were right half the time ("فلاي دبي" but "اسبانيا الحد الأدنى",
    "شعب العراق"), and stay the gazetteer's. Only organisations around other types: a span of
    the match's own type around it is usually the tagger running on ("[سلمان بن عبدالعزيز]
    جدة"), a person around a place a byline or a title ("محمد ـ الدمام", "أمين الطائف"). A
    match that crosses the span's edge leaves the gazetteer in charge."""
    if not matches or not spans:
        return matches
    yielded: set[int] = set()
    for span in spans:
        if span.entity_type != "ORG":
            continue
        inside = [k for k, (i, j, _) in enumerate(matches) if span.start <= i and j <= span.end]
        if not inside or any(matches[k][2].entity_type == "ORG" for k in inside):
            continue
        if any(i < span.end and span.start < j and not (span.start <= i and j <= span.end)
               for i, j, _ in matches):
            continue
        covered = {t for k in inside for t in range(matches[k][0], matches[k][1])}
        if any(is_org_head(words[t]) for t in range(span.start, span.end) if t not in covered):
            yielded.update(inside)
    return [m for k, m in enumerate(matches) if k not in yielded] if yielded else matches


def within_lineages(
    words: Sequence[str], matches: list[tuple[int, int, GazetteerEntry]], spans: Sequence[Span]
) -> list[tuple[int, int, GazetteerEntry]]:
    """The gazetteer matches of one sentence, without the people named as someone's father or
    grandfather inside a tagger person's longer name: "الأمير فيصل بن [خالد بن عبدالعزيز]" is
    Prince Faisal, the governor of Asir, not King Khalid; "متعب بن [عبدالله بن عبدالعزيز]" is
    Prince Mutaib, not King Abdullah. The tagger reads the whole lineage chain as one name; the
    gazetteer, trusted first, took its tail (on 3,000 SaudiNewsNet articles 53 such matches, 22
    of them "خالد بن عبدالعزيز", nearly all the sons and grandsons of the kings). A match after
    بن / ابن / بنت yields when a tagger person span holds it and the name before the
    connector."""
    if not matches or not spans:
        return matches
    yielded = {
        k for k, (i, j, entry) in enumerate(matches)
        if entry.entity_type == "PERSON" and i >= 2 and name_key(words[i - 1]) in _SON_OF
        and any(span.entity_type == "PERSON" and span.start <= i - 2 and j <= span.end for span in spans)
    }
    return [m for k, m in enumerate(matches) if k not in yielded] if yielded else matches


_QUOTE_STOPS = frozenset(".،,:؛!?؟()[]")
_QUOTE_REACH = 4  # tokens a span may grow to its closing mark


# Punctuation a tagger span takes in at its edges but no name ends or begins with.
_EDGE_PUNCTUATION = frozenset("–—-,،:؛.!?؟")


def trim_punctuation(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """A tagger span ``[i, j)`` without the dashes, commas or stops at its edges: "[وليد
    الزايد –] الرياض" is a byline's name and its dash (84 mentions of 3,000 SaudiNewsNet
    articles ended on a dash, 76 of them people, each an entity apart from the bare name)."""
    while i < j and tokens[j - 1].text in _EDGE_PUNCTUATION:
        j -= 1
    while i < j and tokens[i].text in _EDGE_PUNCTUATION:
        i += 1
    return i, j


def balance_quotes(tokens: Sequence[Token], i: int, j: int, taken: Sequence[bool]) -> tuple[int, int]:
    """A tagger span ``[i, j)`` with its quotation marks paired: the taggers cut quoted names
    at a mark ("مكتبة «الغد] العربي»", "«[ذا فولتس»]"; 282 of 45,879 mentions of 3,000
    SaudiNewsNet articles), which made one entity per cut. A span grows to the mark that closes
    one it opened, within ``_QUOTE_REACH`` free tokens and no punctuation; a mark that opens or
    closes nothing inside it at either end is left out; other spans stay as they are."""
    texts = [t.text for t in tokens]

    def unpaired() -> tuple[str | None, str | None]:
        """(an opening mark left open, a closing mark with no opener) inside the span."""
        close = None
        depth: dict[str, int] = {}
        for text in texts[i:j]:
            if text in QUOTE_PAIRS:
                depth[text] = depth.get(text, 0) + 1
            elif text in QUOTE_OPENERS:
                opener = QUOTE_OPENERS[text]
                if depth.get(opener, 0):
                    depth[opener] -= 1
                else:
                    close = text
        open_ = next((o for o, n in depth.items() if n), None)
        if open_ is None and texts[i:j].count('"') % 2:
            open_ = '"' if texts[j - 1] != '"' else None
            close = '"' if texts[j - 1] == '"' else close
        return open_, close

    open_, close = unpaired()
    if close is not None and j - i > 1 and texts[j - 1] == close:
        j -= 1  # "ذا فولتس»" → "ذا فولتس"
    if open_ is not None:
        if texts[j - 1] == open_ and j - i > 1 and (open_ != '"' or texts[i:j].count('"') == 1):
            j -= 1  # "حزب «" → "حزب"
        elif texts[i] == open_ and j - i > 1 and (open_ != '"' or texts[i:j].count('"') == 1):
            i += 1  # "«مجلة" → "مجلة"
        else:
            want = QUOTE_PAIRS.get(open_, '"')
            for k in range(j, min(len(texts), j + _QUOTE_REACH)):
                if taken[k] or texts[k] in _QUOTE_STOPS:
                    break
                if texts[k] == want:
                    return i, k + 1  # "مكتبة «الغد العربي»"
    return i, j


# Keys of the names too common to name one person across articles (given names, the large
# tribes' family names: transforms.entities.given_names), "عبد الله" and all.
_COMMON_KEYS = frozenset(name_key(name) for name in COMMON_NAMES)


def _word_before(tokens: list[Token], i: int) -> str | None:
    """The nearest word before token ``i``, punctuation skipped ("الملك/ عبدالعزيز")."""
    return next((t.text for t in reversed(tokens[:i]) if t.text.isalpha()), None)


def _referred(
    tokens: list[Token], i: int, j: int, surface: str, named: set[str]
) -> tuple[int, Entity] | None:
    """The well-known person that the tagger PERSON span ``tokens[i:j]`` (``surface`` without
    its proclitic) names in its context (``transforms.entities.references``: "الملك [سلمان]",
    "الحوثي و[صالح]"), with the number of title words the span holds ("[الملك عبدالعزيز]": 1)."""
    words = _words(surface)
    if len(words) != j - i:  # punctuation inside the span
        return None
    found = references.resolve(words, _word_before(tokens, i), named)
    if found is None:
        return None
    skip, entry = found
    return skip, _entity_from_gazetteer(entry)


# Family name first: a bare first word of these names is the person (كيم → كيم جونغ أون).
_FAMILY_NAME_FIRST = frozenset(name_key(w) for w in ("كيم", "لي", "بارك", "مون", "يون", "وانغ", "وانج", "تشوي", "ري", "باك", "هان", "تشو"))
_NOT_NAME_PARTS = frozenset(name_key(w) for w in (
    "بن", "ابن", "أبو", "عبد", "آل", "بنت", "دي", "فون", "فان", "الشيخ", "السيد",
    # the second half of a compound name is a common word on its own: عبد [الله] / God,
    # عز [الدين] / religion, عبدالله [الثاني] / the second (half) of a match
    "الله", "الدين", "الأول", "الثاني", "الثالث", "الرابع", "الخامس",
))
# Before these a name belongs to someone's lineage ("آل سعود", "بن عبدالعزيز"): it is
# neither a name part nor a bare reference to a person named earlier.
_LINEAGE = frozenset(name_key(w) for w in ("بن", "ابن", "بنت", "آل"))
_AL = name_key("آل")
_SON_OF = _LINEAGE - {_AL}  # "son / daughter of": a father's name follows (``within_lineages``)
_ABD = name_key("عبد")
# The preposition "on" (على) folds to the name Ali (علي): spelled with ى, never a name part.
_ALA = "على"
_BARE_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


def _words(surface: str) -> list[str]:
    return [t.text for t in tokenize(surface) if t.text.isalpha()]


def _name_parts(surface: str) -> set[str]:
    """Keys a full name may be referred back to by: its last word, and its first word for
    family-name-first names, or its family name after آل ("آل جعثم", only with its آل). Short or
    particle-like words never count, nor does a father's name ("محمد بن [سلمان]": a bare سلمان
    is the king), a title ("بقلم [الكاتب]": the tagger's span) or the preposition على the
    tagger took in ("روزفلت [على]")."""
    raw = _words(surface)
    words = [name_key(w) for w in raw]
    parts = set()
    if len(words) >= 2:
        if words[-2] == _AL:  # a family name: "آل جعثم" refers back to حسين آل جعثم
            parts.add(_family_key(raw[-1]))
        elif words[-2] not in _LINEAGE and raw[-1] != _ALA and not is_title(raw[-1]):
            parts.add(words[-1])
        if words[0] in _FAMILY_NAME_FIRST:
            parts.add(words[0])
    return {p for p in parts if len(p) >= 3 and p not in _NOT_NAME_PARTS}


_FAMILY = "آل "


def _family_key(word: str) -> str:
    """The name part of the family name آل ``word``, apart from the bare ``word``'s (a bare
    سعود is a prince of that name, not سلمان بن عبدالعزيز آل سعود)."""
    return _FAMILY + name_key(word)


def _part_key(words: list[str], surface: str) -> str:
    """The name part a tagger span may refer back by: a one-word span's key, or a family name
    ("وقال [آل جعثم]"); otherwise a key no part has."""
    if len(words) == 1:
        return name_key(surface)
    if len(words) == 2 and name_key(words[0]) == _AL:
        return _family_key(words[1])
    return ""


def _without_father(surface: str) -> str | None:
    """The ``name_key`` of a person's name without the father's name that Saudi news writes in
    full introductions: "أنور بن محمد قرقاش" → أنور قرقاش, "عزام بن محمد الدخيل" → عزام الدخيل.
    ``None`` unless the name is given name, بن / ابن / بنت, father, family name — no lineage
    chain ("عبدالله بن مساعد بن عبدالعزيز"), no آل family ("فيصل بن خالد آل سعود": a royal
    family of many Faisals), no one-word remainder."""
    words = [t.text for t in tokenize(surface) if any(c.isalpha() for c in t.text)]  # الدخيّل
    keys = [name_key(w) for w in words]
    rest = 4 if len(keys) > 2 and keys[2] == _ABD else 3  # "بن عبد الرحمن": a father of two words
    if len(words) <= rest or keys[1] not in _LINEAGE or keys[1] == _AL:
        return None
    if any(k in _LINEAGE for k in keys[rest:]):
        return None
    return name_key(" ".join([words[0], *words[rest:]]))


def _alias_key(part: str) -> str:
    """The ``alias_keys`` entry of a name part: the family name's is ``name_key("آل جعثم")``."""
    return _AL + part[len(_FAMILY):] if part.startswith(_FAMILY) else part


def _resolve_part(key: str, position: int, persons: dict[str, list[tuple[int, Entity]]]) -> Entity | None:
    """The most recent full name before ``position`` that ``key`` is a part of."""
    for start, entity in reversed(persons.get(key, ())):
        if start < position:
            return entity
    return None


@lru_cache(maxsize=100_000)
def _name_readings(word: str) -> tuple[tuple[int, str], ...]:
    """``(offset, name key)`` of a word and of its forms without a proclitic, in the order
    ``_bare_name`` tries them (per word form, once: every token of every article asks)."""
    if word == _ALA:
        return ()
    readings = [(0, name_key(word))]
    for clitic in _BARE_PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3 and word[len(clitic):] != _ALA:
            readings.append((len(clitic), name_key(word[len(clitic):])))
    return tuple(readings)


def _bare_name(word: str, position: int, persons: dict[str, list[tuple[int, Entity]]]) -> tuple[int, Entity | None]:
    for offset, key in _name_readings(word):
        if key in persons:
            entity = _resolve_part(key, position, persons)
            if entity is not None:
                return offset, entity
    return 0, None
