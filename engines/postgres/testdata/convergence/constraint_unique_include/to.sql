CREATE TABLE t (id integer PRIMARY KEY, code text NOT NULL, label text, CONSTRAINT t_code_key UNIQUE (code) INCLUDE (label));
