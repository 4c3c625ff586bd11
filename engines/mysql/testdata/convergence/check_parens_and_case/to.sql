CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT ck CHECK ((A > 0) and (B<>5)));
