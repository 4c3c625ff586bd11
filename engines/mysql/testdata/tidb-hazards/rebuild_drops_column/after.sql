CREATE TABLE t (id bigint NOT NULL PRIMARY KEY, v varchar(100));
