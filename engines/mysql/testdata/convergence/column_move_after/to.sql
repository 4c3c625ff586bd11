CREATE TABLE t (id int, c int, a int, b int);
