CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
CREATE TABLE u (id int PRIMARY KEY, t_id int, v int);
CREATE VIEW v AS SELECT t_id, count(*) AS n, sum(v) AS total FROM u GROUP BY t_id HAVING count(*) > 1;
