-- Types, schemas and extensions: the tables in 02 use them.
CREATE SCHEMA app;
CREATE SCHEMA IF NOT EXISTS app;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a int, b text);
COMMENT ON TYPE mood IS 'feelings';
COMMENT ON SCHEMA app IS 'the app';
