-- Migration style: defaults set and dropped by ALTER COLUMN.
CREATE TABLE items (id int PRIMARY KEY, qty int DEFAULT 1, note varchar(20), created datetime DEFAULT CURRENT_TIMESTAMP);
ALTER TABLE items ALTER COLUMN qty SET DEFAULT 5;
ALTER TABLE items ALTER COLUMN note SET DEFAULT 'none', ALTER COLUMN created DROP DEFAULT;
