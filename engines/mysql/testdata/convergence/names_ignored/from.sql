CREATE TABLE ignored (id int NOT NULL PRIMARY KEY, ignored int);
