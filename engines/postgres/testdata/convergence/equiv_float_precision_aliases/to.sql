CREATE TABLE t (a float(10), b float(40), c float);
