CREATE TABLE categories (id integer PRIMARY KEY, parent_id integer REFERENCES categories (id) ON DELETE CASCADE, name text);
