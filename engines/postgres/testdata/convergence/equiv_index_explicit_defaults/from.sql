CREATE TABLE t (a integer, b integer);
CREATE INDEX t_ab ON t (a, b DESC);
