-- Invisible columns (MySQL 8.0.23, MariaDB 10.3), which the TiDB grammar
-- cannot read: made, changed in place both ways (also as mysqldump writes
-- them, in a version comment), kept where the files say nothing new.
CREATE TABLE t (
  id int PRIMARY KEY,
  a int,
  b int DEFAULT NULL /*!80023 INVISIBLE */,
  c int INVISIBLE COMMENT 'hidden',
  d varchar(10) INVISIBLE
);
ALTER TABLE t ADD COLUMN e int INVISIBLE, MODIFY COLUMN a int NOT NULL DEFAULT 0;
