CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id bigint PRIMARY KEY, name varchar(20) NOT NULL);
