CREATE TABLE items (id integer PRIMARY KEY, v numeric(10,2));
