CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b bool, c boolean DEFAULT false);
