CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
CREATE TABLE u (id int PRIMARY KEY, t_id int, v int);
CREATE VIEW v (k, val) AS SELECT id, a FROM t;
