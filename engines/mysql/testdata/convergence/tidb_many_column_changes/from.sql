CREATE TABLE t (
  id int PRIMARY KEY,
  a int,
  b varchar(10),
  c int NOT NULL,
  d int
);
