CREATE TABLE t (a integer, b integer, CONSTRAINT t_ab CHECK (a > 0 AND b > 0));
