CREATE TABLE items (id integer PRIMARY KEY, code varchar(10));
CREATE INDEX items_code_idx ON items (code);
