CREATE TABLE t (a integer) WITH (fillfactor = 70);
