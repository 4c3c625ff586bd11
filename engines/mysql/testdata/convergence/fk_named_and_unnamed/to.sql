-- TiDB numbers every foreign key it adds, named or not: the unnamed keys
-- here are fk_1 and fk_3 there (c_ibfk_1 and c_ibfk_2 on MySQL and MariaDB),
-- and so are the indexes made for them.
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, x int, y int, z int,
  FOREIGN KEY (x) REFERENCES p (id),
  CONSTRAINT c_named FOREIGN KEY (y) REFERENCES p (id),
  FOREIGN KEY (z) REFERENCES p (id));
