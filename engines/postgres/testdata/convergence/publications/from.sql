CREATE SCHEMA sales;
CREATE TABLE sales.orders (id integer PRIMARY KEY, region text, total numeric, note text);
CREATE TABLE customers (id integer PRIMARY KEY, name text, email text);
