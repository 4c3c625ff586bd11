CREATE TABLE items (id integer PRIMARY KEY, v char(10));
