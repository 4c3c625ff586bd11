CREATE TABLE t (qty integer CHECK (qty > 0));
