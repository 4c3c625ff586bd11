CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(10), b varchar(5) CHARACTER SET utf8mb4) DEFAULT CHARSET=latin1;
