CREATE TABLE t (a numeric(10,2), b numeric);
