-- Constraints of every shape: primary keys, unique constraints and foreign
-- keys the inspector builds from their catalog rows, and those it leaves to
-- pg_get_constraintdef(); both readings must agree.
CREATE SCHEMA other;
CREATE TABLE p (id integer PRIMARY KEY, a integer, b text, UNIQUE (a, b));
CREATE TABLE p2 (x integer, y integer, z text, PRIMARY KEY (x, y));
CREATE TABLE other."Ref ""Q""" ("Id" integer PRIMARY KEY, "Code" text UNIQUE);
CREATE TABLE c (
  id integer PRIMARY KEY,
  k integer UNIQUE DEFERRABLE INITIALLY DEFERRED,
  p_id integer REFERENCES p,
  a integer, b text,
  x integer, y integer,
  q integer, code text,
  parent integer,
  n integer,
  CONSTRAINT c_ab FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT c_xy FOREIGN KEY (y, x) REFERENCES p2 (y, x) ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE,
  CONSTRAINT c_q FOREIGN KEY (q) REFERENCES other."Ref ""Q""" ("Id") ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT c_code FOREIGN KEY (code) REFERENCES other."Ref ""Q""" ("Code"),
  CONSTRAINT c_self FOREIGN KEY (parent) REFERENCES c (id),
  CONSTRAINT c_u UNIQUE (x, y) DEFERRABLE,
  CONSTRAINT c_incl UNIQUE (n) INCLUDE (code),
  CONSTRAINT c_fill UNIQUE (q) WITH (fillfactor = 80),
  CONSTRAINT c_nnd UNIQUE NULLS NOT DISTINCT (code, n),
  CONSTRAINT c_check CHECK (n > 0),
  CONSTRAINT c_ni CHECK (a <> 0) NO INHERIT
);
ALTER TABLE c ADD CONSTRAINT c_nv FOREIGN KEY (n) REFERENCES p (id) NOT VALID;
ALTER TABLE c ADD CONSTRAINT c_setnull FOREIGN KEY (a, b) REFERENCES p (a, b) ON DELETE SET NULL (b);
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE ex (r int4range, k integer, EXCLUDE USING gist (k WITH =, r WITH &&));
CREATE TABLE dropped (u integer, v integer, w integer);
ALTER TABLE dropped DROP COLUMN v;
ALTER TABLE dropped ADD PRIMARY KEY (w, u);
CREATE TABLE parent (id integer PRIMARY KEY, v text);
CREATE TABLE child (w integer, UNIQUE (v, w)) INHERITS (parent);
CREATE TABLE part (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE part_2020 PARTITION OF part FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE refpart (id integer, at date, FOREIGN KEY (id, at) REFERENCES part);
ALTER TABLE part_2020 ADD CONSTRAINT part_2020_u UNIQUE (id);
