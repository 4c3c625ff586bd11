CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, d varchar(10) NOT NULL DEFAULT 'n', a int DEFAULT 1, b varchar(20), c int, pid int, KEY kc (c));
