CREATE TABLE t (id int NOT NULL PRIMARY KEY, a double, b real, c float(7,3));
