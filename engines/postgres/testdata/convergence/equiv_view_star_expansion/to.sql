CREATE TABLE t (a integer, b text);
CREATE VIEW v AS SELECT * FROM t;
