CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
CREATE TABLE u (id int PRIMARY KEY, t_id int, v int);
CREATE VIEW v AS SELECT id, upper(b) AS ub, coalesce(a, 0) AS a0, concat(b, '-', id) AS label FROM t;
