CREATE TABLE items (id integer PRIMARY KEY, v numeric(12,2));
