CREATE TABLE base (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'x', code text UNIQUE, CHECK (length(name) > 0));
