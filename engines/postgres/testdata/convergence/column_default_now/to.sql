CREATE TABLE items (id integer PRIMARY KEY, v timestamptz DEFAULT now());
