CREATE TABLE t (id integer PRIMARY KEY, note text);
COMMENT ON TABLE t IS E'line one\nline two: \u00e9t\u00e9 \u2014 ok';
COMMENT ON COLUMN t.note IS 'it''s "quoted" -- not a comment; /* nor this */';
