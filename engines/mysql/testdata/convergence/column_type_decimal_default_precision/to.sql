CREATE TABLE t (id int NOT NULL PRIMARY KEY, a numeric(10,0), b decimal(5));
