-- Schema files written as a history: columns and constraints added, then dropped.
CREATE TABLE owners (id int PRIMARY KEY, code text UNIQUE, legacy serial, tag text);
CREATE TABLE items (
    id int PRIMARY KEY,
    owner_code text REFERENCES owners (code),
    qty int CHECK (qty > 0),
    note text,
    old_flag boolean,
    CONSTRAINT qty_note CHECK (qty < 100 OR note IS NOT NULL)
);
CREATE INDEX items_old_flag ON items (old_flag);
CREATE INDEX items_lower_note ON items (lower(note)) WHERE old_flag;
CREATE INDEX items_qty ON items (qty) INCLUDE (old_flag);
ALTER TABLE owners DROP COLUMN legacy;
ALTER TABLE owners DROP COLUMN IF EXISTS no_such_column;
ALTER TABLE items DROP COLUMN old_flag;
ALTER TABLE items DROP CONSTRAINT qty_note;
ALTER TABLE items DROP CONSTRAINT IF EXISTS no_such_constraint;
ALTER TABLE owners DROP COLUMN code CASCADE;
ALTER TABLE owners ADD COLUMN code text;
