CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int(5) unsigned zerofill);
