CREATE TABLE t (
  a int NOT NULL,
  b int NOT NULL,
  c int,
  PRIMARY KEY (a)
);
