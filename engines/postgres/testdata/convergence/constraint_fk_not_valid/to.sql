CREATE TABLE parents (id integer PRIMARY KEY, code text UNIQUE);

CREATE TABLE children (id integer PRIMARY KEY, parent_id integer);
ALTER TABLE children ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;
