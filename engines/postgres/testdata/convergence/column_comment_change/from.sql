CREATE TABLE items (id integer PRIMARY KEY, sku text);
COMMENT ON COLUMN items.sku IS 'stock keeping unit';
