CREATE TABLE users (id integer PRIMARY KEY, name text);
CREATE TABLE scratch (a integer);
CREATE INDEX scratch_a ON scratch (a);
