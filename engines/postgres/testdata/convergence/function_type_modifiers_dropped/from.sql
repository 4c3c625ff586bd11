CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), created_at timestamp);
