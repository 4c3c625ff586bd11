CREATE TABLE items (id integer PRIMARY KEY, qty integer NOT NULL DEFAULT 0);
