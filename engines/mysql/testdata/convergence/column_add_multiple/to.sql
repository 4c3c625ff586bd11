CREATE TABLE t (id int NOT NULL PRIMARY KEY, x int, a int, y text, z date);
