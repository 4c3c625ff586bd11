CREATE TABLE x (id int);
CREATE TABLE t (a int, b text);
