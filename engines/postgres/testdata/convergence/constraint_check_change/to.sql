CREATE TABLE t (id integer PRIMARY KEY, qty integer, price numeric(10,2), status text, code text, starts date, ends date, CONSTRAINT t_qty_check CHECK (qty > 0));
