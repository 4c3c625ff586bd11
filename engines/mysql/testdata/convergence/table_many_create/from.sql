CREATE TABLE a0 (id int);
