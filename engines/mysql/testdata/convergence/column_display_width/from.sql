CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int(11) unsigned, d tinyint(1));
