CREATE TABLE x (id int);
CREATE TABLE t (a int, b varchar(10), c int, PRIMARY KEY (a, b));
