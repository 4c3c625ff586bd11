CREATE TABLE t (a NUMBER, b NUMBER);
CREATE VIEW v (first, second) AS SELECT a, b FROM t;
