CREATE TABLE t (id integer PRIMARY KEY, tenant integer NOT NULL, code text NOT NULL, UNIQUE (tenant, code));
