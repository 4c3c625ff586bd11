CREATE TABLE t (id int PRIMARY KEY, body text, a int, KEY a (a));
