CREATE TABLE t (id int PRIMARY KEY, at datetime);
