CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE SCHEMA search;
SET search_path = search, public;
-- musicbrainz's
CREATE TEXT SEARCH CONFIGURATION mb_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION mb_simple
    ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart
    WITH unaccent, simple;
COMMENT ON TEXT SEARCH CONFIGURATION mb_simple IS 'simple, without accents';
CREATE TABLE doc (body text, tsv tsvector GENERATED ALWAYS AS (to_tsvector('search.mb_simple', body)) STORED);
SET search_path = public;
-- mappings changed in place
CREATE TEXT SEARCH CONFIGURATION plain (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION plain ADD MAPPING FOR asciiword, word, url WITH english_stem, simple;
ALTER TEXT SEARCH CONFIGURATION plain ALTER MAPPING REPLACE english_stem WITH unaccent;
CREATE TEXT SEARCH CONFIGURATION copied (COPY = plain);
ALTER TEXT SEARCH CONFIGURATION copied DROP MAPPING IF EXISTS FOR url, email;
