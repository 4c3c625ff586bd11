CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 1, c int, pid int, KEY kc (c));
