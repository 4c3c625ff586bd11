CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text, deleted_at timestamptz, score integer, profile jsonb, tags text[], created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX users_name_year_idx ON users (lower(name), (date_part('year', created_at AT TIME ZONE 'UTC')));
