CREATE TABLE t (id int PRIMARY KEY, code varchar(10), name varchar(20));
