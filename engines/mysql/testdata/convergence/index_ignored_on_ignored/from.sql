CREATE TABLE ignored (id int NOT NULL PRIMARY KEY, ignored int, KEY ignored (ignored), KEY ib (id, ignored) IGNORED);
