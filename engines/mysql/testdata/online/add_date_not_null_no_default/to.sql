CREATE TABLE t (id int PRIMARY KEY, a int, d datetime NOT NULL);
