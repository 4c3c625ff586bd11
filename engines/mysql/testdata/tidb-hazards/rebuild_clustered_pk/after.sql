CREATE TABLE t (id int NOT NULL, a int, b bigint NOT NULL, v varchar(100) NOT NULL, n int, PRIMARY KEY (id, b) CLUSTERED);
