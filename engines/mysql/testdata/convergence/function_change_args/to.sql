CREATE TABLE t (id int PRIMARY KEY, a int);
CREATE FUNCTION f(x bigint, y int) RETURNS bigint DETERMINISTIC RETURN x + y;
