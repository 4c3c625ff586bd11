CREATE TABLE t (id int NOT NULL, b int NOT NULL, PRIMARY KEY (id, b) COMMENT 'the key');
CREATE TABLE u (id int NOT NULL, PRIMARY KEY (id) COMMENT 'new');
CREATE TABLE w (id int NOT NULL COMMENT 'a column comment', x int NOT NULL, PRIMARY KEY (x) COMMENT 'x');
