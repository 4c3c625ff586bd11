-- MariaDB renames the column in the checks, generated columns and
-- default expressions that use it. A check written in the column's
-- definition keeps its name with RENAME COLUMN, and goes with the old
-- definition with CHANGE.
CREATE TABLE t (
  id int PRIMARY KEY,
  a int,
  c int,
  d int CHECK (d <> 0),
  e int CHECK (e > 0),
  g int AS (a + 1),
  h int DEFAULT (a * 2),
  CONSTRAINT t_pos CHECK (a > 0),
  CHECK (a < c)
);
ALTER TABLE t RENAME COLUMN a TO b;
ALTER TABLE t RENAME COLUMN e TO e2;
ALTER TABLE t CHANGE b bb bigint;
ALTER TABLE t CHANGE d d2 int;
ALTER TABLE t CHANGE c c2 int CHECK (c2 < 100);
