CREATE TABLE items (id integer PRIMARY KEY, flags integer);
