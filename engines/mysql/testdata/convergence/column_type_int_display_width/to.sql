CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int(11), b smallint(6), c bigint(20), d mediumint(9), e tinyint(4));
