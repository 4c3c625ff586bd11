CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int DEFAULT '7', b decimal(6,2) DEFAULT '1.5');
