CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int CHECK (a > 0), b int CHECK (b > 0), c int);
