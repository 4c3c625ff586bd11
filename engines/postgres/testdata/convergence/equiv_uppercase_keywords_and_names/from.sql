CREATE TABLE orders (id integer PRIMARY KEY, total numeric(8,2));
