CREATE TABLE t (id int PRIMARY KEY, a int, v int AS (a + 1) VIRTUAL);
INSERT INTO t (id, a) VALUES (1, 1);
