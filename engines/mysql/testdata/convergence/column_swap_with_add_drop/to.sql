CREATE TABLE t (x int, c int, a int);
