-- Collations changed: one dropped with the column using it, one created
-- again with another locale, a comment changed; a column changes collation.
CREATE SCHEMA text_rules;
CREATE COLLATION numeric (provider = icu, locale = 'en-u-kn-true');
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION byte_order (lc_collate = 'POSIX', lc_ctype = 'POSIX');
CREATE COLLATION text_rules.numeric_copy FROM numeric;
COMMENT ON COLLATION numeric IS 'numbers in order';
CREATE DOMAIN label AS text COLLATE case_insensitive;
CREATE TABLE t (a text COLLATE numeric, b text COLLATE numeric, d label);
