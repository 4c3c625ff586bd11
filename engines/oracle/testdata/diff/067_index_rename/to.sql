CREATE TABLE t (a NUMBER, b NUMBER);
CREATE INDEX t_a_b_ix ON t (a, b);
