-- Expressions whose printing by fastDeparse is compared with pg_query's
-- deparser (TestFastDeparseMatchesDeparser walks every node of these
-- statements and of the other test data).
SELECT 1, -1, 0, 2147483647, -2147483648, 1.5, -1.5, 1e10, .5, 9999999999999;
SELECT 'a', '', 'it''s', 'back\slash', E'tab\there', 'x''y\z', U&'d\0061t', $$dollar$$, 'ünïcode';
SELECT true, false, NULL, 't'::boolean, 'f'::bool, 'yes'::boolean, 'x'::char, 'x'::character(3), 'x'::bpchar;
SELECT 1::int, 1::integer, 1::int4, 1::smallint, 1::bigint, 1::real, 1::float, 1::float4, 1::double precision, 1::float(30);
SELECT -1::int, (-1)::int, 1.5::numeric, 1.5::numeric(10,2), 'a'::varchar(10), 'a'::character varying, 'a'::text, 'a'::"text";
SELECT now()::timestamp, '2020-01-01'::timestamp(3), '2020-01-01'::timestamptz, '2020-01-01'::timestamp with time zone, '2020-01-01'::timestamp(2) with time zone;
SELECT '10:00'::time, '10:00'::time(2), '10:00'::timetz, '10:00'::time with time zone, '1 day'::interval, '1 day'::interval day, '1'::interval(2);
SELECT '{}'::int[], '{}'::text[][], '{1}'::int[3], '{}'::jsonb, '(1,2)'::point, point '(1,2)', 'a'::public.mytype, 'a'::"MySchema"."My Type", 'a'::pg_catalog.text;
SELECT col, "Col", "col$", col$x, "select", "from", "user", t.col, s.t.col, "a""b", _x, x1, "1x", "ünï";
SELECT now(), lower(name), coalesce(a, b), public.f(1, 'a'), "F"(x), pg_catalog.lower(x), count(*), count(DISTINCT x), sum(x) FILTER (WHERE x > 0), f(VARIADIC a), f(a => 1);
SELECT a = 1, a <> 'x', a >= -1, a + b * c, (a + b) * c, - a, -a, a || 'x', a ~ '^x', a !~~ 'x%', a OPERATOR(pg_catalog.=) b, a IS NULL, a IS NOT NULL, (a = 1) IS NULL, a + 1 IS NULL;
SELECT lower(a) = 'x', length(btrim(name)) > 0, a = ANY (ARRAY[1, 2]), a IN (1, 2), a BETWEEN 1 AND 2, NOT a, a AND b, a OR b, a IS TRUE, a::text = 'x', (a)::text, ((a)), (a = b) = c;
SELECT substring('abc' from 2), trim(both 'x' from a), extract(year from now()), overlay('abc' placing 'x' from 1 for 1), position('a' in 'b'), current_date, current_timestamp, localtime, nextval('s'::regclass);
CREATE TABLE t (
  a int DEFAULT 0,
  b text DEFAULT ''::text,
  c timestamptz DEFAULT now(),
  d numeric(10,2) DEFAULT 0.00 CHECK (d >= 0::numeric),
  e varchar(20) DEFAULT 'new'::character varying CHECK (e IN ('new', 'old')),
  f boolean DEFAULT false NOT NULL,
  g int GENERATED ALWAYS AS (a * 2) STORED,
  h jsonb DEFAULT '{}'::jsonb,
  i bigint DEFAULT nextval('public.t_i_seq'::regclass),
  CONSTRAINT c1 CHECK (char_length(b) < 100),
  CONSTRAINT c2 CHECK (a > 0 AND a < 100)
);
CREATE INDEX t_idx ON t (lower(b)) WHERE c IS NOT NULL;
CREATE INDEX t_idx2 ON t USING btree (a) WHERE (f = true);
