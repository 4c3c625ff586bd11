-- (Taking KEY_BLOCK_SIZE off a table leaves it on the table's indexes on
-- MariaDB, which SHOW CREATE TABLE prints: not tested here.)
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a varchar(20)) ENGINE=InnoDB KEY_BLOCK_SIZE=8;
CREATE TABLE u (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB KEY_BLOCK_SIZE=4;
CREATE TABLE v (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB KEY_BLOCK_SIZE=16;
