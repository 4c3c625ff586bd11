CREATE TABLE ignored (id int NOT NULL PRIMARY KEY, ignored int, b int, KEY ignored (ignored, b));
CREATE TABLE t (id int NOT NULL PRIMARY KEY, ignored_id int, KEY k (ignored_id), FOREIGN KEY (ignored_id) REFERENCES ignored (id));
