CREATE TABLE items (id integer PRIMARY KEY, v integer DEFAULT 42);
