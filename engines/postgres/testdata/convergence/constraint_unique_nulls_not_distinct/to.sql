CREATE TABLE t (id integer PRIMARY KEY, code text, CONSTRAINT t_code_key UNIQUE NULLS NOT DISTINCT (code));
