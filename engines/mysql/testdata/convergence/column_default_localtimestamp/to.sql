CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b datetime DEFAULT LOCALTIMESTAMP, c timestamp NULL DEFAULT current_timestamp());
