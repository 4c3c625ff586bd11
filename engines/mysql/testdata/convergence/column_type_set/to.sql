CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, s set('r','w','x') DEFAULT 'r,w');
