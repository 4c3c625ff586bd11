CREATE TABLE t (id int, a int, b int, c int);
