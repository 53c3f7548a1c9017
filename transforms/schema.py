"""The data contract: every table khabar writes, as explicit Arrow schemas, in one place.

Column names listed in the backbone issue are binding; later work may add columns but not
rename these. ``sql/001_tables.sql`` mirrors these schemas for DuckDB, and
``tests/transforms/test_schema.py`` checks that the two agree.
"""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),  # hash of the normalized text
        ("source", pa.string()),  # path relative to the input root; "feed.jsonl:17" for a feed line
        ("outlet", pa.string()),  # null when the input does not say; never invented
        ("url", pa.string()),
        ("published_at", TS),
        ("title", pa.string()),
        ("text", pa.string()),  # exactly as decoded; every offset counts from here
        ("text_sha256", pa.string()),
        ("char_count", pa.int32()),
        ("ingested_at", TS),
        ("run_id", pa.string()),
        # additions beyond the binding contract
        ("author", pa.string()),
        ("dateline", pa.string()),  # what the text itself states, e.g. "AP" or "سيول، كوريا الجنوبية"
        ("flags", pa.list_(pa.string())),  # repairs and detections, e.g. "scraper_wrapper", "encoding:cp1256"
        ("pipeline_version", pa.string()),  # transforms.version fingerprint of the code that made the rows
        ("published_month", pa.string()),  # "YYYY-MM" or "unknown": the Parquet partition key
    ]
)

SENTENCES = pa.schema(
    [
        ("sentence_id", pa.string()),  # article_id + ":" + zero-padded index
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("paragraph_index", pa.int32()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
        ("text", pa.string()),
        ("text_norm", pa.string()),
        ("is_heading", pa.bool_()),
        ("published_month", pa.string()),
    ]
)

ENTITIES = pa.schema(
    [
        ("entity_id", pa.string()),  # hash of entity_type + canonical key
        ("canonical_name", pa.string()),
        ("entity_type", pa.string()),  # PERSON | ORG | LOC | MISC
        ("name_en", pa.string()),
        ("aliases", pa.list_(pa.string())),  # every surface seen, plus known variants
        ("name_key", pa.string()),  # the spelling-variant key (see transforms.text.name_key)
        ("alias_keys", pa.list_(pa.string())),  # name_key of every alias and of the surname
    ]
)

MENTIONS = pa.schema(
    [
        ("mention_id", pa.string()),
        ("article_id", pa.string()),
        ("sentence_id", pa.string()),
        ("entity_id", pa.string()),
        ("surface", pa.string()),
        ("char_start", pa.int32()),  # offsets into articles.text
        ("char_end", pa.int32()),
        ("entity_type", pa.string()),
        ("method", pa.string()),  # gazetteer | tagger | coref | context
        ("published_month", pa.string()),
    ]
)

CLAIMS = pa.schema(
    [
        ("claim_id", pa.string()),
        ("article_id", pa.string()),
        ("sentence_id", pa.string()),
        ("speaker_entity_id", pa.string()),  # null for unnamed speakers
        ("speaker_text", pa.string()),
        ("speaker_kind", pa.string()),  # person | organization | unnamed_official | group | media | document
        ("cue", pa.string()),  # the cue lemma, e.g. "قال"
        ("cue_text", pa.string()),  # the cue as written, e.g. "وأضاف"
        ("content", pa.string()),
        ("quote_type", pa.string()),  # direct | indirect | mixed
        ("char_start", pa.int32()),  # content span, offsets into articles.text
        ("char_end", pa.int32()),
        ("cue_start", pa.int32()),
        ("cue_end", pa.int32()),
        ("speaker_start", pa.int32()),  # null when the speaker is carried over (dropped subject)
        ("speaker_end", pa.int32()),
        ("attribution", pa.string()),  # explicit | carried_over | source
        ("published_month", pa.string()),
    ]
)

# Which input carried which article: change detection for re-runs (source → text hash) and the
# record of duplicates (one article, several sources).
ARTICLE_SOURCES = pa.schema(
    [
        ("source", pa.string()),
        ("article_id", pa.string()),
        ("text_sha256", pa.string()),
        ("run_id", pa.string()),
        ("seen_at", TS),
    ]
)

REJECTS = pa.schema(
    [
        ("run_id", pa.string()),
        ("source", pa.string()),
        ("reason", pa.string()),  # short machine-readable reason, e.g. "invalid_utf8"
        ("detail", pa.string()),  # one human sentence naming the file and the problem
        ("severity", pa.string()),  # error (input dropped) | warning (kept, repaired or partly null)
        ("rejected_at", TS),
    ]
)

ETL_RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("flow_run_id", pa.string()),
        ("input", pa.string()),
        ("started_at", TS),
        ("finished_at", TS),
        ("status", pa.string()),  # completed | failed
        ("n_inputs", pa.int64()),
        ("n_articles_new", pa.int64()),
        ("n_articles_changed", pa.int64()),
        ("n_articles_unchanged", pa.int64()),
        ("n_articles_removed", pa.int64()),
        ("n_articles_reprocessed", pa.int64()),  # unchanged text, made by another pipeline version
        ("pipeline_version", pa.string()),
        ("n_rejects", pa.int64()),
        ("n_articles", pa.int64()),  # rows per table after the run
        ("n_sentences", pa.int64()),
        ("n_mentions", pa.int64()),
        ("n_entities", pa.int64()),
        ("n_claims", pa.int64()),
        ("message", pa.string()),
    ]
)

# Tables whose rows belong to one article: partitioned by the article's published month.
ARTICLE_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "mentions": MENTIONS,
    "claims": CLAIMS,
}
ALL_TABLES: dict[str, pa.Schema] = {
    **ARTICLE_TABLES,
    "entities": ENTITIES,
    "article_sources": ARTICLE_SOURCES,
    "rejects": REJECTS,
    "etl_runs": ETL_RUNS,
}
PARTITION_KEY = "published_month"
