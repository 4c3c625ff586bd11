-- CHECK constraints of many shapes: the inspection prints those it can
-- from their trees (named p_...), the server the others (named s_...).
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE c1 (
  a integer, b bigint, s smallint, t text, v varchar(20), ch char(3), f boolean, n numeric(10,2),
  d date, m mood, p posint, "Weird Col" integer, "order" integer, ts timestamptz,
  CONSTRAINT p_pos CHECK (a > 0),
  CONSTRAINT p_neg CHECK (a > -5),
  CONSTRAINT p_big CHECK (b < 10000000000),
  CONSTRAINT p_bigneg CHECK (b > -1),
  CONSTRAINT p_small CHECK (s BETWEEN 1 AND 5),
  CONSTRAINT p_mixed CHECK (a < b),
  CONSTRAINT p_text CHECK (t <> ''),
  CONSTRAINT p_quote CHECK (t <> 'it''s'),
  CONSTRAINT p_regex CHECK (t ~ '^[a-z]+$'),
  CONSTRAINT p_like CHECK (t LIKE 'a%'),
  CONSTRAINT p_ilike CHECK (t NOT ILIKE 'x%'),
  CONSTRAINT p_in_text CHECK (t IN ('a', 'b', 'c')),
  CONSTRAINT p_in_varchar CHECK (v IN ('x', 'y')),
  CONSTRAINT p_notin CHECK (v NOT IN ('z')),
  CONSTRAINT p_in_int CHECK (a IN (1, 2, 3)),
  CONSTRAINT p_varchar_eq CHECK (v = 'x' OR v IS NULL),
  CONSTRAINT p_bpchar CHECK (ch <> 'abc'),
  CONSTRAINT p_bool CHECK (f = true),
  CONSTRAINT p_bool2 CHECK (NOT f),
  CONSTRAINT p_bool3 CHECK (f IS NOT TRUE OR a > 1),
  CONSTRAINT p_null CHECK (a IS NOT NULL AND t IS NULL),
  CONSTRAINT p_nest CHECK ((a > 0 AND a < 100) OR (b > 0 AND NOT (s = 3))),
  CONSTRAINT p_numcast CHECK (n >= 0),
  CONSTRAINT p_weird CHECK ("Weird Col" > 0),
  CONSTRAINT p_keyword CHECK ("order" >= 0),
  CONSTRAINT p_explicit CHECK (a::bigint < b),
  CONSTRAINT p_textcast CHECK (a::text <> 'x'),
  CONSTRAINT p_domain CHECK (p < 100),
  CONSTRAINT s_numconst CHECK (n > 1.5),
  CONSTRAINT s_date CHECK (d > '2020-01-01'),
  CONSTRAINT s_func CHECK (length(t) < 10),
  CONSTRAINT s_enum CHECK (m <> 'sad'),
  CONSTRAINT s_now CHECK (ts < now()),
  CONSTRAINT s_case CHECK (CASE WHEN a > 0 THEN true ELSE false END),
  CONSTRAINT s_coalesce CHECK (COALESCE(a, 0) >= 0),
  CONSTRAINT s_unicode CHECK (t <> 'é'),
  CONSTRAINT s_backslash CHECK (t <> 'a\b')
);
CREATE TABLE c2 (
  x integer, y smallint, z bigint[],
  CONSTRAINT p_noinherit CHECK (x > 0) NO INHERIT,
  CONSTRAINT p_all CHECK (x NOT IN (1, 2)),
  CONSTRAINT p_int2 CHECK (y <> 7::smallint),
  CONSTRAINT p_int8 CHECK (x::bigint <> '-3'::bigint),
  CONSTRAINT s_unary CHECK (x::bigint <> -3::bigint),
  CONSTRAINT p_nested_or CHECK (x = 1 OR (x = 2 OR y IS NULL)),
  CONSTRAINT p_unknown CHECK ((x > 5) IS NOT UNKNOWN),
  CONSTRAINT s_array CHECK (z <> '{}'),
  CONSTRAINT s_collate CHECK ((x::text COLLATE "C") > 'a'),
  CONSTRAINT s_neg_op CHECK (-x < 5)
);
ALTER TABLE c2 ADD CONSTRAINT p_notvalid CHECK (x < 1000) NOT VALID;
ALTER TABLE c1 DROP COLUMN s;
ALTER TABLE c1 ADD COLUMN after_drop integer CONSTRAINT p_after_drop CHECK (after_drop <> 7);
-- Partial indexes: their predicates are printed the same way (p_...) or
-- by the server (s_...).
CREATE INDEX p_idx_pos ON c1 (a) WHERE a > 0;
CREATE INDEX p_idx_and ON c1 (t) WHERE t IS NOT NULL AND v IN ('x', 'y');
CREATE UNIQUE INDEX p_idx_not ON c1 (b) WHERE NOT f;
CREATE INDEX p_idx_bool ON c1 (b DESC) WHERE f;
CREATE INDEX s_idx_func ON c1 (a) WHERE length(t) > 2;
CREATE INDEX s_idx_date ON c1 (a) WHERE d > '2020-01-01';
