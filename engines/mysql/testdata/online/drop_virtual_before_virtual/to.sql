CREATE TABLE t (id int PRIMARY KEY, a int, w int AS (a + 2) VIRTUAL);
