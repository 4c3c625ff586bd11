CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (
  id int PRIMARY KEY,
  a int DEFAULT 1,
  -- schemasync:renamed-from b
  label varchar(20),
  c int, pid int, KEY kc (c));
