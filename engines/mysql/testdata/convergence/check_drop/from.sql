CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT ck_a CHECK (a > 0));
