-- A primary key column stays NOT NULL when a later MODIFY says NULL
-- (MariaDB takes it silently; MySQL refuses it).
CREATE TABLE t (id int NOT NULL, e enum('red','green') NOT NULL, PRIMARY KEY (id, e));
ALTER TABLE t CHANGE e e enum('red','green','blue') NULL DEFAULT NULL;
