CREATE TABLE orders (id integer PRIMARY KEY, customer text, amount numeric(12,2), placed date);
