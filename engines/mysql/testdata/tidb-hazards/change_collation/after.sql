CREATE TABLE t (id int NOT NULL PRIMARY KEY, w varchar(20) COLLATE utf8mb4_general_ci, x varchar(20) COLLATE utf8mb4_bin, KEY kx (x));
