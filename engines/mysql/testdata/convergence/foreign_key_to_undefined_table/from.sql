CREATE TABLE t1 (id int PRIMARY KEY, i int);
