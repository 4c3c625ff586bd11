CREATE TABLE t (id int PRIMARY KEY, name varchar(20), note text, KEY (name));
