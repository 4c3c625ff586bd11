CREATE EXTENSION pg_trgm;
-- pg_dump repeats the comment CREATE EXTENSION already set.
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
