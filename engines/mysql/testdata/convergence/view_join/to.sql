CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
CREATE TABLE u (id int PRIMARY KEY, t_id int, v int);
CREATE VIEW v AS SELECT t.id, u.v FROM t JOIN u ON u.t_id = t.id WHERE u.v > 0;
