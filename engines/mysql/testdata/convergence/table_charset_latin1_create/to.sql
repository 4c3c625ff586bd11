CREATE TABLE x (id int);
CREATE TABLE t (id int, s varchar(10)) DEFAULT CHARSET=latin1;
