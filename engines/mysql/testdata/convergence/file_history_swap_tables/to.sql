-- "Copy, alter, swap" migrations: the table made under a new name takes
-- the old name, and dropping the old table under its new name leaves it.
CREATE TABLE accounts (id int PRIMARY KEY, name varchar(20), KEY accounts_name (name));
CREATE TABLE accounts_new (id int PRIMARY KEY, name varchar(40), email varchar(80), KEY accounts_name (name));
RENAME TABLE accounts TO accounts_old, accounts_new TO accounts;
DROP TABLE accounts_old;
ALTER TABLE accounts ADD COLUMN created int;

-- The copy made by LIKE, then altered.
CREATE TABLE orders (id int PRIMARY KEY, total int, KEY orders_total (total));
CREATE TABLE orders_new LIKE orders;
ALTER TABLE orders_new ADD COLUMN note varchar(20);
RENAME TABLE orders TO orders_old, orders_new TO orders;
DROP TABLE orders_old;

-- Renamed away, made again under the name (with an index of the same
-- name), then the old one dropped.
CREATE TABLE items (id int PRIMARY KEY, sku int, KEY items_sku (sku));
CREATE INDEX items_sku_id ON items (sku, id);
ALTER TABLE items RENAME TO items_old;
CREATE TABLE items (id int PRIMARY KEY, code varchar(10));
CREATE INDEX items_sku_id ON items (code, id);
DROP TABLE items_old;
