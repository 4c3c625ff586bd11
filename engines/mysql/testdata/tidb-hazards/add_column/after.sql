CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b bigint NOT NULL, v varchar(100) NOT NULL, n int, c varchar(10) NOT NULL DEFAULT 'x');
