CREATE TABLE t (id integer PRIMARY KEY, qty integer, price numeric(10,2), status text, code text, starts date, ends date, CONSTRAINT t_code_like CHECK (code LIKE 'SKU-%' AND code NOT LIKE '%-X'));
