CREATE TABLE ignored (id int NOT NULL PRIMARY KEY, ignored int, KEY ignored (ignored) IGNORED, KEY ib (id, ignored) NOT IGNORED);
