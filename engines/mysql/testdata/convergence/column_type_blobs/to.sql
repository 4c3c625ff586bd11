CREATE TABLE t (id int NOT NULL PRIMARY KEY, a mediumblob, b tinyblob, c longblob, d tinytext, e mediumtext, f longtext);
