CREATE TABLE t (a integer, b smallint, c bigint);
