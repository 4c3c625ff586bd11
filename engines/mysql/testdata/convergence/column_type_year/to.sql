CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, y year, y4 year(4));
