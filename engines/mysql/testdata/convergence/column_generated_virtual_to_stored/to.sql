CREATE TABLE t (id int PRIMARY KEY, a int, b int AS (a * 2) STORED, c int);
