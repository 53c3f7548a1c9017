"""A batch of articles → Arrow tables of the data contract (pure: no Prefect, no I/O).

This is the unit of work the flow hands to a task (hundreds of articles at a time) and the
unit the benchmark calls directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa

from transforms import schema, version
from transforms.claims import extract_claims
from transforms.entities.mentions import ArticleEntities, Entity, extract_mentions_many
from transforms.sentences import SentenceSpan, split_sentences
from transforms.sources import Article
from transforms.text import normalize_text


@dataclass(slots=True)
class Batch:
    """Rows for every article table plus the entities they mention."""

    articles: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)

    def tables(self) -> dict[str, pa.Table]:
        return {
            "articles": pa.Table.from_pylist(self.articles, schema.ARTICLES),
            "sentences": pa.Table.from_pylist(self.sentences, schema.SENTENCES),
            "mentions": pa.Table.from_pylist(self.mentions, schema.MENTIONS),
            "claims": pa.Table.from_pylist(self.claims, schema.CLAIMS),
            "entities": entities_table(self.entities.values()),
        }


def sentence_id(article_id: str, index: int) -> str:
    return f"{article_id}:{index:04d}"


def process_article(
    article: Article, batch: Batch, run_id: str, ingested_at: datetime,
    spans: list[SentenceSpan], found: ArticleEntities,
) -> None:
    """Rows of one article, given its sentences and its entity mentions."""
    text = article.text
    aid = article.article_id
    month = article.published_month
    batch.articles.append(
        {
            "article_id": aid,
            "source": article.source,
            "outlet": article.outlet,
            "url": article.url,
            "published_at": article.published_at,
            "title": article.title,
            "text": text,
            "text_sha256": article.text_sha256,
            "char_count": len(text),
            "ingested_at": ingested_at,
            "run_id": run_id,
            "author": article.author,
            "dateline": article.dateline,
            "flags": article.flags,
            "pipeline_version": version.pipeline_version(),
            "published_month": month,
        }
    )
    for index, span in enumerate(spans):
        sentence_text = text[span.char_start:span.char_end]
        batch.sentences.append(
            {
                "sentence_id": sentence_id(aid, index),
                "article_id": aid,
                "sentence_index": index,
                "paragraph_index": span.paragraph_index,
                "char_start": span.char_start,
                "char_end": span.char_end,
                "text": sentence_text,
                "text_norm": normalize_text(sentence_text),
                "is_heading": span.is_heading,
                "published_month": month,
            }
        )
    for mention in found.mentions:
        batch.mentions.append(
            {
                "mention_id": f"{aid}:{mention.start}:{mention.end}",
                "article_id": aid,
                "sentence_id": sentence_id(aid, mention.sentence_index),
                "entity_id": mention.entity_id,
                "surface": mention.surface,
                "char_start": mention.start,
                "char_end": mention.end,
                "entity_type": mention.entity_type,
                "method": mention.method,
                "published_month": month,
            }
        )
    merge_entities(batch.entities, found.entities.values())
    claims = extract_claims(
        text, [(s.char_start, s.char_end, s.paragraph_index, s.is_heading) for s in spans], found.mentions, found.entities,
        found.sentence_tokens,
    )
    for claim in claims:
        batch.claims.append(
            {
                "claim_id": claim.claim_id(aid),
                "article_id": aid,
                "sentence_id": sentence_id(aid, claim.sentence_index),
                "speaker_entity_id": claim.speaker_entity_id,
                "speaker_text": claim.speaker_text,
                "speaker_kind": claim.speaker_kind,
                "cue": claim.cue,
                "cue_text": claim.cue_text,
                "content": text[claim.content_start:claim.content_end],
                "quote_type": claim.quote_type,
                "char_start": claim.content_start,
                "char_end": claim.content_end,
                "cue_start": claim.cue_start,
                "cue_end": claim.cue_end,
                "speaker_start": claim.speaker_start,
                "speaker_end": claim.speaker_end,
                "attribution": claim.attribution,
                "published_month": month,
            }
        )


def process_articles(articles: list[Article], run_id: str, ingested_at: datetime) -> Batch:
    """Sentences of every article, then the entity mentions of all of them at once (the
    tagger decodes the whole batch together), then each article's rows and claims."""
    batch = Batch()
    spans = [split_sentences(article.text) for article in articles]
    found = extract_mentions_many(
        [(article.text, [(s.char_start, s.char_end) for s in sentence_spans])
         for article, sentence_spans in zip(articles, spans)]
    )
    for article, sentence_spans, mentions in zip(articles, spans, found):
        process_article(article, batch, run_id, ingested_at, sentence_spans, mentions)
    return batch


def merge_entities(into: dict[str, Entity], entities) -> None:
    """Union of aliases; the gazetteer's canonical name and English name win."""
    for entity in entities:
        existing = into.get(entity.entity_id)
        if existing is None:
            into[entity.entity_id] = Entity(entity.entity_id, entity.canonical_name, entity.entity_type, entity.name_en,
                                            entity.name_key, set(entity.aliases), set(entity.alias_keys))
            continue
        existing.aliases |= entity.aliases
        existing.alias_keys |= entity.alias_keys
        if existing.name_en is None and entity.name_en:
            existing.name_en = entity.name_en
            existing.canonical_name = entity.canonical_name


def entities_table(entities) -> pa.Table:
    rows = [
        {
            "entity_id": e.entity_id,
            "canonical_name": e.canonical_name if e.name_en else _preferred_alias(e),
            "entity_type": e.entity_type,
            "name_en": e.name_en,
            "aliases": sorted(e.aliases),
            "name_key": e.name_key,
            "alias_keys": sorted(e.alias_keys),
        }
        for e in sorted(entities, key=lambda e: e.entity_id)
    ]
    return pa.Table.from_pylist(rows, schema.ENTITIES)


def _preferred_alias(entity: Entity) -> str:
    """Deterministic display name for an entity the gazetteer does not know: the fullest
    spelling seen, whatever order the batches arrived in."""
    if not entity.aliases:
        return entity.canonical_name
    return min(entity.aliases, key=lambda a: (-len(a.split()), -len(a), a))


def entities_from_table(table: pa.Table) -> dict[str, Entity]:
    # Column by column, not ``to_pylist()``'s dict per row: the flow runs this on every batch's
    # entities in the process that also feeds the workers (a quarter less time).
    columns = [table.column(name).to_pylist() for name in
               ("entity_id", "canonical_name", "entity_type", "name_en", "name_key", "aliases", "alias_keys")]
    return {
        eid: Entity(eid, canonical, etype, name_en, key, set(aliases or ()), set(alias_keys or ()))
        for eid, canonical, etype, name_en, key, aliases, alias_keys in zip(*columns)
    }
