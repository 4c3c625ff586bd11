CREATE TABLE products (id integer PRIMARY KEY, title text, legacy_code text);
CREATE VIEW product_codes AS SELECT id, title, legacy_code FROM products;
