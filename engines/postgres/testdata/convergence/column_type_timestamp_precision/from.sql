CREATE TABLE items (id integer PRIMARY KEY, v timestamp(6));
