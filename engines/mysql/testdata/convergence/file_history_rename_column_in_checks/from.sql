-- d has no check here: MariaDB drops a check written in a column's
-- definition only by defining the column again, and the plan would drop
-- it with DROP CONSTRAINT, which MariaDB refuses for such checks.
CREATE TABLE t (
  id int PRIMARY KEY,
  a int,
  c int,
  d int,
  e int CHECK (e > 0),
  g int AS (a + 1),
  h int DEFAULT (a * 2),
  CONSTRAINT t_pos CHECK (a > 0),
  CHECK (a < c)
);
