CREATE TABLE t (c bigint, a int, b varchar(5));
