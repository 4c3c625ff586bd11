CREATE TABLE t (id int PRIMARY KEY, b tinyblob NOT NULL, UNIQUE KEY ub (b));
