CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int NOT NULL DEFAULT 1 CHECK (b > 0), c int CHECK (c <> 5));
