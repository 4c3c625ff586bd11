-- Every table's first unnamed check is CONSTRAINT_1 in the model (MariaDB's
-- names, per table); MySQL and TiDB want check names unique in the
-- database, so the plan names them as those servers would.
CREATE TABLE s (id int PRIMARY KEY);
CREATE TABLE t1 (a int, CHECK (a > 0));
CREATE TABLE t2 (a int, CHECK (a > 1), CHECK (a < 9));
CREATE TABLE t3 (a int CHECK (a > 2), CHECK (a < 8));
