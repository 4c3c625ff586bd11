CREATE TABLE people (id int PRIMARY KEY, c2 int NOT NULL, nick varchar(20), KEY c2_idx (c2));
