CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text, deleted_at timestamptz, score integer, profile jsonb, tags text[], created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX users_active_idx ON users (email) WHERE deleted_at IS NULL AND score > 10;
