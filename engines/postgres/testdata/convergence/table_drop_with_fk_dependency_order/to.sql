CREATE TABLE authors (id integer PRIMARY KEY);
