CREATE TABLE t (a char, b bit);
