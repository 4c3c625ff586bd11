CREATE TABLE t (id int PRIMARY KEY, loc point NOT NULL);
