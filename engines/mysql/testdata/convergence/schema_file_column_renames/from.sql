CREATE TABLE parent (id int PRIMARY KEY, code varchar(10), KEY code_idx (code));
CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
