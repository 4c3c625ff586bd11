CREATE TABLE t (
  id int PRIMARY KEY,
  e int DEFAULT 7,
  b varchar(40) NOT NULL DEFAULT 'x',
  a bigint,
  c int,
  f date,
  KEY e (e)
);
