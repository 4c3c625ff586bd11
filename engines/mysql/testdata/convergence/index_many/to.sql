CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b varchar(100), c int, d text, KEY i1 (a), KEY i2 (c), KEY i3 (a, c), UNIQUE KEY u1 (b), KEY i4 (b(5), a));
