CREATE TABLE t (id int NOT NULL PRIMARY KEY, a timestamp(6) NULL);
