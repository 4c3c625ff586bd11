CREATE TABLE t (a bool DEFAULT 't');
