CREATE TABLE t (id int NOT NULL, a int NOT NULL, PRIMARY KEY (id, a));
