CREATE TABLE ref (id bigint NOT NULL PRIMARY KEY);
CREATE TABLE tbl (
  ref_id bigint NOT NULL,
  UNIQUE KEY u_ref_id (ref_id),
  KEY ref_id (ref_id),
  FOREIGN KEY (ref_id) REFERENCES ref (id)
);
CREATE TABLE pairs (a int NOT NULL, b int NOT NULL, c int, UNIQUE KEY ab (a, b));
