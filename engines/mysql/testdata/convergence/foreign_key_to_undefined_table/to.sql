-- A key to a table the files do not define loads with the checks off, as
-- mysqldump output does; the plan adds it the same way.
SET FOREIGN_KEY_CHECKS = 0;
CREATE TABLE t1 (id int PRIMARY KEY, i int, CONSTRAINT t1_parent FOREIGN KEY (i) REFERENCES parent (id));
CREATE TABLE t2 (id int PRIMARY KEY, i int, CONSTRAINT t2_parent FOREIGN KEY (i) REFERENCES parent (id));
