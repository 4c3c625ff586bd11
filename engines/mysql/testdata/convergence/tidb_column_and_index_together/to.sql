CREATE TABLE t (
  id int PRIMARY KEY,
  a int,
  b varchar(20) NOT NULL DEFAULT '',
  c int,
  KEY b_c (b, c),
  UNIQUE KEY a_b (a, b)
);
