CREATE TABLE t (id int NOT NULL, e enum('red','green') NOT NULL, PRIMARY KEY (id, e));
