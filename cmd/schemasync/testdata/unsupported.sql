CREATE TABLE t (id int);
CREATE TEXT SEARCH DICTIONARY t_simple (TEMPLATE = pg_catalog.simple);
