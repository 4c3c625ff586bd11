CREATE SCHEMA app;
CREATE TABLE item (id int);
