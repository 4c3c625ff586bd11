CREATE TABLE t (a character varying(20), b character varying, c character(5));
