CREATE TABLE t (d int, c int, b int, a int);
