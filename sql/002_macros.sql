-- Arabic normalization in plain DuckDB SQL, mirroring transforms/text.py, so that ad-hoc
-- queries in the DuckDB CLI or a BI tool can match any spelling. Tests check that
-- khabar_name_key() agrees with transforms.text.name_key on every alias in the warehouse.

-- Diacritics, tatweel and invisible marks removed; alef, alef maksura and teh marbuta folded.
CREATE OR REPLACE MACRO ar_norm(s) AS
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        s,
        '[\x{064B}-\x{065F}\x{0670}\x{0640}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{FEFF}\x{00AD}\x{061C}]', '', 'g'),
        '[أإآٱ]', 'ا', 'g'),
        'ى', 'ي', 'g'),
        'ة', 'ه', 'g');

-- The key under which spelling variants of one name collapse (بيونغ يانغ = بيونجيانج).
CREATE OR REPLACE MACRO khabar_name_key(s) AS
    regexp_replace(regexp_replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(
            lower(replace(replace(replace(ar_norm(s), 'ؤ', 'و'), 'ئ', 'ي'), 'ء', '')),
            '[\s\-‐‑–—_·.''’`]+', '', 'g'),
        'غ', 'ج'), 'ڤ', 'ف'), 'پ', 'ب'), 'چ', 'تش'), 'گ', 'ج'),
        'اميرك', 'امريك'), 'ي{2,}', 'ي', 'g'), 'و{2,}', 'و', 'g');

-- Display label for where an article came from: its outlet, or (never invented) its file.
CREATE OR REPLACE MACRO outlet_label(outlet, source) AS coalesce(outlet, source);
