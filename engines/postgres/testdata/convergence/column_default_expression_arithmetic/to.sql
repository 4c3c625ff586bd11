CREATE TABLE items (id integer PRIMARY KEY, v integer DEFAULT (2 * 3) + 1);
