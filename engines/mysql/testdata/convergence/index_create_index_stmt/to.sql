CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b varchar(100), c int, d text);
CREATE INDEX ic ON t (c);
CREATE UNIQUE INDEX ub ON t (b);
