CREATE TABLE t (a timestamptz, b timestamp, c timetz, d time);
