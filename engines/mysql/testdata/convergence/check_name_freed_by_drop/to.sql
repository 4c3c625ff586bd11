-- MySQL's check names are per database: a name a table the plan drops
-- had is free for the table it makes, and the check keeps it. The
-- expression as written keeps its names' case (dateT).
CREATE TABLE t2 (id int PRIMARY KEY, i int, dateT datetime, CONSTRAINT check1 CHECK (i < 5), CONSTRAINT unix_epoch CHECK (dateT < '1970-01-01'));
