CREATE TABLE users (id int PRIMARY KEY, name varchar(50));
CREATE TABLE scratch (a int, KEY a_idx (a));
