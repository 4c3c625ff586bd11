-- Migration-style files: an aggregate created, commented and dropped again
-- (DROP AGGREGATE resolves in file order), aggregates in another schema
-- under a search_path, over a state function there and a type there.
CREATE SCHEMA stats;
SET search_path = stats, public;
CREATE TYPE pair AS (lo integer, hi integer);
CREATE FUNCTION widen(p pair, v integer) RETURNS pair LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW(LEAST(p.lo, v), GREATEST(p.hi, v))::stats.pair $$;
CREATE AGGREGATE span(integer) (sfunc = widen, stype = pair, initcond = '(2147483647,-2147483648)');
CREATE AGGREGATE temp_total(integer) (sfunc = int4pl, stype = integer);
COMMENT ON AGGREGATE temp_total(integer) IS 'gone below';
DROP AGGREGATE temp_total(integer);
RESET search_path;
CREATE AGGREGATE public.concat_all(text) (sfunc = textcat, stype = text, initcond = '');
COMMENT ON AGGREGATE concat_all(text) IS 'joins text';
