-- Migration-style file: run top to bottom on an empty database, it leaves
-- the schema the model must hold (see drop.go).

-- Guards before the first definition change nothing.
DROP VIEW IF EXISTS active_users;
DROP TABLE IF EXISTS users CASCADE;
DROP TYPE IF EXISTS mood;
DROP SEQUENCE IF EXISTS ticket_seq;
DROP FUNCTION IF EXISTS touch();
DROP PROCEDURE IF EXISTS "Add User";
DROP OPERATOR IF EXISTS === (integer, integer);

CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE SEQUENCE ticket_seq;

CREATE TABLE users (
    id integer PRIMARY KEY,
    name text NOT NULL,
    feeling mood
);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END
$$;

-- Overloads: dropping one signature keeps the other.
CREATE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$;
CREATE FUNCTION add_one(a bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT a + 1 $$;
DROP FUNCTION add_one(integer);

-- A table created and dropped again takes what belongs to it along.
CREATE TABLE scratch (a integer, b text);
CREATE INDEX scratch_a ON scratch (a);
ALTER TABLE scratch ADD CONSTRAINT scratch_b_check CHECK (b <> '');
COMMENT ON COLUMN scratch.a IS 'temporary';
CREATE TRIGGER scratch_touch BEFORE UPDATE ON scratch FOR EACH ROW EXECUTE FUNCTION touch();
DROP TABLE scratch;

-- An index dropped and built again differently.
CREATE INDEX users_name ON users (name);
COMMENT ON INDEX users_name IS 'old';
DROP INDEX users_name;
CREATE INDEX users_name ON users (lower(name));

-- A view replaced through DROP and CREATE.
CREATE VIEW active_users AS SELECT id FROM users;
DROP VIEW active_users;
CREATE VIEW active_users AS SELECT id, name FROM users;

CREATE OR REPLACE PROCEDURE "Add User"(name text) LANGUAGE sql AS $$
INSERT INTO users (id, name) VALUES (1, name);
$$;

-- A routine dropped by its name alone.
CREATE FUNCTION scratch_total(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n $$;
DROP FUNCTION scratch_total;
