CREATE TABLE t (id int, status text, created timestamptz);
CREATE VIEW v AS SELECT id, status, created FROM t;
ALTER VIEW v ALTER COLUMN status SET DEFAULT 'old';
ALTER VIEW v ALTER COLUMN created SET DEFAULT now();
CREATE VIEW w AS SELECT id, status FROM t;
ALTER VIEW w ALTER COLUMN status SET DEFAULT 'kept';
