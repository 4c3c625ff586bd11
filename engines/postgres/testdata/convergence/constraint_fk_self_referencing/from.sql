CREATE TABLE categories (id integer PRIMARY KEY, parent_id integer, name text);
