-- The server made an index for the foreign key; dropping the key leaves it.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, pid int, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
ALTER TABLE child DROP FOREIGN KEY fk_child_parent;
