CREATE TABLE t (id int NOT NULL, a int, b int, c int, PRIMARY KEY (id), KEY ab (a, b), KEY a_only (a), UNIQUE KEY bc (b, c), KEY cab (c, a, b));
