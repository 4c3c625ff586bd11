CREATE TABLE t (id int, status text, created timestamptz);
CREATE VIEW v AS SELECT id, status, created FROM t;
ALTER VIEW v ALTER COLUMN status SET DEFAULT 'new';
ALTER VIEW v ALTER COLUMN id SET DEFAULT 0;
-- w loses a column: made again, with its default
CREATE VIEW w AS SELECT id FROM t;
ALTER TABLE ONLY w ALTER COLUMN id SET DEFAULT 1;
CREATE VIEW fresh AS SELECT id FROM t;
ALTER VIEW fresh ALTER COLUMN id SET DEFAULT 42;
