CREATE TABLE t (id int NOT NULL PRIMARY KEY, a char, b binary(4), c varbinary(10));
