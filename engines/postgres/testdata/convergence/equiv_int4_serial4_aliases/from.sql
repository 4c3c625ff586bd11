CREATE TABLE t (a integer, b real, c double precision);
