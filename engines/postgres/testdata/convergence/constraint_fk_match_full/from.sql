CREATE TABLE parents (id integer PRIMARY KEY, code text UNIQUE);

CREATE TABLE pairs (a integer, b integer, PRIMARY KEY (a, b));
CREATE TABLE refs (id integer PRIMARY KEY, a integer, b integer);
