-- NO ACTION and RESTRICT act alike, but each catalog tells one of them
-- apart from a key that names none: MySQL and TiDB report RESTRICT
-- (their default is NO ACTION), MariaDB reports NO ACTION (its default is
-- RESTRICT).
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (
  id int PRIMARY KEY,
  a int,
  b int,
  CONSTRAINT c_a FOREIGN KEY (a) REFERENCES p (id) ON DELETE NO ACTION ON UPDATE RESTRICT,
  CONSTRAINT c_b FOREIGN KEY (b) REFERENCES p (id)
);
