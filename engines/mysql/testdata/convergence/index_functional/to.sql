CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(20), b int, KEY ia ((lower(a))), KEY ib ((b * 2), a), UNIQUE KEY uc ((concat(a, 'x'))));
