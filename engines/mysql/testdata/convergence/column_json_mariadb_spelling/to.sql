CREATE TABLE t (id int PRIMARY KEY, data longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT '[]' CHECK (json_valid(data)));
