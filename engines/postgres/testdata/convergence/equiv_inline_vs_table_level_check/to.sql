CREATE TABLE t (qty integer, CONSTRAINT t_qty_check CHECK (qty > 0));
