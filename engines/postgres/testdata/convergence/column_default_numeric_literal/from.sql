CREATE TABLE items (id integer PRIMARY KEY, v numeric(4,2));
