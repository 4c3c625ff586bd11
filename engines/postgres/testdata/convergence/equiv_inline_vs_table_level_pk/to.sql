CREATE TABLE t (id integer, v text, PRIMARY KEY (id));
