-- An index type written in the files is kept by the server (SHOW CREATE
-- TABLE prints it) though information_schema shows BTREE either way: the
-- plan creates the indexes with it.
CREATE TABLE t (
  id int NOT NULL PRIMARY KEY,
  a int,
  b varchar(20),
  KEY a_idx (a) USING BTREE,
  UNIQUE KEY b_idx USING BTREE (b, a) COMMENT 'pairs'
);
CREATE INDEX ab_idx USING BTREE ON t (a, b);
