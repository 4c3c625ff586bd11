CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v (x, y) AS SELECT id, a FROM t;
