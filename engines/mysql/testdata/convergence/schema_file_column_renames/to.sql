-- Migration style: renames in ALTER TABLE follow into keys, indexes and
-- the foreign keys that reference the renamed column, as on the server.
CREATE TABLE parent (id int PRIMARY KEY, code varchar(10), KEY code_idx (code));
CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
ALTER TABLE parent CHANGE COLUMN code sku varchar(20) NOT NULL;
ALTER TABLE parent RENAME COLUMN id TO parent_key;
ALTER TABLE child RENAME COLUMN parent_id TO parent_key;
ALTER TABLE parent RENAME INDEX code_idx TO sku_idx;
