CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b varchar(100), KEY ia (a) INVISIBLE, KEY ib (b(10)) COMMENT 'x' INVISIBLE);
