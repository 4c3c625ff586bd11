CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, a bigint DEFAULT 1, b varchar(20), c int, pid int, KEY kc (c));
