CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100));
