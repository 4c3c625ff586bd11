-- A zerofill column keeps its display width on every server; written
-- without one it gets the type's (int(10), bigint(20)).
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int(5) unsigned zerofill, b int zerofill, c bigint unsigned zerofill);
