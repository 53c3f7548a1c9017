-- Views for the questions analysts ask. DuckDB built-ins only (they run in the DuckDB CLI and BI tools).

-- Every claim with its speaker, sentence, article, outlet and date.
CREATE OR REPLACE VIEW claims_by_speaker AS
SELECT
    coalesce(e.canonical_name, c.speaker_text)      AS speaker,
    e.name_en                                       AS speaker_en,
    c.speaker_kind,
    c.speaker_entity_id,
    c.cue,
    c.cue_text,
    c.quote_type,
    c.content,
    s.text                                          AS sentence,
    c.attribution,
    a.article_id,
    a.source,
    outlet_label(a.outlet, a.source)                AS outlet,
    a.published_at,
    a.title,
    c.claim_id,
    c.char_start,
    c.char_end
FROM claims c
JOIN articles a USING (article_id)
JOIN sentences s USING (sentence_id)
LEFT JOIN entities e ON e.entity_id = c.speaker_entity_id;

-- Who is quoted where: one row per speaker and outlet (unknown outlets fall back to the file).
-- A named speaker is its entity (two people who share a bare name stay two rows); an unnamed
-- one (speaker_entity_id NULL: "التقرير", "مسؤولون أمريكيون") is grouped by its description,
-- which many different reports or officials share: filter on speaker_entity_id to count people.
CREATE OR REPLACE VIEW speaker_outlets AS
SELECT
    speaker,
    speaker_en,
    speaker_kind,
    speaker_entity_id,
    outlet,
    count(*)                    AS n_claims,
    count(DISTINCT article_id)  AS n_articles
FROM claims_by_speaker
GROUP BY ALL
ORDER BY n_claims DESC, speaker, outlet;

-- Entities matching a name given in Arabic (any spelling) or English (full name or any word of it).
CREATE OR REPLACE MACRO entities_named(name) AS TABLE
SELECT e.*
FROM entities e
WHERE lower(e.name_en) = lower(trim(name))
   OR list_contains(string_split(replace(lower(e.name_en), '-', ' '), ' '), lower(trim(name)))
   OR e.name_key = khabar_name_key(name)
   OR list_contains(e.alias_keys, khabar_name_key(name));

-- Which outlets cite a speaker: one row per article that quotes them.
-- SELECT * FROM outlets_citing('Kirby');  SELECT * FROM outlets_citing('كيربي');
CREATE OR REPLACE MACRO outlets_citing(name) AS TABLE
SELECT
    outlet,
    source,
    article_id,
    published_at,
    title,
    count(*)                        AS n_claims,
    list(DISTINCT speaker)          AS speakers,
    first(content ORDER BY char_start) AS first_claim
FROM claims_by_speaker
WHERE speaker_entity_id IN (SELECT entity_id FROM entities_named(name))
GROUP BY ALL
ORDER BY outlet, source;

-- What was said about an entity, and by whom: claims whose content mentions it (any spelling,
-- Arabic or English name). One row per claim; mentioned_as lists how the content names it.
-- SELECT speaker, outlet, content FROM claims_about('North Korea');
CREATE OR REPLACE MACRO claims_about(name) AS TABLE
SELECT
    c.speaker,
    c.speaker_en,
    c.speaker_kind,
    c.outlet,
    c.published_at,
    c.quote_type,
    c.content,
    list(DISTINCT m.surface ORDER BY m.surface) AS mentioned_as,
    c.article_id,
    c.source,
    c.claim_id,
    c.char_start
FROM claims_by_speaker c
JOIN mentions m
  ON m.article_id = c.article_id AND m.char_start >= c.char_start AND m.char_end <= c.char_end
WHERE m.entity_id IN (SELECT entity_id FROM entities_named(name))
GROUP BY ALL
ORDER BY c.published_at, c.outlet, c.article_id, c.char_start;
