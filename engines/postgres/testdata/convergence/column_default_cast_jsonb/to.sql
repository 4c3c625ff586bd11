CREATE TABLE items (id integer PRIMARY KEY, v jsonb DEFAULT '{}'::jsonb);
