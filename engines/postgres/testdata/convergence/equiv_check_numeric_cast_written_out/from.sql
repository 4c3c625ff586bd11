CREATE TABLE t (price numeric, CONSTRAINT t_price_check CHECK (price > 0));
