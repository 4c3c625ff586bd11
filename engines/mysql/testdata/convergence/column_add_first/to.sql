CREATE TABLE t (z int, id int NOT NULL PRIMARY KEY, a int);
