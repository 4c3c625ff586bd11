CREATE TABLE t (
  id int PRIMARY KEY,
  dateT datetime,
  c int,
  KEY idx_a (dateT),
  CONSTRAINT Check1 CHECK (c > 0)
);
CREATE TABLE u (id int PRIMARY KEY, v int, CONSTRAINT u_positive CHECK (v > 0));
