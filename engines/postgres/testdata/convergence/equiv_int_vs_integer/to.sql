CREATE TABLE t (a int, b int2, c int8);
