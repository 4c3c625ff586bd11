CREATE TABLE items (id int PRIMARY KEY, code text UNIQUE, note text);
COMMENT ON INDEX items_code_key IS 'old';
