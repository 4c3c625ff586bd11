CREATE TABLE t1 (id int PRIMARY KEY, i int, CONSTRAINT check1 CHECK (i < 5));
