-- Analytics views: co-occurrence, syndication, per-outlet figures, and flat (one value per row)
-- versions of the list columns for BI tools. DuckDB built-ins only: they run in the DuckDB CLI
-- (1.5) and in anything that opens khabar.duckdb. Documented in docs/data-dictionary.md.

-- ----------------------------------------------------------------------------- co-occurrence

-- Pairs of distinct entities mentioned in the same sentence. Each unordered pair appears once
-- (entity_a_id < entity_b_id), so look for an entity on both sides, or use cooccurring_with().
CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH sentence_entities AS (
    SELECT DISTINCT m.sentence_id, m.article_id, m.entity_id, outlet_label(a.outlet, a.source) AS outlet
    FROM mentions m
    JOIN articles a USING (article_id)
)
SELECT
    ea.canonical_name               AS entity_a,
    ea.name_en                      AS entity_a_en,
    ea.entity_type                  AS entity_a_type,
    eb.canonical_name               AS entity_b,
    eb.name_en                      AS entity_b_en,
    eb.entity_type                  AS entity_b_type,
    count(*)                        AS n_sentences,
    count(DISTINCT x.article_id)    AS n_articles,
    count(DISTINCT x.outlet)        AS n_outlets,
    x.entity_id                     AS entity_a_id,
    y.entity_id                     AS entity_b_id
FROM sentence_entities x
JOIN sentence_entities y ON y.sentence_id = x.sentence_id AND x.entity_id < y.entity_id
JOIN entities ea ON ea.entity_id = x.entity_id
JOIN entities eb ON eb.entity_id = y.entity_id
GROUP BY ALL
ORDER BY n_sentences DESC, n_articles DESC, entity_a, entity_b;

-- The entities mentioned in the same sentence as a named one (Arabic in any spelling, or
-- English, as in entities_named): SELECT * FROM cooccurring_with('North Korea');
-- Counted from the mentions, so an entity matched under two types is not counted twice.
CREATE OR REPLACE MACRO cooccurring_with(name) AS TABLE
WITH target AS (SELECT entity_id FROM entities_named(name)),
hits AS (SELECT DISTINCT sentence_id FROM mentions WHERE entity_id IN (SELECT entity_id FROM target))
SELECT
    e.canonical_name                AS entity,
    e.name_en                       AS entity_en,
    e.entity_type,
    count(DISTINCT m.sentence_id)   AS n_sentences,
    count(DISTINCT m.article_id)    AS n_articles,
    e.entity_id
FROM mentions m
JOIN entities e USING (entity_id)
WHERE m.sentence_id IN (SELECT sentence_id FROM hits)
  AND m.entity_id NOT IN (SELECT entity_id FROM target)
GROUP BY ALL
ORDER BY n_sentences DESC, n_articles DESC, entity;

-- ----------------------------------------------------------------------------- syndication

-- The key under which copies of one sentence collapse although punctuation, spacing or
-- spelling differ: hamza on a seat dropped (مسؤول = مسئول), folded like names (diacritics,
-- alef forms, غ/ج, أميركي/أمريكي …, see khabar_name_key) and reduced to letters and digits.
-- Reworded copies get different keys: similar_sentences finds those.
CREATE OR REPLACE MACRO sentence_key(s) AS
    regexp_replace(khabar_name_key(regexp_replace(s, '[ؤئء]', '', 'g')), '[^\p{L}\p{N}]+', '', 'g');

-- Every sentence of at least five words, with its outlet (or file, where the outlet is
-- unknown) and its key: the input of the two syndication views.
CREATE OR REPLACE VIEW sentence_outlets AS
SELECT
    s.sentence_id,
    s.article_id,
    s.text,
    s.text_norm,
    sentence_key(s.text_norm)         AS sentence_key,
    outlet_label(a.outlet, a.source)  AS outlet,
    a.outlet IS NOT NULL              AS outlet_known,
    a.source,
    a.published_at
FROM sentences s
JOIN articles a USING (article_id)
WHERE len(string_split(trim(s.text_norm), ' ')) >= 5;

-- The same sentence (equal sentence_key) in articles from different outlets — or from different
-- files where the outlet is unknown: wire copy carried by several outlets.
CREATE OR REPLACE VIEW syndicated_sentences AS
SELECT
    arg_min(text, source)                       AS sentence,       -- as written in the first source
    count(DISTINCT article_id)                  AS n_articles,
    count(DISTINCT outlet)                      AS n_outlets,
    list_sort(list_distinct(list(outlet)))      AS outlets,
    list_sort(list_distinct(list(source)))      AS sources,
    count(DISTINCT text_norm)                   AS n_variants,     -- > 1: copies differ in punctuation/spacing/spelling
    min(published_at)                           AS first_published_at,
    list_sort(list(sentence_id))                AS sentence_ids,
    sentence_key
