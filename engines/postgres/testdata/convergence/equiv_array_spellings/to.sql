CREATE TABLE t (a int ARRAY, b varchar(10)[], c text[3]);
