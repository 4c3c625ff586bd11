CREATE TABLE parents (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE children (id integer PRIMARY KEY, parent_id integer REFERENCES parents (id) ON DELETE SET NULL);
