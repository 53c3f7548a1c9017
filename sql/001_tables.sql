-- The data contract as DuckDB tables (mirrors transforms/schema.py; tests check they agree).
-- Rows are loaded from the current Parquet snapshot right after this file runs.

CREATE TABLE articles (
    article_id      VARCHAR PRIMARY KEY,   -- hash of the normalized text
    source          VARCHAR NOT NULL,      -- input path relative to the input root; "feed.jsonl:17" for a feed line
    outlet          VARCHAR,               -- null when the input does not say (never invented)
    url             VARCHAR,
    published_at    TIMESTAMPTZ,
    title           VARCHAR,
    text            VARCHAR NOT NULL,      -- exactly as decoded; every offset counts from here
    text_sha256     VARCHAR NOT NULL,
    char_count      INTEGER NOT NULL,
    ingested_at     TIMESTAMPTZ NOT NULL,
    run_id          VARCHAR NOT NULL,
    author          VARCHAR,
    dateline        VARCHAR,               -- what the text states, e.g. 'AP'
    flags           VARCHAR[],             -- repairs and detections
    pipeline_version VARCHAR,              -- fingerprint of the transform code that made this article's rows
    published_month VARCHAR NOT NULL       -- 'YYYY-MM' or 'unknown' (the Parquet partition)
);

CREATE TABLE sentences (
    sentence_id     VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    paragraph_index INTEGER NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    text_norm       VARCHAR NOT NULL,
    is_heading      BOOLEAN NOT NULL,
    published_month VARCHAR NOT NULL
);

CREATE TABLE entities (
    entity_id       VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    entity_type     VARCHAR NOT NULL,      -- PERSON | ORG | LOC | MISC
    name_en         VARCHAR,
    aliases         VARCHAR[],
    name_key        VARCHAR NOT NULL,
    alias_keys      VARCHAR[]
);

CREATE TABLE mentions (
    mention_id      VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    sentence_id     VARCHAR NOT NULL,
    entity_id       VARCHAR NOT NULL,
    surface         VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    entity_type     VARCHAR NOT NULL,
    method          VARCHAR NOT NULL,      -- gazetteer | tagger | coref (short form → the article's full name) | context (الملك سلمان → King Salman; a bare ministry → its country's)
    published_month VARCHAR NOT NULL
);

CREATE TABLE claims (
    claim_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    sentence_id       VARCHAR NOT NULL,
    speaker_entity_id VARCHAR,             -- null for unnamed speakers
    speaker_text      VARCHAR,
    speaker_kind      VARCHAR NOT NULL,    -- person | organization | unnamed_official | group | media | document
    cue               VARCHAR,             -- cue lemma; null for a continued quotation
    cue_text          VARCHAR,
    content           VARCHAR NOT NULL,
    quote_type        VARCHAR NOT NULL,    -- direct | indirect | mixed
    char_start        INTEGER NOT NULL,    -- content span in articles.text
    char_end          INTEGER NOT NULL,
    cue_start         INTEGER,
    cue_end           INTEGER,
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    attribution       VARCHAR NOT NULL,    -- explicit | carried_over (dropped subject, pronoun) | source (بحسب/وفق)
    published_month   VARCHAR NOT NULL
);

CREATE TABLE article_sources (
    source          VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    text_sha256     VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    seen_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE rejects (
    run_id          VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    detail          VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL,      -- error (input dropped) | warning (kept, repaired or partly null)
    rejected_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE etl_runs (
    run_id               VARCHAR PRIMARY KEY,
    flow_run_id          VARCHAR,
    input                VARCHAR,
    started_at           TIMESTAMPTZ NOT NULL,
    finished_at          TIMESTAMPTZ,
    status               VARCHAR NOT NULL,
    n_inputs             BIGINT,
    n_articles_new       BIGINT,
    n_articles_changed   BIGINT,
    n_articles_unchanged BIGINT,
    n_articles_removed   BIGINT,
    n_articles_reprocessed BIGINT,          -- unchanged text, transformed again by a newer pipeline version
    pipeline_version     VARCHAR,
    n_rejects            BIGINT,
    n_articles           BIGINT,
    n_sentences          BIGINT,
    n_mentions           BIGINT,
    n_entities           BIGINT,
    n_claims             BIGINT,
    message              VARCHAR
);
