CREATE TABLE accounts (id int PRIMARY KEY, name varchar(20), KEY accounts_name (name));
CREATE TABLE orders (id int PRIMARY KEY, total int, KEY orders_total (total));
CREATE TABLE items (id int PRIMARY KEY, sku int, KEY items_sku (sku));
