CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b bigint NOT NULL, v varchar(100) NOT NULL, n int, KEY ka (a));
