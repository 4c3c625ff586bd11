CREATE TABLE t (a integer, b integer, CONSTRAINT t_a_b_key UNIQUE (a, b));
