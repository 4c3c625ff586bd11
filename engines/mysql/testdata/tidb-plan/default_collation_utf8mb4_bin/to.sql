CREATE TABLE t (id int PRIMARY KEY, a varchar(10) COLLATE utf8mb4_bin, b varchar(10) CHARACTER SET latin1);
