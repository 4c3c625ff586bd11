CREATE TABLE t (id integer, label text, CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (label));
