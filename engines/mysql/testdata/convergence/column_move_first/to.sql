CREATE TABLE t (b int, id int NOT NULL PRIMARY KEY, a int);
