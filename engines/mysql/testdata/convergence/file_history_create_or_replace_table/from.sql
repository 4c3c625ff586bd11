CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE TABLE kept (id int PRIMARY KEY);
