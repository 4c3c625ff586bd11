CREATE TABLE t (id int PRIMARY KEY, a int, b int, CHECK (a > 0), CHECK (b < 10));
