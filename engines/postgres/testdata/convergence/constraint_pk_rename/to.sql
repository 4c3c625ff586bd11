CREATE TABLE t (id integer CONSTRAINT t_primary PRIMARY KEY);
