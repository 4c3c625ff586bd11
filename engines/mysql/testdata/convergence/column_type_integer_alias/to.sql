CREATE TABLE t (id int NOT NULL PRIMARY KEY, a integer, b int4, c int8, d middleint);
