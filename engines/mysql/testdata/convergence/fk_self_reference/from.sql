CREATE TABLE n (id int PRIMARY KEY, parent int);
