CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY ix (a, b), KEY b (b));
