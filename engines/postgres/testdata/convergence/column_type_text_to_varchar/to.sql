CREATE TABLE items (id integer PRIMARY KEY, v varchar(64));
