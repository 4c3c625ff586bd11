CREATE EXTENSION pg_trgm;
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text, deleted_at timestamptz, score integer, profile jsonb, tags text[], created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);
