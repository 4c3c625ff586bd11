CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(10) CHARACTER SET utf8mb4, b text COLLATE utf8mb4_general_ci);
