CREATE TABLE t (id bigint PRIMARY KEY, note text);
