CREATE TABLE products (id integer PRIMARY KEY, title text);
CREATE VIEW product_codes AS SELECT id, title FROM products;
