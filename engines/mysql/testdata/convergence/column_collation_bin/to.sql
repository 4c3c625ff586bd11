CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(10) COLLATE utf8mb4_bin);
