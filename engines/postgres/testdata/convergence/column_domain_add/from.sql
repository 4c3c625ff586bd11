CREATE DOMAIN email AS text CHECK (VALUE ~ '@');
CREATE TABLE people (id integer PRIMARY KEY);
