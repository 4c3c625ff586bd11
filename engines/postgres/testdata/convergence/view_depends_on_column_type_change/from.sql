CREATE TABLE products (id integer PRIMARY KEY, title varchar(50) NOT NULL, price numeric(8,2));
CREATE VIEW cheap_products AS SELECT id, title, price FROM products WHERE price < 10;
