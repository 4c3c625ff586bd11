CREATE TABLE items (id integer PRIMARY KEY, v bigint);
