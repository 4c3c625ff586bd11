CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(40) DEFAULT (uuid()));
