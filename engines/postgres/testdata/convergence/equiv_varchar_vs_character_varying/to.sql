CREATE TABLE t (a varchar(20), b varchar, c char(5));
