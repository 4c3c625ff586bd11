-- Implicit names the server chooses, including collisions and truncation.
CREATE TABLE a_table_with_a_really_quite_long_name_that_goes_on_and_on_forever (
  a_column_with_a_long_name_as_well_to_force_truncation int PRIMARY KEY,
  b int UNIQUE,
  c int CHECK (c > 0) CHECK (c < 100),
  d int REFERENCES a_table_with_a_really_quite_long_name_that_goes_on_and_on_forever
);
CREATE TABLE t (
  a int, b int, c int,
  UNIQUE (a), UNIQUE (a),
  CHECK (a > 0), CHECK (a > b), CHECK (b > 0), CHECK (a + b > c),
  UNIQUE (a, b, c)
);
CREATE TABLE t_a (x int);
CREATE INDEX ON t (a);
CREATE INDEX ON t (a);
CREATE INDEX ON t ((a + 1), (b + 1));
CREATE INDEX ON t (lower(a::text), upper(b::text));
CREATE TABLE s (id bigserial, id2 smallserial);
CREATE TABLE "MixedCase" ("Id" serial PRIMARY KEY, "select" int UNIQUE);
CREATE INDEX ON t (b) INCLUDE (c);
CREATE TABLE u (a int, b int, PRIMARY KEY (a) INCLUDE (b), UNIQUE (b, a), CHECK (a > 0), EXCLUDE USING btree (b WITH =), EXCLUDE USING btree ((a + b) WITH =));
CREATE TABLE u_a_check (x int);
ALTER TABLE u ADD CHECK (a < 10);
ALTER TABLE u ADD CHECK (a <> 5);
ALTER TABLE u ADD FOREIGN KEY (a) REFERENCES u;
