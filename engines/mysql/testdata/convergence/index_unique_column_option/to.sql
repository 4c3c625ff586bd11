CREATE TABLE t (id int, a int UNIQUE, b int UNIQUE KEY);
