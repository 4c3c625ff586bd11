CREATE TABLE t (a integer, CONSTRAINT t_a_check CHECK (a >= 1 AND a <= 9));
