-- Indexes the inspector builds from their catalog rows alone, without
-- asking for pg_get_indexdef(): plain column keys whose operator class is
-- the type's default (exactly, by binary cast, by pseudo-type) and whose
-- collation is the column's.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (
  id integer PRIMARY KEY,
  a integer, b text, c varchar(20), d char(3), e mood, f integer[],
  i timestamptz, j numeric(10,2), k uuid, m inet, n cidr, o text COLLATE "C"
);
CREATE INDEX t_a ON t (a);
CREATE UNIQUE INDEX t_ba ON t (b, a);
CREATE INDEX t_desc ON t (a DESC, b DESC NULLS LAST, c NULLS FIRST);
CREATE INDEX t_incl ON t (a) INCLUDE (b, c);
CREATE INDEX t_hash ON t USING hash (c);
CREATE INDEX t_types ON t (c, d, e, f, i, j, k, m, n, o);
CREATE INDEX t_cidr ON t (n inet_ops);
CREATE TABLE "Odd ""Name""" ("Col A" integer, "col b" text);
CREATE INDEX odd_idx ON "Odd ""Name""" ("Col A", "col b" DESC);
CREATE MATERIALIZED VIEW mv AS SELECT id, b FROM t;
CREATE UNIQUE INDEX mv_id ON mv (id);
