CREATE TABLE t (id int PRIMARY KEY, a int, v int AS (a + 1) VIRTUAL, w int AS (a + 2) VIRTUAL);
INSERT INTO t (id, a) VALUES (1, 1);
