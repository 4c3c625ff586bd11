CREATE TABLE t (a real, b double precision, c double precision);
