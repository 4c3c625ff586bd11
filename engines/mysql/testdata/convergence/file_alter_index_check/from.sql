CREATE TABLE t (id int PRIMARY KEY, qty int, KEY q (qty), CONSTRAINT qty_positive CHECK (qty > 0));
