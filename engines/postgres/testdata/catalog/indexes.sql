-- Indexes of every shape the inspector builds from catalog rows, and of
-- shapes it leaves to pg_get_indexdef(): both readings must agree.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE span AS RANGE (subtype = integer);
CREATE DOMAIN code AS text;
CREATE COLLATION IF NOT EXISTS german (provider = icu, locale = 'de');
CREATE TABLE t (
  id integer PRIMARY KEY,
  a integer, b text, c varchar(20), d char(3), e mood, f integer[], g span,
  h code, i timestamptz, j numeric(10,2), k uuid, l jsonb, m inet, n cidr,
  o text COLLATE "C", p bytea, q boolean, r name, s "char", u bit(4), v interval
);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_ab ON t (a, b);
CREATE UNIQUE INDEX t_u ON t (b, a);
CREATE INDEX t_desc ON t (a DESC);
CREATE INDEX t_desc_nl ON t (a DESC NULLS LAST);
CREATE INDEX t_nf ON t (a NULLS FIRST);
CREATE INDEX t_asc_nl ON t (a ASC NULLS LAST);
CREATE INDEX t_incl ON t (a) INCLUDE (b, c);
CREATE INDEX t_hash ON t USING hash (b);
CREATE INDEX t_varchar ON t (c);
CREATE INDEX t_varchar_hash ON t USING hash (c);
CREATE INDEX t_varchar_pattern ON t (c varchar_pattern_ops);
CREATE INDEX t_text_pattern ON t (b text_pattern_ops);
CREATE INDEX t_char ON t (d);
CREATE INDEX t_char_text ON t (d bpchar_pattern_ops);
CREATE INDEX t_enum ON t (e);
CREATE INDEX t_array ON t (f);
CREATE INDEX t_array_gin ON t USING gin (f);
CREATE INDEX t_range ON t (g);
CREATE INDEX t_domain ON t (h);
CREATE INDEX t_misc ON t (i, j, k, m, n, p, q, r, s, u, v);
CREATE INDEX t_jsonb ON t USING gin (l);
CREATE INDEX t_jsonb_path ON t USING gin (l jsonb_path_ops);
CREATE INDEX t_inet_cidr ON t (n inet_ops);
CREATE INDEX t_coll_c ON t (o);
CREATE INDEX t_coll_other ON t (o COLLATE "POSIX");
CREATE INDEX t_coll_german ON t (b COLLATE german);
CREATE INDEX t_coll_default ON t (o COLLATE "default");
CREATE INDEX t_expr ON t (lower(b));
CREATE INDEX t_partial ON t (a) WHERE q;
CREATE INDEX t_fill ON t (a) WITH (fillfactor = 70);
CREATE INDEX t_brin ON t USING brin (i);
CREATE INDEX t_gist ON t USING gist (g);
CREATE INDEX "Mixed Case" ON t ("a");
CREATE UNIQUE INDEX t_nnd ON t (a, c) NULLS NOT DISTINCT;
CREATE TABLE "Odd ""Name""" ("Col A" integer, "col b" text);
CREATE INDEX odd_idx ON "Odd ""Name""" ("Col A", "col b" DESC);
CREATE TABLE dropped (x integer, y integer, z integer);
ALTER TABLE dropped DROP COLUMN y;
CREATE INDEX dropped_z ON dropped (z, x);
CREATE TABLE parent (id integer, v text);
CREATE TABLE child (w integer) INHERITS (parent);
CREATE INDEX child_inherited ON child (v, w);
CREATE TABLE part (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE part_2020 PARTITION OF part FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE INDEX part_at ON part (at, id);
CREATE INDEX part_2020_local ON part_2020 (id);
CREATE MATERIALIZED VIEW mv AS SELECT id, b FROM t;
CREATE UNIQUE INDEX mv_id ON mv (id);
CREATE SCHEMA other;
CREATE TABLE other.t2 (x integer, y text);
CREATE INDEX t2_xy ON other.t2 (y, x DESC NULLS LAST);
