CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
CREATE TABLE u (id int PRIMARY KEY, t_id int, v int);
CREATE VIEW v AS SELECT id, a FROM t WHERE a > 0 WITH LOCAL CHECK OPTION;
