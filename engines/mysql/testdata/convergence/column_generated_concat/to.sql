CREATE TABLE t (id int NOT NULL PRIMARY KEY, f varchar(10), l varchar(10), full varchar(21) AS (concat(f, ' ', l)) STORED);
