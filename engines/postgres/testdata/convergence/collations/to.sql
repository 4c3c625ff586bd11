-- Collations: ICU (with a non-deterministic one), libc from C/POSIX and
-- with locales, one copied from another with FROM, in another schema,
-- with a comment; columns and a domain use them.
CREATE SCHEMA text_rules;
CREATE COLLATION numeric (provider = icu, locale = 'en-u-kn-true');
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION posix FROM "POSIX";
CREATE COLLATION byte_order (lc_collate = 'C', lc_ctype = 'C');
CREATE COLLATION text_rules.numeric_copy FROM numeric;
COMMENT ON COLLATION numeric IS 'sorts 2 before 10';
CREATE DOMAIN label AS text COLLATE case_insensitive;
CREATE TABLE t (a text, b text COLLATE numeric, c text COLLATE posix, d label);
