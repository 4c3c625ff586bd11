CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, pid int, CONSTRAINT fk_child_parent FOREIGN KEY (pid) REFERENCES parent (id));
