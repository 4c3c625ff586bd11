CREATE TABLE items (id integer PRIMARY KEY, v text);
