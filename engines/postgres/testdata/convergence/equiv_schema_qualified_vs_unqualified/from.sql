CREATE TABLE t (id integer PRIMARY KEY);
CREATE INDEX t_id_desc ON t (id DESC);
