CREATE TABLE items (id integer PRIMARY KEY, v numeric(14,4));
