CREATE TABLE t (id integer PRIMARY KEY, qty integer CHECK (qty <> 13), price numeric(10,2) CHECK (price IS NOT NULL));
