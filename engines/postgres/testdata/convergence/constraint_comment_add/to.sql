CREATE TABLE t (id integer PRIMARY KEY, qty integer CONSTRAINT t_qty_check CHECK (qty > 0));
COMMENT ON CONSTRAINT t_qty_check ON t IS 'quantities are positive';
