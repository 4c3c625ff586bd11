-- Written as a history: the column a leaves its keys (a_only goes with it),
-- execution hints and a repeated
-- CREATE TABLE IF NOT EXISTS change nothing.
CREATE TABLE t (id int NOT NULL, a int, b int, c int, PRIMARY KEY (id), KEY ab (a, b), KEY a_only (a), UNIQUE KEY bc (b, c), KEY cab (c, a, b));
CREATE TABLE IF NOT EXISTS t (id int);
ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, DROP COLUMN a;
