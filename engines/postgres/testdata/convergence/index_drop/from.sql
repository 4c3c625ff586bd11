CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text, deleted_at timestamptz, score integer, profile jsonb, tags text[], created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX users_name_idx ON users (name);
