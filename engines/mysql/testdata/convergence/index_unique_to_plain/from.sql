CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b varchar(100), c int, d text, UNIQUE KEY ua (a));
