-- A table renamed away and made again under its name, the old one kept:
-- the new CREATE TABLE follows the rename, and a target with the old
-- table gets it renamed, rows kept, and the new one made.
CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100));
ALTER TABLE logs RENAME TO logs_archive;
CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100), level int);
