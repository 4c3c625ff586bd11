-- Renames written as history keep the column's data: the plan renames.
CREATE TABLE people (id int PRIMARY KEY, c2 int NOT NULL, nick varchar(20), KEY c2_idx (c2));
ALTER TABLE people CHANGE COLUMN c2 c3 int NOT NULL;
ALTER TABLE people CHANGE c3 score int NOT NULL;
ALTER TABLE people RENAME COLUMN nick TO handle;
