-- Names are case-insensitive, but the catalogs keep the case they were
-- written in: columns and indexes are renamed (TiDB keeps a column's
-- first case), checks dropped and added. A check of the same expression
-- under another name both sides chose is not the same check.
CREATE TABLE t (
  Id int PRIMARY KEY,
  datet datetime,
  c int,
  KEY IDX_A (datet),
  CONSTRAINT check1 CHECK (c > 0)
);
CREATE TABLE u (id int PRIMARY KEY, v int, CONSTRAINT u_v_positive CHECK (v > 0));
