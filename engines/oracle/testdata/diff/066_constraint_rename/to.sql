CREATE TABLE t (n NUMBER, CONSTRAINT t_n_positive CHECK (n > 0));
