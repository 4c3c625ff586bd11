CREATE TABLE base (id int PRIMARY KEY, name varchar(20));
