-- A key's index has a comment of its own, apart from the constraint's.
CREATE TABLE items (id int PRIMARY KEY, code text UNIQUE, note text);
COMMENT ON INDEX items_pkey IS 'Primary key index';
COMMENT ON CONSTRAINT items_pkey ON items IS 'Primary key';
CREATE TABLE tags (id int, CONSTRAINT tags_pk PRIMARY KEY (id));
COMMENT ON INDEX tags_pk IS 'Index of a new table''s key';
