CREATE TABLE p (id int PRIMARY KEY);
INSERT INTO p VALUES (1), (2);
CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 1, b varchar(20), c int, pid int, KEY kc (c));
INSERT INTO t VALUES (1, 1, 'x', 1, 1), (2, 2, 'y', 2, 2), (3, NULL, 'z', 3, NULL);
