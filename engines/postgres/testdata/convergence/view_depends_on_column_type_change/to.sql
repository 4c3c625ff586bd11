CREATE TABLE products (id integer PRIMARY KEY, title varchar(200) NOT NULL, price numeric(12,2));
CREATE VIEW cheap_products AS SELECT id, title, price FROM products WHERE price < 10;