FROM sentence_outlets
GROUP BY sentence_key
HAVING count(DISTINCT outlet) > 1
ORDER BY n_outlets DESC, n_articles DESC, sentence;

-- Pairs of sentences from different outlets that are near-copies although words were added,
-- dropped or changed: Jaccard similarity of their sets of word trigrams >= 0.5 (identical
-- sentences score 1). Each pair once (sentence_id_a < sentence_id_b). Pairs are found through
-- shared trigrams, so the cost grows with how common the shared phrases are: fine for
-- thousands of articles, slow for millions (materialize it, or add a date filter, there).
CREATE OR REPLACE VIEW similar_sentences AS
WITH words AS (
    SELECT sentence_id, outlet,
           list_filter(
               list_transform(string_split(text_norm, ' '), lambda t: sentence_key(t)),
               lambda t: t <> '') AS w
    FROM sentence_outlets
),
shingles AS (
    SELECT sentence_id, outlet, shingle, count(*) OVER (PARTITION BY sentence_id) AS n_shingles
    FROM (
        SELECT DISTINCT sentence_id, outlet, w[i] || ' ' || w[i + 1] || ' ' || w[i + 2] AS shingle
        FROM (SELECT sentence_id, outlet, w, unnest(range(1, len(w) - 1)) AS i FROM words)
    )
),
shared AS (
    SELECT x.sentence_id AS sentence_id_a, y.sentence_id AS sentence_id_b, count(*) AS n_shared,
           any_value(x.n_shingles) AS n_a, any_value(y.n_shingles) AS n_b
    FROM shingles x
    JOIN shingles y ON y.shingle = x.shingle AND x.sentence_id < y.sentence_id AND x.outlet <> y.outlet
    GROUP BY ALL
)
SELECT
    round(n_shared / (n_a + n_b - n_shared), 3)  AS similarity,
    a.text                                       AS sentence_a,
    b.text                                       AS sentence_b,
    a.outlet                                     AS outlet_a,
    b.outlet                                     AS outlet_b,
    a.source                                     AS source_a,
    b.source                                     AS source_b,
    shared.sentence_id_a,
    shared.sentence_id_b
FROM shared
JOIN sentence_outlets a ON a.sentence_id = shared.sentence_id_a
JOIN sentence_outlets b ON b.sentence_id = shared.sentence_id_b
WHERE n_shared / (n_a + n_b - n_shared) >= 0.5
ORDER BY similarity DESC, sentence_a;

-- ----------------------------------------------------------------------------- outlets

-- One row per outlet label (the outlet, or the file where the outlet is unknown).
CREATE OR REPLACE VIEW outlet_summary AS
WITH per_article AS (
    SELECT
        a.article_id,
        outlet_label(a.outlet, a.source)                                   AS outlet,
        a.outlet IS NOT NULL                                               AS outlet_known,
        a.published_at,
        (SELECT count(*) FROM sentences s WHERE s.article_id = a.article_id) AS n_sentences,
        (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id)    AS n_claims
    FROM articles a
),
speakers AS (
    SELECT
        outlet_label(a.outlet, a.source)        AS outlet,
        count(DISTINCT c.speaker_entity_id)     AS n_speakers,
        count(*) FILTER (WHERE c.speaker_entity_id IS NULL) AS n_claims_unnamed
    FROM claims c
    JOIN articles a USING (article_id)
    GROUP BY ALL
)
SELECT
    p.outlet,
    bool_or(p.outlet_known)                     AS outlet_known,   -- false: the label is the file name
    count(*)                                    AS n_articles,
    sum(p.n_sentences)::BIGINT                  AS n_sentences,
    sum(p.n_claims)::BIGINT                     AS n_claims,
    coalesce(any_value(sp.n_speakers), 0)       AS n_speakers,     -- distinct named speakers (entities)
    coalesce(any_value(sp.n_claims_unnamed), 0) AS n_claims_unnamed,
    min(p.published_at)                         AS first_published_at,
    max(p.published_at)                         AS last_published_at
FROM per_article p
LEFT JOIN speakers sp USING (outlet)
GROUP BY p.outlet
ORDER BY n_claims DESC, n_articles DESC, p.outlet;

-- ----------------------------------------------------------------------------- flat lists

-- articles.flags, one row per flag (articles without flags have no row).
CREATE OR REPLACE VIEW article_flags AS
SELECT article_id, source, unnest(flags) AS flag
FROM articles;

-- entities.aliases, one row per alias, with the alias's spelling-variant key.
CREATE OR REPLACE VIEW entity_aliases AS
SELECT entity_id, canonical_name, entity_type, name_en, alias, khabar_name_key(alias) AS alias_key
FROM (SELECT *, unnest(aliases) AS alias FROM entities);

-- entities.alias_keys, one row per key (the keys entities_named() matches a name against).
CREATE OR REPLACE VIEW entity_alias_keys AS
SELECT entity_id, unnest(alias_keys) AS alias_key
FROM entities;
