CREATE TABLE t (a character(1), b bit(1));
