-- CREATE TABLE ... (LIKE ...) copies what its INCLUDING options say, as the
-- server copies it when it creates the table; copied indexes get new names.
CREATE TABLE base (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'x', code text UNIQUE, CHECK (length(name) > 0));
CREATE INDEX base_name_idx ON base (lower(name));
COMMENT ON COLUMN base.name IS 'Display name';
CREATE TABLE copy_all (LIKE base INCLUDING ALL, extra integer);
CREATE TABLE copy_plain (note text, LIKE base);
CREATE TABLE copy_some (LIKE base INCLUDING DEFAULTS INCLUDING CONSTRAINTS EXCLUDING INDEXES);
CREATE TABLE copy_keyed (id2 integer UNIQUE, LIKE base INCLUDING INDEXES INCLUDING COMMENTS);
