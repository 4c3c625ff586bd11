CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int NOT NULL, v varchar(100) NOT NULL, n int);
