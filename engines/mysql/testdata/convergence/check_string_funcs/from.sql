CREATE TABLE t (id int, s varchar(20));
