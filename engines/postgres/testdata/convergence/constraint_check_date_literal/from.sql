CREATE TABLE t (id integer PRIMARY KEY, qty integer, price numeric(10,2), status text, code text, starts date, ends date);
