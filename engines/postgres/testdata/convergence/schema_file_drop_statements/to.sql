-- Migration style: DROP ... IF EXISTS guards, and a table created then
-- dropped again; the end state has no scratch table.
DROP TABLE IF EXISTS users;
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL DEFAULT '');
DROP PROCEDURE IF EXISTS add_user(text);
CREATE PROCEDURE add_user(n text) LANGUAGE sql AS $$ INSERT INTO users (id, name) VALUES (1, n) $$;
CREATE TABLE scratch (a integer);
CREATE INDEX scratch_a ON scratch (a);
DROP TABLE scratch;
