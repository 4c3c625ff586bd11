CREATE TABLE keep (id int PRIMARY KEY);

CREATE TABLE t (
  id int PRIMARY KEY,
  a varchar(10),
  b varchar(10) CHARACTER SET latin1,
  c varchar(10) COLLATE utf8mb4_general_ci,
  d char(3) CHARACTER SET ascii
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE l (
  id int PRIMARY KEY,
  a varchar(10)
) DEFAULT CHARSET=latin1;
