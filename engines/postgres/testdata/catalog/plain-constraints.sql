-- Constraints the inspector builds from their catalog rows alone.
CREATE SCHEMA other;
CREATE TABLE p (id integer PRIMARY KEY, a integer, b text, UNIQUE (a, b));
CREATE TABLE other."Ref ""Q""" ("Id" integer PRIMARY KEY, "Code" text UNIQUE);
CREATE TABLE c (
  id integer PRIMARY KEY,
  k integer UNIQUE DEFERRABLE INITIALLY DEFERRED,
  p_id integer REFERENCES p,
  a integer, b text, q integer, parent integer,
  CONSTRAINT c_ab FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT c_q FOREIGN KEY (q) REFERENCES other."Ref ""Q""" ("Id") ON DELETE SET DEFAULT DEFERRABLE,
  CONSTRAINT c_self FOREIGN KEY (parent) REFERENCES c (id),
  CONSTRAINT c_u UNIQUE (q, a) DEFERRABLE
);
ALTER TABLE c ADD CONSTRAINT c_nv FOREIGN KEY (q) REFERENCES p (id) NOT VALID;
