CREATE TABLE items (id integer PRIMARY KEY, v boolean DEFAULT false);
