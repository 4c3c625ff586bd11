-- A table without a primary key is clustered on its first unique index
-- over NOT NULL columns: dropping or changing that index drops the
-- primary key, which the servers do only by copying the table.
CREATE TABLE ref (id bigint NOT NULL PRIMARY KEY);
CREATE TABLE tbl (
  ref_id bigint NOT NULL,
  KEY ref_id (ref_id),
  FOREIGN KEY (ref_id) REFERENCES ref (id)
);
CREATE TABLE pairs (a int NOT NULL, b int NOT NULL, c int, UNIQUE KEY ab (a, b, c));
