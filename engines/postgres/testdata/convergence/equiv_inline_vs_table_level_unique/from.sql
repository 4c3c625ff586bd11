CREATE TABLE t (id integer, code text UNIQUE);
